package org.knudsen.run;

import java.nio.file.Path;
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
        List<Plots.Series> series = PlotSeries.modes(scenario.speciesNames(), columns.get("t"), columns::get,
                name -> columns.get(se(name)));
        return Plots.render(dir.resolve("mode_amplitude.png"), "Mode "
                + java.util.Arrays.toString(ReplicaMerge.trackedMode(scenario)) + ": mean of " + replicas + " replicas "
                + "(bars: replica SE), Maxwell-Stefan, exact linear", "t", "cosine amplitude of c_i", series, Plots.Options.DEFAULT);
    }

    static byte[] deviation(Path dir, Scenario scenario, int replicas, Map<String, double[]> columns) {
        List<Plots.Series> series = PlotSeries.norms(columns.get("t"), columns::get, name -> columns.get(se(name)));
        return Plots.render(dir.resolve("deviation.png"), "||F - M|| (Hermite degree <= 3), epsilon = "
                + scenario.epsilon() + ": mean of " + replicas + " replicas (bars: replica SE)", "t", "norm", series,
                Plots.Options.DEFAULT);
    }
}
