package org.knudsen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Base of the command-line tests: runs {@code knudsen ARGS} in process and keeps what it printed. */
abstract class CommandLineTest {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    /** Runs the command with these arguments and returns its exit code; output accumulates in out and err. */
    protected int knudsen(String... args) {
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }
}
