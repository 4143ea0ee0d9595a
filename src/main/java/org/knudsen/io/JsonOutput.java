package org.knudsen.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Pretty-printed JSON (Jackson) for maps, lists, records and primitive arrays. Key order is the order
 * of the map given (use a LinkedHashMap), so outputs are stable and diff-friendly.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** The value as pretty-printed JSON text, without a trailing newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Writes the value as pretty-printed JSON followed by a newline. */
    public static void write(Object value, PrintStream out) {
        out.println(toJson(value));
        out.flush();
    }

    /**
     * Writes the value as pretty-printed JSON (plus newline) to {@code file}, replaced atomically
     * ({@link AtomicFiles}): {@code summary.json} is either the old or the new summary, never half of one.
     */
    public static void writeFile(Path file, Object value) {
        byte[] bytes = (toJson(value) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
