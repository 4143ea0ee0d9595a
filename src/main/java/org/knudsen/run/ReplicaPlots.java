package org.knudsen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knudsen.io.Plots;
import org.knudsen.scenario.Scenario;

/**
 * The plots of merged replicas, rendered (not written) so that the merge writes nothing before every output exists:
 * the tracked mode's amplitudes (replica means with ±1 replica-SE bars, Maxwell–Stefan, the exact linear evolution)
 * and the deviation norms (means with ±1 replica SE, the exact linear norm). The same layout as a single run's plots.
 */
final class ReplicaPlots {
    private ReplicaPlots() {
    }

    private static String se(String column) {
        return column + ReplicaLayout.SE_SUFFIX;
    }

    static byte[] modes(Path dir, Scenario scenario, int replicas, Map<String, double[]> columns) {
        double[] t = columns.get("t");
        List<Plots.Series> series = new ArrayList<>();
        List<String> names = scenario.speciesNames();
        for (int i = 0; i < names.size(); i++) {
            List<String> mode = RunOutputs.modeColumns(names.get(i));
            java.awt.Color colour = Plots.palette(i);
            series.add(Plots.Series.points(names.get(i) + " particles (+-1 SE)", t,
                    columns.get(mode.get(0)), columns.get(se(mode.get(0)))).withColor(colour));
            String reduced = RunOutputs.reducedModeColumns(names.get(i)).get(0);
            if (columns.containsKey(reduced)) {
                series.add(Plots.Series.points(names.get(i) + " reduced (+-1 SE)", t, columns.get(reduced),
                        columns.get(se(reduced))).withColor(colour.darker()));
            }
            series.add(Plots.Series.line(names.get(i) + " Maxwell-Stefan", t, columns.get(mode.get(2))).withColor(colour));
            series.add(Plots.Series.dashed(names.get(i) + " exact linear", t, columns.get(mode.get(3))).withColor(colour));
        }
        return Plots.render(dir.resolve("mode_amplitude.png"), "Mode "
                + java.util.Arrays.toString(ReplicaMerge.trackedMode(scenario)) + ": mean of " + replicas + " replicas "
                + "(bars: replica SE), Maxwell-Stefan, exact linear", "t", "cosine amplitude of c_i", series, Plots.Options.DEFAULT);
    }

    static byte[] deviation(Path dir, Scenario scenario, int replicas, Map<String, double[]> columns) {
        double[] t = columns.get("t");
        List<Plots.Series> series = new ArrayList<>(List.of(
                Plots.Series.points("||F - M||", t, columns.get("dev_norm"), columns.get(se("dev_norm"))),
                Plots.Series.points("||pi_L(F - M)||", t, columns.get("dev_fluid_norm"),
                        columns.get(se("dev_fluid_norm")))));
        if (columns.containsKey("dev_norm_vr")) {
            series.add(Plots.Series.points("||F - M|| reduced", t, columns.get("dev_norm_vr"),
                    columns.get(se("dev_norm_vr"))));
        }
        series.add(Plots.Series.dashed("||F - M|| exact linear", t, columns.get("dev_norm_lb")));
        return Plots.render(dir.resolve("deviation.png"), "||F - M|| (Hermite degree <= 3), epsilon = "
                + scenario.epsilon() + ": mean of " + replicas + " replicas (bars: replica SE)", "t", "norm", series,
                Plots.Options.DEFAULT);
    }
}
