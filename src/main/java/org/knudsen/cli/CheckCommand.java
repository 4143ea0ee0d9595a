package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knudsen.io.InputException;
import org.knudsen.io.Streams;
import org.knudsen.check.CrossCheck;
import org.knudsen.run.RunRules;
import org.knudsen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.knudsen.stats.Verdict;

/**
 * {@code knudsen check SCENARIO --fields FILE [--replicas R | --replica r/R] [--dir DIR] [--level 0.01]}: the
 * cross-check of an external solver's fields against R independent particle replicas ({@link CrossCheck}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check an external solver's fields (c_i, optionally u_i; CSV 't,x,y,z,<species>...') against "
                + "R independent particle replicas of the scenario. Writes DIR/replicas/replica_<r>_of_<R>.csv, "
                + "DIR/check.json (every comparison with difference, SE, z, p; the verdict) and DIR/check_z.png.",
                "Verdict: max |z| over the species of the tracked mode's particle-minus-reference amplitude "
                        + "averaged over the output times t > 0 (Student t, R-1 dof, Bonferroni).",
                "Exit status: 0 consistent at --level (or one replica written with --replica), 3 inconsistent, "
                        + "4 undecidable (no comparison with a usable SE), 2 bad input (scenario, fields file, "
                        + "arguments, too few replicas, not enough heap), 1 failure."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OverrideOptions overrides;

    @Parameters(index = "0", paramLabel = "scenario.toml", description = "Scenario file (needs [domain], [particles], [time]).")
    Path scenario;

    @Option(names = "--fields", required = true, paramLabel = "FILE",
            description = "Fields file of the external solver (format: docs/check.md).")
    Path fields;

    // 16 by default: for a given total of particles more replicas give more power (critical |t| 3.29 at R = 16 vs
    // 4.03 at R = 8 for level 0.01 and 2 species), and the replica-spread SE is steadier
    @Option(names = "--replicas", paramLabel = "R", description = "Run R replicas in this process, in parallel "
            + "(default 16). Too few for any power are refused, few are warned about (docs/check.md, Power).")
    Integer replicas;

    @Option(names = "--replica", paramLabel = "r/R", description = "Run only replica r (0-based, 0 <= r < R, R >= 2) "
            + "of R and write its file (for cluster job arrays); combine with knudsen merge.")
    String replica;

    @Option(names = "--dir", paramLabel = "DIR", description = "Output directory (default: the scenario's [output] dir).")
    Path dir;

    @Option(names = "--level", paramLabel = "ALPHA", defaultValue = "0.01",
            description = "Significance level of the verdict (default ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--threads", paramLabel = "N", description = "Replicas run in parallel (default: all cores).")
    Integer threads;

    static final int DEFAULT_REPLICAS = 16;

    private static final Pattern REPLICA = Pattern.compile("\\s*([+-]?\\d+)\\s*/\\s*([+-]?\\d+)\\s*");

    /**
     * {@code --replica r/R}: two integers with 0 ≤ r &lt; R and R ≥ 2 (r is 0-based); anything else is refused (exit 2)
     * naming the option and the rule. (Internally r = −1 means "all replicas", so −1 must never get through.)
     */
    static int[] parseReplica(String text) {
        return parseReplica(text, "a check");
    }

    /** As {@link #parseReplica(String)}, for {@code what} ("a check", "a run") in the message of R &lt; 2. */
    static int[] parseReplica(String text, String what) {
        String rule = "expected r/R, two integers with 0 <= r < R and R >= 2 (r is 0-based: replicas 0..R-1)";
        Matcher m = REPLICA.matcher(text);
        if (!m.matches()) {
            throw new InputException("--replica = " + text + ": " + rule);
        }
        long r;
        long total;
        try {
            r = Long.parseLong(m.group(1));
            total = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new InputException("--replica = " + text + ": " + rule);
        }
        if (total < 2 || total > Integer.MAX_VALUE) {
            throw new InputException("--replica = " + text + ": R = " + total + ", but " + what + " needs R >= 2 replicas "
                    + "(the standard error comes from the replica spread); " + rule);
        }
        if (r < 0 || r >= total) {
            throw new InputException("--replica = " + text + ": r = " + r + " is not a replica of R = " + total
                    + "; " + rule + ", here 0.." + (total - 1));
        }
        return new int[] {(int) r, (int) total};
    }

    /** 0 consistent, 3 inconsistent, 4 undecidable. */
    static int exitStatus(CrossCheck.Result result) {
        if (!result.decidable()) {
            return Knudsen.CHECK_UNDECIDABLE;
        }
        return result.consistent() ? Knudsen.OK : Knudsen.CHECK_INCONSISTENT;
    }

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            int r = CrossCheck.ALL_REPLICAS;
            int total = replicas != null ? replicas : DEFAULT_REPLICAS;
            if (replica != null) {
                int[] parsed = parseReplica(replica);
                if (replicas != null && replicas != parsed[1]) {
                    throw new InputException("--replicas = " + replicas + " and --replica = " + replica + " disagree on R; "
                            + "give one of them");
                }
                r = parsed[0];
                total = parsed[1];
            } else if (total < 2) {
                throw new InputException("--replicas = " + total + ": a check needs R >= 2 replicas (the standard error "
                        + "comes from the replica spread)");
            }
            if (threads != null && threads < 1) {
                throw new InputException("--threads = " + threads + ": must be >= 1");
            }
            String threadProblem = threads == null ? null : RunRules.threadProblem(threads);
            if (threadProblem != null) {
                throw new InputException("--threads = " + threads + ": " + threadProblem);
            }
            Scenario s = Commands.load(scenario, RunRules.checkRun(), overrides.overrides(null)); // every replica is a spatial run
            int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            CrossCheck.Options options = new CrossCheck.Options(dir, total, r, level, cores,
                    Commands.provenance(spec));
            Optional<CrossCheck.Result> result = CrossCheck.check(s, fields, options, out);
            out.flush();
            return result.map(CheckCommand::exitStatus).orElse(Knudsen.OK);
        });
    }
}
