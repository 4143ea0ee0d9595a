package org.knudsen.check;

import java.nio.file.Path;
import org.knudsen.fluid.CompatibleInitialData;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.FieldsFile;
import org.knudsen.io.InputException;
import org.knudsen.physics.Mixture;
import org.knudsen.run.RunPlan;
import org.knudsen.scenario.Scenario;

/** {@code knudsen fields}: the built-in Maxwell–Stefan solution of a scenario in the fields-file format of a check. */
public final class FieldsExport {
    private FieldsExport() {
    }

    /**
     * Writes the built-in Maxwell–Stefan solution of the scenario at its output times as a fields file, with every
     * Δ_ij multiplied by {@code deltaScale} (1 = the true MS solution; other values emulate a wrong external solver).
     */
    public static void writeMaxwellStefanFields(Scenario scenario, Path file, double deltaScale, boolean velocities) {
        if (!(deltaScale > 0) || !Double.isFinite(deltaScale)) {
            throw new InputException("--delta-scale = " + deltaScale + ": must be finite and > 0");
        }
        RunPlan plan = CrossCheck.planOf(scenario);
        Mixture m = plan.mixture();
        double[][] delta = plan.closure().delta(m);
        for (double[] row : delta) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= deltaScale;
            }
        }
        CompatibleInitialData data = CompatibleInitialData.build(m.concentrations(), scenario.epsilon(), plan.modes(),
                plan.grid());
        MaxwellStefanSolver solver = new MaxwellStefanSolver(delta, m.concentrations(), plan.grid(),
                plan.meanVelocity(), data.concentrations(), IntegratorOptions.defaults());
        FieldsFile.write(file, solver, scenario.speciesNames(), plan.outputTimes(), velocities);
    }
}
