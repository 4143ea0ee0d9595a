package org.knudsen.cli;

import java.util.concurrent.Callable;
import org.knudsen.io.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code knudsen} command (DESIGN.md, "The command"). Exit codes: 0 ok, 2 bad input (scenario errors, bad
 * arguments), 1 failure, 3 a check found the particles inconsistent with the reference, 4 a check could not decide
 * (no comparison with a usable standard error). Errors go to stderr, one line per problem.
 */
@Command(name = "knudsen", mixinStandardHelpOptions = true, versionProvider = Knudsen.Version.class,
        description = "Multi-species Boltzmann (DSMC) in the diffusive scaling, measured against Maxwell-Stefan.",
        subcommands = {InfoCommand.class, RunCommand.class, SweepCommand.class, ResumeCommand.class, BenchCommand.class,
            CheckCommand.class, MergeCommand.class, FieldsCommand.class, LinearCommand.class},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:ok (check: consistent)", "1:failure of knudsen itself",
            "2:bad input (scenario, fields file, arguments)", "3:check/merge: inconsistent at the chosen level",
            "4:check/merge: undecidable (no comparison with a usable standard error)"})
public final class Knudsen implements Callable<Integer> {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure of knudsen itself. */
    public static final int FAILURE = 1;
    /** Exit code for bad input: a scenario that breaks a rule, a missing file, bad arguments. */
    public static final int BAD_INPUT = 2;
    /** Exit code of {@code check}/{@code merge} when the particles are inconsistent with the reference at the level. */
    public static final int CHECK_INCONSISTENT = 3;
    /**
     * Exit code of {@code check}/{@code merge} when the verdict is undecidable: every comparison of its family has a
     * zero or non-finite standard error (e.g. identical replica values), so it is neither consistent nor inconsistent.
     */
    public static final int CHECK_UNDECIDABLE = 4;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Knudsen()).execute(args));
    }

    /** Without a subcommand: show the usage on stderr and report bad arguments. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** The version of the build and the git commit when known ({@link BuildInfo}), and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String commit = BuildInfo.gitCommit();
            return new String[] {"knudsen " + BuildInfo.version() + (commit != null ? " (git " + commit + ")" : ""),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
