package org.knudsen.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Adapters between the command line's writers and the PrintStreams that reports are written to. */
public final class Streams {
    private Streams() {
    }

    /** A UTF-8 PrintStream whose text goes to {@code writer} on every flush (autoflush on println). */
    public static PrintStream printStream(PrintWriter writer) {
        OutputStream sink = new OutputStream() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void flush() {
                writer.write(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
                writer.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
