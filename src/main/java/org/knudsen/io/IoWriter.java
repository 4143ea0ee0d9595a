package org.knudsen.io;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a file's content to a stream; used by {@link AtomicFiles} so that a failure can be rolled back. */
@FunctionalInterface
public interface IoWriter {
    void writeTo(OutputStream out) throws IOException;
}
