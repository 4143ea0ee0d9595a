package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.knudsen.io.InputException;
import org.knudsen.io.Streams;
import org.knudsen.run.CheckRun;
import org.knudsen.run.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen check SCENARIO --fields FILE [--replicas R | --replica r/R] [--dir DIR] [--level 0.01]}: the
 * cross-check of an external solver's fields against R independent particle replicas ({@link CheckRun}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check an external solver's fields (c_i, optionally u_i; CSV 't,x,y,z,<species>...') against "
                + "R independent particle replicas of the scenario. Writes DIR/replicas/replica_<r>_of_<R>.csv, "
                + "DIR/check.json (every comparison with difference, SE, z, p; the verdict) and DIR/check_z.png.",
                "Verdict: max |z| over the species of the tracked mode's particle-minus-reference amplitude "
                        + "averaged over the output times t > 0 (Student t, R-1 dof, Bonferroni).",
                "Exit status: 0 consistent at --level (or one replica written with --replica), 3 inconsistent, "
                        + "2 bad input (scenario, fields file, arguments), 1 failure."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "scenario.toml", description = "Scenario file (needs [domain], [particles], [time]).")
    Path scenario;

    @Option(names = "--fields", required = true, paramLabel = "FILE",
            description = "Fields file of the external solver (format: docs/check.md).")
    Path fields;

    // 16 by default: for a given total of particles more replicas give more power (critical |t| 3.29 at R = 16 vs
    // 4.03 at R = 8 for level 0.01 and 2 species), and the replica-spread SE is steadier
    @Option(names = "--replicas", paramLabel = "R", description = "Run R >= 2 replicas in this process, in parallel "
            + "(default ${DEFAULT-VALUE}).", defaultValue = "16")
    int replicas;

    @Option(names = "--replica", paramLabel = "r/R", description = "Run only replica r (0-based) of R and write its "
            + "file (for cluster job arrays); combine with knudsen merge.")
    String replica;

    @Option(names = "--dir", paramLabel = "DIR", description = "Output directory (default: the scenario's [output] dir).")
    Path dir;

    @Option(names = "--level", paramLabel = "ALPHA", defaultValue = "0.01",
            description = "Significance level of the verdict (default ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--threads", paramLabel = "N", description = "Replicas run in parallel (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            int r = -1;
            int total = replicas;
            if (replica != null) {
                String[] parts = replica.split("/");
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    r = Integer.parseInt(parts[0].trim());
                    total = Integer.parseInt(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new InputException("--replica = " + replica + ": expected r/R with integers 0 <= r < R");
                }
            }
            Scenario s = Commands.load(scenario);
            int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            CheckRun.Options options = new CheckRun.Options(dir, total, r, level, cores);
            Optional<CheckRun.Result> result = CheckRun.check(s, fields, options, out);
            out.flush();
            if (result.isEmpty()) {
                return Knudsen.OK;
            }
            return result.get().consistent() ? Knudsen.OK : Knudsen.CHECK_INCONSISTENT;
        });
    }
}
