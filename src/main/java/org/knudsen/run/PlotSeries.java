package org.knudsen.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knudsen.io.Plots;

/**
 * The series of a run's mode and deviation plots, built once for a single run (columns of its time series, SE from
 * the {@code _se} columns) and for merged replicas (replica means, SE from the replica spread): per species the
 * particles' mode amplitude with ±1 SE bars, the reduced one where the run has it (a darker shade), Maxwell–Stefan
 * (line) and the exact linear evolution (dashed); the deviation norms likewise.
 */
final class PlotSeries {
    private PlotSeries() {
    }

    /**
     * @param value the column of a name, or null where the run has no such column (the reduced ones of a plain run)
     * @param error the ±1 SE bars of a value column
     */
    static List<Plots.Series> modes(List<String> species, double[] t, Function<String, double[]> value,
                                    Function<String, double[]> error) {
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            String name = species.get(i);
            List<String> mode = RunOutputs.modeColumns(name);
            java.awt.Color colour = Plots.palette(i);
            series.add(Plots.Series.points(name + " particles (\u00b11 SE)", t, value.apply(mode.get(0)),
                    error.apply(mode.get(0))).withColor(colour));
            String reduced = RunOutputs.reducedModeColumns(name).get(0);
            double[] reducedValues = value.apply(reduced);
            if (reducedValues != null) {
                series.add(Plots.Series.points(name + " reduced (\u00b11 SE)", t, reducedValues, error.apply(reduced))
                        .withColor(colour.darker()));
            }
            series.add(Plots.Series.line(name + " Maxwell-Stefan", t, value.apply(mode.get(2))).withColor(colour));
            series.add(Plots.Series.dashed(name + " exact linear", t, value.apply(mode.get(3))).withColor(colour));
        }
        return series;
    }

    /** ‖F − M‖, ‖π_L(F − M)‖ and (reduced runs) the reduced ‖F − M‖ with ±1 SE bars, and the exact linear norm. */
    static List<Plots.Series> norms(double[] t, Function<String, double[]> value, Function<String, double[]> error) {
        List<Plots.Series> series = new ArrayList<>(List.of(
                Plots.Series.points("||F - M|| (\u00b11 SE)", t, value.apply("dev_norm"), error.apply("dev_norm"))
                        .withColor(Plots.palette(0)),
                Plots.Series.points("||pi_L(F - M)|| (\u00b11 SE)", t, value.apply("dev_fluid_norm"),
                        error.apply("dev_fluid_norm")).withColor(Plots.palette(1))));
        double[] reduced = value.apply("dev_norm_vr");
        if (reduced != null) {
            series.add(Plots.Series.points("||F - M|| reduced (\u00b11 SE)", t, reduced, error.apply("dev_norm_vr"))
                    .withColor(Plots.palette(2)));
        }
        series.add(Plots.Series.dashed("||F - M|| exact linear", t, value.apply("dev_norm_lb"))
                .withColor(Plots.palette(0)));
        return series;
    }
}
