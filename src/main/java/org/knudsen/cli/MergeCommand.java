package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.check.CrossCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code knudsen merge DIR... [--out DIR] [--level 0.01]}: combine replicas run as separate processes. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combine the replica files (replica_<r>_of_<R>.csv, in each DIR or DIR/replicas) of a check run "
                + "as separate processes (knudsen check --replica r/R) into check.json; the result is identical to "
                + "knudsen check --replicas R.",
                "Refuses (exit 2) a missing replica, mismatched files, a replica found twice with different contents, a "
                        + "file whose seed does not match its index, two replicas with identical particle values, and a "
                        + "non-finite number (file:line).",
                "Exit status: 0 consistent, 3 inconsistent, 4 undecidable (no comparison with a usable SE), 2 bad "
                        + "input, 1 failure."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directories holding replica files.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write check.json (default: the first DIR).")
    Path out;

    @Option(names = "--level", paramLabel = "ALPHA", defaultValue = "0.01",
            description = "Significance level of the verdict (default ${DEFAULT-VALUE}).")
    double level;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream log = Streams.printStream(spec.commandLine().getOut());
            CrossCheck.Result r = CrossCheck.merge(dirs, out != null ? out : dirs.get(0), level,
                    Commands.provenance(spec), log);
            log.flush();
            return CheckCommand.exitStatus(r);
        });
    }
}
