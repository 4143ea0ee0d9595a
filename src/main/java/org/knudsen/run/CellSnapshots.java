package org.knudsen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.io.PvdCollection;
import org.knudsen.io.VtiWriter;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.physics.Mixture;

/**
 * The cell snapshots of a spatial run: {@code fields/cells_NNNN.vti} (VTK XML image data, {@link VtiWriter}) at about
 * {@link RunOutputs#SNAPSHOTS} output times, and {@code cells.pvd}, the collection that lists them with their physical
 * times, rewritten after every snapshot. Per species the particle concentration {@code c_<name>}, mean velocity
 * {@code u_<name>} (3 components, ⟨v⟩/ε: the scale of the Maxwell–Stefan u_i) and kinetic temperature {@code T_<name>}
 * from the last sample's moment sums ({@link DeviationMonitor#lastCellMoments}), the Maxwell–Stefan
 * {@code c_<name>_ms} and {@code u_<name>_ms} (cell averages, as the particles measure them), and the squared
 * deviation density; a variance-reduced run adds the reduced {@code c_<name>_vr}, {@code u_<name>_vr},
 * {@code T_<name>_vr} and deviation density (docs/variance-reduction.md). Snapshot k is the k-th written; the counter is in the checkpoint, and a resumed run lists exactly
 * the snapshots of its kept rows again.
 */
final class CellSnapshots {
    static final String PREFIX = "cells_";
    /** The collection, in the run directory; its entries name {@code fields/cells_NNNN.vti}. */
    static final String COLLECTION = "cells.pvd";
    /** The run-directory files of the snapshots (patterns with *), with the legacy ASCII ones of earlier versions. */
    static final List<String> FILES = List.of(COLLECTION, "fields/" + PREFIX + "*" + VtiWriter.EXTENSION,
            "fields/" + PREFIX + "*" + VtiWriter.LEGACY_EXTENSION);
    /** The field of the noise-corrected squared deviation density per cell. */
    static final String DEVIATION_FIELD = "dev_norm_sq_density";

    private final RunPlan plan;
    /** Every snapshot of the run, numbered by position; {@link #listed}: those in the collection. */
    private final List<PvdCollection.Entry> entries = new ArrayList<>();
    private List<PvdCollection.Entry> listed = entries;

    CellSnapshots(RunPlan plan) {
        this.plan = plan;
    }

    /** The fields that one species gives: c_i, u_i, T_i from the particles; c_i, u_i of Maxwell–Stefan. */
    static List<String> speciesFields(String name) {
        return List.of("c_" + name, "u_" + name, "T_" + name, "c_" + name + "_ms", "u_" + name + "_ms",
                "c_" + name + "_vr", "u_" + name + "_vr", "T_" + name + "_vr");
    }

    /** Removes the snapshots and the collection of an earlier run in {@code dir} (before a new run writes any). */
    static void clear(Path dir) {
        VtiWriter.deleteSnapshots(dir.resolve("fields"), PREFIX, 0, true);
        try {
            java.nio.file.Files.deleteIfExists(dir.resolve(COLLECTION));
        } catch (java.io.IOException e) {
            throw new org.knudsen.io.InputException(dir.resolve(COLLECTION) + ": cannot remove (" + e.getMessage() + ")", e);
        }
    }

    int count() {
        return entries.size();
    }

    /**
     * After a resume: the snapshots written before the checkpoint were taken at {@code times}; later-numbered files
     * (written after the checkpoint by the interrupted process) are removed and the collection lists these again, those
     * whose file is there (all of them, unless the run was started by a version that wrote legacy .vtk, which stay).
     */
    void resume(List<Double> times) {
        entries.clear();
        List<PvdCollection.Entry> present = new ArrayList<>();
        for (double t : times) {
            PvdCollection.Entry e = entry(entries.size(), t);
            entries.add(e);
            if (java.nio.file.Files.exists(plan.dir().resolve(e.file()))) {
                present.add(e);
            }
        }
        VtiWriter.deleteSnapshots(plan.dir().resolve("fields"), PREFIX, entries.size(), false);
        listed = present;
        PvdCollection.write(plan.dir().resolve(COLLECTION), listed);
    }

    /** Writes the next snapshot, of the particles' last sample at time t, and the collection with it. */
    void write(double t, ParticleRun particles) {
        Mixture m = plan.mixture();
        double[][] cellFields = particles.lastCellFields();
        DeviationMonitor.CellMoments moments = particles.lastCellMoments();
        LocalMaxwellian ms = particles.maxwellian();
        int cells = plan.grid().cellCount();
        List<VtiWriter.Field> fields = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            List<String> names = speciesFields(m.name(i));
            double[] c = new double[cells];
            double[][] u = new double[3][cells];
            for (int p = 0; p < cells; p++) {
                c[p] = ms.concentration(i, p);
                for (int d = 0; d < 3; d++) {
                    u[d][p] = ms.velocity(i, d, p);
                }
            }
            double[][] v = moments.velocity()[i];
            fields.add(VtiWriter.Field.scalar(names.get(0), cellFields[i]));
            fields.add(VtiWriter.Field.vector(names.get(1), v[0], v[1], v[2]));
            fields.add(VtiWriter.Field.scalar(names.get(2), moments.temperature()[i]));
            fields.add(VtiWriter.Field.scalar(names.get(3), c));
            fields.add(VtiWriter.Field.vector(names.get(4), u[0], u[1], u[2]));
        }
        fields.add(VtiWriter.Field.scalar(DEVIATION_FIELD, cellFields[m.size()]));
        double[][] reducedFields = particles.lastReducedCellFields();
        if (reducedFields != null) {
            DeviationMonitor.CellMoments reduced = particles.lastReducedCellMoments();
            for (int i = 0; i < m.size(); i++) {
                List<String> names = speciesFields(m.name(i));
                double[][] v = reduced.velocity()[i];
                fields.add(VtiWriter.Field.scalar(names.get(5), reducedFields[i]));
                fields.add(VtiWriter.Field.vector(names.get(6), v[0], v[1], v[2]));
                fields.add(VtiWriter.Field.scalar(names.get(7), reduced.temperature()[i]));
            }
            fields.add(VtiWriter.Field.scalar(DEVIATION_FIELD + "_vr", reducedFields[m.size()]));
        }
        PvdCollection.Entry e = entry(entries.size(), t);
        VtiWriter.write(plan.dir().resolve(e.file()), plan.grid().cells(), plan.grid().lengths(), t, fields);
        entries.add(e);
        if (listed != entries) {
            listed.add(e);
        }
        PvdCollection.write(plan.dir().resolve(COLLECTION), listed);
    }

    private static PvdCollection.Entry entry(int index, double t) {
        return new PvdCollection.Entry(t, "fields/" + VtiWriter.snapshotName(PREFIX, index));
    }
}
