package org.knudsen.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pretty-printed JSON (Jackson) for maps, lists, records and primitive arrays: the one place where knudsen writes
 * JSON ({@code check.json}, {@code summary.json}, {@code info --json}, {@code bench --json}). Key order is the order
 * of the map given (use a LinkedHashMap), so outputs are stable and diff-friendly. Two conventions hold for every
 * file, whatever the caller passes:
 * <ul>
 * <li>keys are snake_case: record components and bean properties go through Jackson's
 * {@link PropertyNamingStrategies#SNAKE_CASE} ({@code standardError} → {@code standard_error}, {@code pValue} →
 * {@code p_value}); map keys are written as given (every map knudsen writes uses snake_case keys);</li>
 * <li>NaN and ±∞ become {@code null} (JSON has no such numbers; Jackson would otherwise write the strings
 * {@code "NaN"}/{@code "Infinity"}, which a reader takes for text, or bare tokens a strict parser rejects).
 * Whoever writes a possibly non-finite number says why next to it (e.g. a comparison's {@code status}).</li>
 * </ul>
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonOutput() {
    }

    /** The value as pretty-printed JSON text, without a trailing newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(finite(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The tree with every non-finite number replaced by null (in place). */
    private static JsonNode finite(JsonNode node) {
        if (node == null) {
            return NullNode.getInstance();
        }
        if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return NullNode.getInstance();
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.replace(name, finite(o.get(name))); // keeps the key's position
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, finite(a.get(i)));
            }
        }
        return node;
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
        writeText(file, toJson(value));
    }

    /** Writes JSON text from {@link #toJson} (plus newline) to {@code file}, replaced atomically. */
    public static void writeText(Path file, String json) {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
