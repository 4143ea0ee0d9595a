"""The checks of tools/test-paraview on a run directory, with Debian's ParaView (pvpython) and VTK (python3-vtk9).

    pvpython --force-offscreen-rendering tools/paraview_check.py paraview RUN_DIR PICTURE.png [FIELD]
    python3 tools/paraview_check.py vtk RUN_DIR

paraview: ParaView's PVDReader loads RUN_DIR/cells.pvd; its time steps must be the t of timeseries.csv rows and the
TimeValue of each .vti; at every time step (UpdatePipeline(t), servermanager.Fetch) the cell arrays must give the
time series' conserved totals (sum over cells of V m_i c_i = mass_i; of V sum_i m_i c_i eps u_i = momentum; of
V sum_i c_i (3 T_i + m_i eps^2 |u_i|^2)/2 = energy) and its Maxwell-Stefan mode amplitude (the cosine amplitude of
c_i_ms over the cells = conc_mode_i_ms times the cell-average factor prod_d sinc(k_d h_d / 2)), and a cell value must
be the one knudsen_read reads from the file. Then it renders FIELD (default c_C) from the particles at the first and
the last time step beside its Maxwell-Stefan field at the last to PICTURE.png. vtk: vtkXMLImageDataReader reads every file of the
collection; TimeValue and every array must equal knudsen_read's, to the bit. Exits 1 naming the first mismatch.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import knudsen_read as kr  # noqa: E402
import numpy as np  # noqa: E402
from vtkmodules.util.numpy_support import vtk_to_numpy  # noqa: E402


def fail(message):
    print("MISMATCH: " + message)
    sys.exit(1)


def cell_arrays(data, names):
    """name -> array indexed [i, j, l(, d)] of a vtkImageData's cell data (x fastest in VTK)."""
    nx, ny, nz = (n - 1 for n in data.GetDimensions())
    out = {}
    for name in names:
        a = vtk_to_numpy(data.GetCellData().GetArray(name))
        shape = (nz, ny, nx) + ((a.shape[1],) if a.ndim == 2 else ())
        out[name] = a.reshape(shape).swapaxes(0, 2)
    return out


def totals(run, arrays):
    """mass_<i>, momentum_x/y/z, energy and conc_mode_<i>_ms (divided by the cell-average factor) from cell arrays."""
    sc = kr.scenario(run)
    eps = sc["scaling"]["epsilon"]
    cells, length = sc["domain"]["cells"], sc["domain"]["length"]
    volume = math.prod(length) / math.prod(cells)
    k = [2 * math.pi * n / L for n, L in zip(sc["fluid"]["mode"][0]["wavevector"], length)]
    x = np.meshgrid(*[(np.arange(n) + 0.5) * L / n for n, L in zip(cells, length)], indexing="ij")
    cosine = np.cos(k[0] * x[0] + k[1] * x[1] + k[2] * x[2])
    factor = math.prod(math.sin(kd * L / n / 2) / (kd * L / n / 2) if kd else 1.0 for kd, n, L in zip(k, cells, length))
    out = {"momentum_x": 0.0, "momentum_y": 0.0, "momentum_z": 0.0, "energy": 0.0}
    for s in sc["species"]:
        name, m = s["name"], s["mass"]
        c, u, T = arrays["c_" + name], arrays["u_" + name], arrays["T_" + name]
        out["mass_" + name] = volume * m * c.sum()
        for d, axis in enumerate("xyz"):
            out["momentum_" + axis] += volume * m * eps * (c * u[..., d]).sum()
        out["energy"] += volume * 0.5 * (c * (3 * T + m * eps ** 2 * (u ** 2).sum(axis=-1))).sum()
        out["conc_mode_%s_ms" % name] = 2 * (arrays["c_%s_ms" % name] * cosine).mean() / factor
    return out


def check_paraview(run, picture, field):
    from paraview import servermanager
    from paraview.simple import GetParaViewSourceVersion, PVDReader
    ts = kr.timeseries(run, frame=False)
    t_csv = list(ts["t"])
    reader = PVDReader(FileName=os.path.join(run, "cells.pvd"))
    times = list(reader.TimestepValues)
    print("pvpython (%s): PVDReader(%s) has %d time steps" % (GetParaViewSourceVersion(),
                                                                os.path.join(run, "cells.pvd"), len(times)))
    print("  TimestepValues = [%s]" % ", ".join(repr(t) for t in times))
    rows = []
    for t in times:
        if t not in t_csv:
            fail("time step %r is no t of timeseries.csv" % t)
        rows.append(t_csv.index(t))
    print("  = t of timeseries.csv rows %s" % rows)
    snaps = kr.snapshots(run)
    if list(snaps.times) != times:
        fail("knudsen_read reads the times %s" % list(snaps.times))
    names = list(reader.CellArrays)
    print("  cell arrays: " + ", ".join(names))
    species = [s["name"] for s in kr.scenario(run)["species"]]
    shown = ["mass_" + species[-1], "momentum_x", "energy", "conc_mode_%s_ms" % species[-1]]
    print("  %-5s %s" % ("t", "  ".join("%-21s %-21s" % (c + " csv", "from ParaView") for c in shown)))
    worst = {}
    for k, (t, row) in enumerate(zip(times, rows)):
        reader.UpdatePipeline(t)
        data = servermanager.Fetch(reader)
        stamp = data.GetFieldData().GetArray("TimeValue").GetValue(0)
        if stamp != t:
            fail("the data at time step %r carries TimeValue %r" % (t, stamp))
        arrays = cell_arrays(data, names)
        derived = totals(run, arrays)
        scale = {"mass": ts["mass_" + species[0]][0], "momentum": math.sqrt(ts["energy"][0]), "energy": ts["energy"][0],
                 "conc": max(abs(ts["conc_mode_%s_ms" % s][0]) for s in species)}
        for column, value in derived.items():
            kind = column.split("_")[0]
            diff = abs(value - ts[column][row]) / scale[kind]
            worst[kind] = max(worst.get(kind, 0.0), diff)
            if diff > (1e-9 if kind == "conc" else 1e-12):
                fail("t = %r: %s = %r in timeseries.csv, %r from the ParaView arrays" % (t, column, ts[column][row], value))
        print("  %-5g %s" % (t, "  ".join("%-21.15g %-21.15g" % (ts[c][row], derived[c]) for c in shown)))
        for name in names:
            if not np.array_equal(arrays[name], snaps.fields[name][k], equal_nan=True):
                fail("t = %r: %s differs between ParaView and knudsen_read" % (t, name))
    print("  largest differences, relative to the scale of each total: " + ", ".join(
        "%s %.1e" % kv for kv in sorted(worst.items())))
    i, j = snaps.cells[0] // 3, snaps.cells[1] // 2
    print("  e.g. cell (%d, %d, 0) at t = %g: %s = %.17g (ParaView) = %.17g (knudsen_read); every array at every time "
          "step equal to the bit" % (i, j, times[-1], field, arrays[field][i, j, 0], snaps.fields[field][-1, i, j, 0]))
    render(reader, times, field, picture)
    print("  rendered %s at t = %g and %g and %s_ms at t = %g to %s" % (field, times[0], times[-1], field, times[-1],
                                                                         picture))


def render(reader, times, field, picture):
    """Three views side by side on one colour scale centred on the mean: the particle field at the first and the last
    time step, and its Maxwell-Stefan field at the last."""
    from paraview.simple import (ColorBy, CreateLayout, CreateView, GetColorTransferFunction,
                                 GetScalarBar, Render, ResetCamera, SaveScreenshot, Show, Text)
    panels = [(times[0], field, "particles"), (times[-1], field, "particles"), (times[-1], field + "_ms", "Maxwell-Stefan")]
    ranges = []
    for t, name, _ in panels:
        reader.UpdatePipeline(t)
        ranges.append(reader.CellData[name].GetRange())
    centre = sum(ranges[-1]) / 2
    half = max(max(abs(a - centre), abs(b - centre)) for a, b in ranges)
    layout = CreateLayout("knudsen")
    layout.SplitHorizontal(0, 1.0 / 3)  # cells 1 | 2
    layout.SplitHorizontal(2, 0.5)  # cell 2 -> 5 | 6
    for k, (t, name, label) in enumerate(panels):
        view = CreateView("RenderView")
        layout.AssignView((1, 5, 6)[k], view)
        view.ViewTime = t
        view.OrientationAxesVisibility = 0
        view.UseColorPaletteForBackground = 0
        view.Background = [1, 1, 1]
        shown = Show(reader, view)
        shown.Representation = "Surface"
        ColorBy(shown, ("CELLS", name))
        lut = GetColorTransferFunction(name)
        lut.ApplyPreset("Cool to Warm", True)
        lut.RescaleTransferFunction(centre - half, centre + half)
        if k == len(panels) - 1:
            shown.SetScalarBarVisibility(view, True)
            bar = GetScalarBar(lut, view)
            bar.Title, bar.ComponentTitle = "", ""
            bar.TitleColor = bar.LabelColor = [0, 0, 0]
            bar.RangeLabelFormat = "%.2f"
            bar.WindowLocation = "Any Location"
            bar.Position, bar.ScalarBarLength = [0.84, 0.12], 0.76
        text = Show(Text(Text="%s (%s), t = %g" % (name, label, t)), view)
        text.Color, text.FontSize, text.WindowLocation = [0, 0, 0], 13, "Upper Center"
        view.InteractionMode = "2D"
        Render(view)
        ResetCamera(view)
        last = k == len(panels) - 1
        view.CameraParallelScale = 0.66 if last else 0.58
        x = 0.68 if last else 0.5
        view.CameraFocalPoint, view.CameraPosition = [x, 0.5, 0.0], [x, 0.5, 3.0]
    layout.SetSize(1500, 520)
    SaveScreenshot(picture, layout, ImageResolution=[1500, 520])


def check_vtk(run):
    import vtk
    entries = kr.read_pvd(os.path.join(run, "cells.pvd"))
    snaps = kr.snapshots(run)
    reader = vtk.vtkXMLImageDataReader()
    for k, (t, f) in enumerate(entries):
        reader.SetFileName(f)
        reader.Update()
        data = reader.GetOutput()
        stamp = data.GetFieldData().GetArray("TimeValue").GetValue(0)
        if stamp != t:
            fail("%s: TimeValue %r, the collection says %r" % (f, stamp, t))
        names = [data.GetCellData().GetArrayName(a) for a in range(data.GetCellData().GetNumberOfArrays())]
        if names != list(snaps.fields):
            fail("%s: arrays %s" % (f, names))
        for name, a in cell_arrays(data, names).items():
            if not np.array_equal(a, snaps.fields[name][k], equal_nan=True):
                fail("%s: %s differs between vtkXMLImageDataReader and knudsen_read" % (f, name))
    print("%s (VTK %s, %s): vtkXMLImageDataReader read the %d files of cells.pvd, %d cells each: TimeValue = the "
          "collection's times, all %d arrays equal to knudsen_read's to the bit" % (
              sys.executable, vtk.vtkVersion.GetVTKVersion(), os.path.dirname(vtk.__file__), len(entries), math.prod(snaps.cells), len(snaps.fields)))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "paraview":
        check_paraview(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "c_C")
    elif len(sys.argv) == 3 and sys.argv[1] == "vtk":
        check_vtk(sys.argv[2])
    else:
        sys.exit(__doc__)
