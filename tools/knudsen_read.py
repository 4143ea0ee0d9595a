#!/usr/bin/env python3
"""Read a knudsen run directory from Python: the time series, summary.json, check.json and the field snapshots.

Standard library only; numpy and pandas are used when they can be imported (arrays and DataFrames), else lists.

    import sys; sys.path.insert(0, "tools")      # from the repository root
    import knudsen_read as kr
    ts = kr.timeseries("runs/ternary")           # pandas DataFrame, or a dict column -> numpy array (or list)
    s = kr.snapshots("runs/ternary")             # cells.pvd: s.times, s.fields["c_A"][k, i, j, l] (cell i, j, l)
    s.fields["u_C"][-1, :, 0, 0, 0]              # x-velocity of species C along x at the last snapshot
    kr.summary("runs/ternary")["status"]         # summary.json as a dict
    kr.check("runs/check")                       # check.json comparisons as records (DataFrame with pandas)

Command line: python3 tools/knudsen_read.py RUN_DIR [--json]  prints what the directory holds.
KNUDSEN_READ_PURE=1 makes the module ignore numpy and pandas (lists and dicts only; the tests use it).
"""
import base64
import csv
import json
import math
import os
import struct
import sys
import xml.etree.ElementTree as ET

__all__ = ["timeseries", "summary", "scenario", "check", "check_document", "snapshots", "read_vti", "read_pvd",
           "Snapshots", "overview"]


def _optional(module):
    if os.environ.get("KNUDSEN_READ_PURE"):
        return None
    try:
        return __import__(module)
    except ImportError:
        return None


np = _optional("numpy")
pd = _optional("pandas") if np is not None else None


def _file(path, name):
    """path itself if it is a file, else path/name."""
    return path if os.path.isfile(path) else os.path.join(path, name)


def timeseries(run, frame=None):
    """timeseries.csv: a pandas DataFrame (frame=None: if pandas is importable), else a dict column -> values
    (numpy arrays if numpy is importable, else lists of float). Every value is the double the run wrote."""
    with open(_file(run, "timeseries.csv"), newline="") as f:
        rows = list(csv.reader(f))
    names, data = rows[0], [[float(v) for v in r] for r in rows[1:] if r]
    columns = {n: [r[k] for r in data] for k, n in enumerate(names)}
    if (pd is not None) if frame is None else frame:
        if pd is None:
            raise ImportError("timeseries(frame=True) needs pandas")
        return pd.DataFrame({n: np.array(v, dtype=float) for n, v in columns.items()}, columns=names)
    if np is not None:
        return {n: np.array(v, dtype=float) for n, v in columns.items()}
    return columns


def summary(run):
    """summary.json as a dict."""
    with open(_file(run, "summary.json")) as f:
        return json.load(f)


def scenario(run):
    """scenario.toml (the scenario as resolved) as a dict; needs Python >= 3.11 (tomllib)."""
    import tomllib
    with open(_file(run, "scenario.toml"), "rb") as f:
        return tomllib.load(f)


def check_document(path):
    """check.json (a check's directory or the file) as a dict."""
    with open(_file(path, "check.json")) as f:
        return json.load(f)


def check(path, family=None, frame=None):
    """The comparisons of check.json as records, one per comparison, each with its family ("mode_time_average",
    "mode", "cell") and the fields of check.json (time, species, quantity, cell, mean, se, z, ...; null z as None).
    family: keep one family. frame: a DataFrame (None: if pandas is importable) or a list of dicts."""
    doc = check_document(path)
    records = []
    for fam, comparisons in doc.get("comparisons", {}).items():
        if family is None or fam == family:
            records.extend(dict(c, family=fam) for c in comparisons)
    if (pd is not None) if frame is None else frame:
        if pd is None:
            raise ImportError("check(frame=True) needs pandas")
        return pd.DataFrame.from_records(records)
    return records


_TYPES = {"Float64": "d", "Float32": "f", "Int64": "q", "UInt64": "Q", "Int32": "i", "UInt32": "I", "Int16": "h",
          "UInt16": "H", "Int8": "b", "UInt8": "B"}


class Image:
    """One .vti: time (TimeValue, or None), cells (nx, ny, nz), origin, spacing, and arrays name -> values; with numpy
    each array has shape (nx, ny, nz) or (nx, ny, nz, components), indexed [i, j, l] by cell; without, a flat list
    over the cells, x fastest (index i + nx (j + ny l)), of floats or tuples of components."""

    def __init__(self, time, cells, origin, spacing, arrays, components):
        self.time, self.cells, self.origin, self.spacing = time, cells, origin, spacing
        self.arrays, self.components = arrays, components


def _values(element, blob, header, order, count):
    """The values of a DataArray: inline ascii, inline base64 or appended raw (uncompressed VTK XML)."""
    code = order + _TYPES[element.get("type")]
    fmt = element.get("format", "ascii")
    if fmt == "ascii":
        vals = [float(v) for v in (element.text or "").split()]
    elif fmt == "appended":
        start = int(element.get("offset"))
        hsize = struct.calcsize(header)
        nbytes = struct.unpack_from(order + header, blob, start)[0]
        if nbytes != count * struct.calcsize(code[-1]):
            raise ValueError("%s: %d bytes for %d values" % (element.get("Name"), nbytes, count))
        if np is not None:
            return np.frombuffer(blob, dtype=np.dtype(code), count=count, offset=start + hsize).astype(float)
        vals = list(struct.unpack_from("%s%d%s" % (order, count, code[-1]), blob, start + hsize))
    elif fmt == "binary":
        raw = base64.b64decode("".join((element.text or "").split()))
        hsize = struct.calcsize(header)
        vals = list(struct.unpack_from("%s%d%s" % (order, count, code[-1]), raw, hsize))
    else:
        raise ValueError("DataArray format %r is not supported" % fmt)
    if len(vals) != count:
        raise ValueError("%s: %d values, expected %d" % (element.get("Name"), len(vals), count))
    return np.array(vals, dtype=float) if np is not None else [float(v) for v in vals]


def read_vti(path):
    """A VTK XML image data file (.vti) with uncompressed cell data, as an Image."""
    with open(path, "rb") as f:
        data = f.read()
    cut = data.find(b"<AppendedData")
    blob = b""
    if cut >= 0:
        tag_end = data.index(b">", cut)
        if b'encoding="raw"' not in data[cut:tag_end]:
            raise ValueError("%s: only raw appended data is supported" % path)
        blob = memoryview(data)[data.index(b"_", tag_end) + 1:]
        data = data[:cut] + b"</VTKFile>"
    root = ET.fromstring(data)
    if root.get("type") != "ImageData" or root.get("compressor"):
        raise ValueError("%s: not uncompressed VTK image data" % path)
    order = "<" if root.get("byte_order", "LittleEndian") == "LittleEndian" else ">"
    header = "Q" if root.get("header_type") == "UInt64" else "I"
    image = root.find("ImageData")
    e = [int(v) for v in image.get("WholeExtent").split()]
    cells = (e[1] - e[0], e[3] - e[2], e[5] - e[4])
    n = cells[0] * cells[1] * cells[2]
    time = None
    for a in image.iter("DataArray"):
        if a.get("Name") == "TimeValue":
            time = float(_values(a, blob, header, order, 1)[0])
    arrays, components = {}, {}
    for a in image.find("Piece").find("CellData").findall("DataArray"):
        k = int(a.get("NumberOfComponents", "1"))
        v = _values(a, blob, header, order, n * k)
        if np is not None:
            v = v.reshape((cells[2], cells[1], cells[0]) + ((k,) if k > 1 else ())).swapaxes(0, 2)
        elif k > 1:
            v = [tuple(v[c * k:(c + 1) * k]) for c in range(n)]
        arrays[a.get("Name")], components[a.get("Name")] = v, k
    origin = tuple(float(v) for v in image.get("Origin").split())
    spacing = tuple(float(v) for v in image.get("Spacing").split())
    return Image(time, cells, origin, spacing, arrays, components)


def read_pvd(path):
    """A ParaView collection: [(time, path of the data set)], paths resolved against the collection's directory."""
    base = os.path.dirname(os.path.abspath(path))
    return [(float(d.get("timestep")), os.path.join(base, d.get("file")))
            for d in ET.parse(path).getroot().iter("DataSet")]


class Snapshots:
    """The snapshots of a collection: times (physical t of each), files, cells (nx, ny, nz), spacing, components
    (per field), and fields: with numpy, name -> array of shape (snapshots, nx, ny, nz) (+ (3,) for vectors), so that
    fields["c_A"][k, i, j, l] is cell (i, j, l) at times[k]; without numpy, name -> list over snapshots of the flat
    cell lists of read_vti."""

    def __init__(self, collection):
        self.collection = collection
        entries = read_pvd(collection)
        images = [read_vti(f) for _, f in entries]
        self.files = [f for _, f in entries]
        self.times = np.array([t for t, _ in entries]) if np is not None else [t for t, _ in entries]
        first = images[0] if images else Image(None, (0, 0, 0), (0, 0, 0), (0, 0, 0), {}, {})
        self.cells, self.spacing, self.origin = first.cells, first.spacing, first.origin
        self.components = dict(first.components)
        self.fields = {}
        for name in first.arrays:
            series = [im.arrays[name] for im in images]
            self.fields[name] = np.stack(series) if np is not None else series
        for (t, f), im in zip(entries, images):
            if im.time is not None and im.time != t:
                raise ValueError("%s: TimeValue %r, but the collection says %r" % (f, im.time, t))

    def __len__(self):
        return len(self.files)

    def centres(self, axis=0):
        """The cell-centre coordinates along axis 0, 1 or 2."""
        c = [self.origin[axis] + (i + 0.5) * self.spacing[axis] for i in range(self.cells[axis])]
        return np.array(c) if np is not None else c

    def index(self, t):
        """The index of the snapshot nearest to time t."""
        return min(range(len(self.files)), key=lambda k: abs(self.times[k] - t))


def snapshots(run, collection=None):
    """The snapshots of a run directory as Snapshots: cells.pvd (particle runs) or ms.pvd (fluid-only runs), or the
    collection named (a file name in the directory, or a path to a .pvd)."""
    if collection is None:
        collection = next((c for c in ("cells.pvd", "ms.pvd") if os.path.exists(os.path.join(run, c))), "cells.pvd")
    path = collection if os.path.isfile(collection) else os.path.join(run, collection)
    return Snapshots(path)


def _column(ts, name):
    return [float(v) for v in ts[name]]


def overview(run):
    """What a run directory holds, as a dict of plain numbers and strings (the command line prints it)."""
    out = {"dir": run}
    if os.path.exists(_file(run, "summary.json")):
        s = summary(run)
        out["summary"] = {k: s.get(k) for k in ("scenario", "kind", "status", "step", "steps_total", "seed",
                                                 "epsilon", "particles", "cells", "wall_time_s") if k in s}
        if "final" in s:
            out["summary"]["final"] = s["final"]
    if os.path.exists(_file(run, "timeseries.csv")):
        ts = timeseries(run, frame=False)
        t = _column(ts, "t")
        last = {n: _column(ts, n)[-1] for n in ts if n != "t"} if t else {}
        out["timeseries"] = {"rows": len(t), "columns": list(ts), "t_first": t[0] if t else None,
                             "t_last": t[-1] if t else None, "last": last}
    for name in ("cells.pvd", "ms.pvd"):
        if os.path.exists(os.path.join(run, name)):
            s = snapshots(run, name)
            out[name] = {"snapshots": len(s), "times": [float(t) for t in s.times], "cells": list(s.cells),
                         "fields": {n: s.components[n] for n in s.fields}}
    if os.path.exists(os.path.join(run, "check.json")):
        d = check_document(run)
        out["check"] = {"outcome": d.get("outcome"), "consistent": d.get("consistent"), "level": d.get("level"),
                        "comparisons": {k: len(v) for k, v in d.get("comparisons", {}).items()}}
    return out


def _g(x):
    return "-" if x is None else ("%.6g" % x if isinstance(x, float) and math.isfinite(x) else str(x))


def _print(o):
    print("run directory %s" % o["dir"])
    s = o.get("summary")
    if s:
        print("  summary.json: " + ", ".join("%s %s" % (k, _g(v)) for k, v in s.items() if k != "final"))
        if "final" in s:
            print("    final: " + ", ".join("%s = %s" % (k, _g(v)) for k, v in s["final"].items()))
    ts = o.get("timeseries")
    if ts:
        print("  timeseries.csv: %d rows, t = %s ... %s, %d columns" % (ts["rows"], _g(ts["t_first"]),
                                                                        _g(ts["t_last"]), len(ts["columns"])))
        shown = [n for n in ts["last"] if n.startswith(("conc_mode_", "dev_norm")) and not n.endswith("_sq")
                 and "_sq_" not in n]
        for k in range(0, len(shown), 4):
            print("    last row: " + ", ".join("%s = %s" % (n, _g(ts["last"][n])) for n in shown[k:k + 4]))
    for name in ("cells.pvd", "ms.pvd"):
        c = o.get(name)
        if c:
            times = c["times"]
            print("  %s: %d snapshots on %s cells, t = %s" % (name, c["snapshots"], "x".join(map(str, c["cells"])),
                                                           ", ".join(_g(t) for t in times)))
            print("    fields: " + ", ".join(n + ("[%d]" % k if k > 1 else "") for n, k in c["fields"].items()))
    c = o.get("check")
    if c:
        print("  check.json: outcome %s (consistent %s at level %s); comparisons %s" % (
            c["outcome"], c["consistent"], _g(c["level"]),
            ", ".join("%s %d" % kv for kv in c["comparisons"].items())))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1 or any(a not in ("--json",) for a in argv if a.startswith("--")):
        sys.stderr.write("usage: python3 tools/knudsen_read.py RUN_DIR [--json]\n")
        return 2
    if not os.path.isdir(args[0]):
        sys.stderr.write("knudsen_read: %s: no such run directory\n" % args[0])
        return 2
    o = overview(args[0])
    if "--json" in argv:
        print(json.dumps(o, indent=1, allow_nan=True))
    else:
        _print(o)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
