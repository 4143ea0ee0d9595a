package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.io.VtiFiles;
import org.knudsen.scenario.ScenarioParser;

/**
 * The cell fields of a real run's snapshots against the conserved totals of the same sample in timeseries.csv (which
 * sum over the particles directly): Σ_cells V m_i c_i = mass_i, Σ V Σ_i m_i c_i ε u_i = momentum and
 * Σ V Σ_i c_i (3 T_i + m_i ε² |u_i|²)/2 = energy, to rounding. So u_i and T_i from the moment sums are the mean
 * velocity over ε and the kinetic temperature of each cell's particles, with the weights and masses in the right places.
 */
class CellSnapshotsTest {
    @Test
    void cellFieldsSumToTheTimeSeriesTotalsAtEverySnapshot(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("tiny");
        SpatialRun.run(ScenarioParser.parse(TestScenarios.tiny(dir, 1, 300)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                SpatialRun.Options.defaults(false).withSignals(false));
        TimeSeriesReader series = TimeSeriesReader.read(dir.resolve("timeseries.csv"));
        double[] t = series.column("t");
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(dir.resolve(CellSnapshots.COLLECTION));
        assertEquals(11, listed.size(), "21 samples, a snapshot every second one");
        double eps = 0.5;
        double[] mass = {1, 4};
        String[] names = {"A", "B"};
        for (VtiFiles.DataSet d : listed) {
            int row = java.util.Arrays.binarySearch(t, d.time());
            assertTrue(row >= 0, "snapshot time " + d.time() + " is a row of timeseries.csv");
            VtiFiles.Image image = VtiFiles.read(dir.resolve(d.file()));
            assertEquals(d.time(), image.time(), 0.0);
            int cells = 16;
            double volume = 1.0 / cells;
            double[] momentum = new double[3];
            double energy = 0;
            for (int i = 0; i < 2; i++) {
                double[] c = image.cells().get("c_" + names[i]).values();
                double[] temperature = image.cells().get("T_" + names[i]).values();
                double[] u = image.cells().get("u_" + names[i]).values();
                assertEquals(3, image.cells().get("u_" + names[i]).components());
                assertEquals(3, image.cells().get("u_" + names[i] + "_ms").components());
                double m = 0;
                for (int p = 0; p < cells; p++) {
                    m += volume * mass[i] * c[p];
                    double u2 = 0;
                    for (int k = 0; k < 3; k++) {
                        momentum[k] += volume * mass[i] * c[p] * eps * u[3 * p + k];
                        u2 += u[3 * p + k] * u[3 * p + k];
                    }
                    energy += volume * 0.5 * c[p] * (3 * temperature[p] + mass[i] * eps * eps * u2);
                    assertTrue(temperature[p] > 0, "T_" + names[i] + " = " + temperature[p] + " in cell " + p);
                }
                assertEquals(series.column("mass_" + names[i])[row], m, 1e-13, "mass_" + names[i] + " at t = " + d.time());
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(series.column("momentum_" + "xyz".charAt(k))[row], momentum[k], 1e-13,
                        "momentum " + k + " at t = " + d.time());
            }
            assertEquals(series.column("energy")[row], energy, 1e-13 * energy, "energy at t = " + d.time());
        }
    }
}
