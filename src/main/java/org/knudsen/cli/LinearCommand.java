package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Streams;
import org.knudsen.linear.LinearAnalysis;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.ParameterException;
import org.knudsen.scenario.LinearSummary;
import org.knudsen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen linear [scenario.toml] [--eps list] [--degree K] [--json]}: the exact linearized-Boltzmann rates of
 * the scenario's modes (PHYSICS.md §12) at each ε, their ε → 0 Chapman–Enskog limit, the Maxwell–Stefan rates and
 * the transport coefficients, without particles ({@link LinearSummary}).
 */
@Command(name = "linear", mixinStandardHelpOptions = true,
        description = "Exact linearized Boltzmann rates of the scenario's modes at each epsilon, their Chapman-Enskog "
                + "limit, the Maxwell-Stefan rates and the transport coefficients (PHYSICS.md 12); no particles.")
final class LinearCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OverrideOptions overrides;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml",
            description = "Scenario file (default: the embedded default scenario).")
    Path scenario;

    @Option(names = "--eps", split = ",", paramLabel = "EPS",
            description = "Comma-separated epsilon values in (0, 1] (default: the scenario's).")
    double[] epsilons;

    @Option(names = "--degree", paramLabel = "K", description = "Fixed Burnett degree K in [" + LinearSummary.MIN_DEGREE
            + ", " + LinearSummary.MAX_DEGREE + "] (default: searched from 8 by 2 until every isolated slow rate "
            + "changes by < 1e-6 from K-2 to K, at most " + LinearAnalysis.MAX_DEGREE + ").")
    Integer degree;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            if (epsilons != null) {
                if (epsilons.length == 0) {
                    throw new InputException("--eps: give at least one epsilon, e.g. --eps 0.1,0.05");
                }
                for (double e : epsilons) {
                    try {
                        KnudsenNumber.require(e);
                    } catch (ParameterException bad) {
                        throw new InputException("--eps: epsilon = " + e + ": " + bad.rule());
                    }
                }
            }
            if (degree != null && (degree < LinearSummary.MIN_DEGREE || degree > LinearSummary.MAX_DEGREE)) {
                throw new InputException("--degree = " + degree + ": the Burnett degree must be an integer in ["
                        + LinearSummary.MIN_DEGREE + ", " + LinearSummary.MAX_DEGREE + "] (below 3 there is no heat "
                        + "flux, PHYSICS.md 12)");
            }
            Scenario s = Commands.load(scenario, org.knudsen.scenario.ScenarioRule.NONE, overrides.overrides(null));
            double[] eps = epsilons != null ? epsilons : new double[] {s.epsilon()};
            LinearSummary summary = LinearSummary.of(s, eps, degree != null ? degree : 0, LinearAnalysis.SONINE_TERMS);
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (json) {
                JsonOutput.write(summary.toMap(), out);
            } else {
                LinearText.write(summary, out);
            }
            out.flush();
            return Knudsen.OK;
        });
    }
}
