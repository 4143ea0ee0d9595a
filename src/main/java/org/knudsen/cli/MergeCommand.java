package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.knudsen.io.InputException;
import org.knudsen.io.Streams;
import org.knudsen.run.ReplicaMerge;
import org.knudsen.check.CrossCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen merge DIR... [--out DIR] [--level 0.01]}: combine replicas run as separate processes, of a check
 * ({@link CrossCheck#merge}) or of a run ({@link ReplicaMerge#merge}).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Run replicas (knudsen run --replica r/R: DIR/replicas/r<r>/ with replica.json): merged into "
                + "DIR (or --out): timeseries.csv (t, then for every column c its replica mean c and standard error "
                + "c_replica_se), summary.json, mode_amplitude.png, deviation.png; byte-identical to knudsen run "
                + "--replicas R. Refuses (exit 2) replicas of different scenarios or R, duplicates with different "
                + "contents, missing or unfinished replicas. Each DIR: an ensemble directory, its replicas/, or a "
                + "replica directory.",
                "Check replicas: combine the replica files (replica_<r>_of_<R>.csv, in each DIR or DIR/replicas) of a check run "
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

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directories holding replicas.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write check.json or the merged run (default: "
            + "the first DIR; for run replicas its ensemble directory).")
    Path out;

    @Option(names = "--level", paramLabel = "ALPHA", defaultValue = "0.01",
            description = "Significance level of a check's verdict (default ${DEFAULT-VALUE}; check replicas only).")
    double level;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream log = Streams.printStream(spec.commandLine().getOut());
            boolean runs = dirs.stream().anyMatch(ReplicaMerge::holdsRunReplicas);
            if (runs) {
                if (CrossCheck.holdsReplicaFiles(dirs)) {
                    throw new InputException("merge " + dirs + ": holds both run replicas (replicas/r<r>/) and check "
                            + "replica files (replica_<r>_of_<R>.csv); merge one kind at a time");
                }
                ReplicaMerge.merge(dirs, out != null ? out : ReplicaMerge.defaultOut(dirs), log);
                log.flush();
                return Knudsen.OK;
            }
            CrossCheck.Result r = CrossCheck.merge(dirs, out != null ? out : dirs.get(0), level,
                    Commands.provenance(spec), log);
            log.flush();
            return CheckCommand.exitStatus(r);
        });
    }
}
