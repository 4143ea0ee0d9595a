package org.knudsen.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knudsen.io.TextReport;
import org.knudsen.physics.Mixture;
import org.knudsen.run.RunMemory;
import org.knudsen.run.Simulation;
import org.knudsen.scenario.RunKind;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.InfoLinearRates;
import org.knudsen.scenario.ScenarioInfo;

/** The text of {@code knudsen info}: {@link ScenarioInfo} as tables, with the memory and wall time of a run. */
final class InfoText {
    private InfoText() {
    }

    private static String numbers(double[] x) {
        StringBuilder sb = new StringBuilder();
        for (double v : x) {
            sb.append(' ').append(TextReport.number(v));
        }
        return sb.toString();
    }

    /** The text report of {@code knudsen info}: the scenario's derived quantities, then what a run of it needs. */
    static void write(ScenarioInfo info, InfoLinearRates linear, PrintStream out) {
        Scenario scenario = info.scenario();
        Mixture mixture = info.mixture();
        TextReport r = new TextReport(out);
        List<String> names = scenario.speciesNames();
        r.line("scenario " + scenario.name() + ": " + names.size() + " species, epsilon = "
                + TextReport.number(scenario.epsilon())).line("");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), TextReport.number(mixture.mass(i)), TextReport.number(mixture.concentration(i))));
        }
        r.table("species", List.of("name", "mass", "c_inf"), rows);
        rows = new ArrayList<>();
        for (Map<String, Object> k : info.kernels()) {
            @SuppressWarnings("unchecked")
            List<String> pair = (List<String>) k.get("pair");
            rows.add(List.of(pair.get(0) + "-" + pair.get(1), TextReport.number((Double) k.get("strength")),
                    TextReport.number((Double) k.get("gamma")), (String) k.get("angular"),
                    TextReport.number((Double) k.get("b1")), TextReport.number((Double) k.get("b2"))));
        }
        r.table("collision kernels B = C |g|^gamma b(cos theta)", List.of("pair", "C", "gamma", "angular", "b1", "b2"), rows);
        r.matrix("Delta_ij (Maxwell-Stefan diffusion coefficients, PHYSICS.md 1)", names, info.delta());
        if (info.closureDelta() != null && info.closureDelta() != info.delta()) {
            r.matrix("Delta_ij of the Maxwell-Stefan solver (closure = \"" + ScenarioInfo.closure(scenario).key()
                    + "\": Sonine-converged Chapman-Enskog at c_inf)", names, info.closureDelta());
        }
        r.matrix("nu_ij (equilibrium collision events per unit volume and time, unscaled, PHYSICS.md 3)", names,
                info.collisionFrequency());
        rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), TextReport.number(info.perParticleRate()[i]),
                    TextReport.number(info.perParticleRate()[i] / (scenario.epsilon() * scenario.epsilon())),
                    TextReport.number(info.meanFreePath()[i])));
        }
        r.table("per particle (PHYSICS.md 3, 10)", List.of("species", "rate nu_i", "scaled rate nu_i/eps^2",
                "mean free path"), rows);
        r.line("time step: dt_auto = 0.2 eps^2 / max_i nu_i = " + TextReport.number(info.dtAuto())
                + scenario.time().filter(t -> !t.isAuto()).map(t -> " (scenario sets dt = "
                + TextReport.number(t.dt().getAsDouble()) + ")").orElse(""));
        List<double[]> rates = info.msDecayRates();
        for (int q = 0; q < rates.size(); q++) {
            StringBuilder line = new StringBuilder("Maxwell-Stefan decay rates of mode " + q + " "
                    + java.util.Arrays.toString(scenario.fluid().get().modes().get(q).wavevector()) + ":");
            for (double x : rates.get(q)) {
                line.append(' ').append(TextReport.number(x));
            }
            r.line(line.toString());
        }
        for (int q = 0; q < linear.linearBoltzmann().size(); q++) {
            String k = java.util.Arrays.toString(scenario.fluid().get().modes().get(q).wavevector());
            r.line("Chapman-Enskog decay rates of mode " + q + " " + k + " (eps -> 0, " + linear.sonineTerms()
                    + " Sonine terms):" + numbers(linear.chapmanEnskog().get(q)));
            StringBuilder lb = new StringBuilder("linearized Boltzmann decay rates of mode " + q + " " + k + " at eps = "
                    + TextReport.number(scenario.epsilon()) + " (Burnett degree " + linear.degree() + "):");
            for (int m = 0; m < linear.linearBoltzmann().get(q).length; m++) {
                lb.append(' ').append(TextReport.number(linear.linearBoltzmann().get(q)[m]));
                double change = linear.degreeChange().get(q)[m];
                lb.append(linear.isolated().get(q)[m] ? "" : " (not an isolated eigenvalue)")
                        .append(change > 1e-3 ? String.format(java.util.Locale.ROOT, " (changes %.1g%% from degree %d; "
                                + "see knudsen linear)", 100 * change, linear.degree() - 2) : "");
            }
            r.line(lb.toString());
        }
        double[] relax = info.momentumRelaxationRates();
        StringBuilder line = new StringBuilder("momentum relaxation rates (scaled):");
        for (int i = 0; i < names.size(); i++) {
            line.append(' ').append(names.get(i)).append(' ').append(TextReport.number(relax[i]));
        }
        r.line(line.toString());
        double separation = info.diffusiveSeparation();
        if (!Double.isNaN(separation)) {
            r.line("diffusive separation (fastest MS rate / slowest momentum relaxation): " + TextReport.number(separation)
                    + (separation > 0.1 ? "  WARNING: > 0.1, species inertia will make the particles depart from "
                    + "Maxwell-Stefan; decrease epsilon or lengthen the box" : ""));
        }
        scenario.domain().ifPresent(d -> {
            r.line("memory estimate for the run: " + TextReport.number(RunMemory.of(scenario) / 1048576.0) + " MiB");
            double[] h = d.cellSize();
            r.line("cells: " + d.totalCells() + ", cell size " + TextReport.number(h[0]) + " x " + TextReport.number(h[1])
                    + " x " + TextReport.number(h[2]));
            scenario.particles().ifPresent(p -> r.line("particles: " + d.totalCells() * p.perCell()
                    + " (" + p.perCell() + " per cell)"));
            if (RunKind.of(scenario, false) == RunKind.SPATIAL) {
                double seconds = Simulation.estimatedSeconds(scenario);
                r.line("steps: " + scenario.timeGrid().steps() + " (" + scenario.timeGrid().stepsPerSample()
                        + " per output interval); estimated wall time on this machine: " + Simulation.duration(seconds)
                        + (seconds > Simulation.LONG_RUN_SECONDS ? "  WARNING: more than a day" : ""));
            }
        });
    }
}
