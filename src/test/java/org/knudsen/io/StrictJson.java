package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Test helper: JSON as knudsen must write it (strict standard JSON, no non-finite numbers, snake_case keys). */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Parses with Jackson's default (strict) parser, which rejects the bare NaN/Infinity tokens
     * (ALLOW_NON_NUMERIC_NUMBERS is off), after asserting that no "NaN"/"Infinity" string appears either.
     */
    public static JsonNode parse(String json) throws IOException {
        assertFalse(json.contains("NaN") || json.contains("Infinity"), () -> "non-finite number in\n" + json);
        return new ObjectMapper().readTree(json);
    }

    /** {@link #parse} of a file, plus {@link #assertSnakeCaseKeys}. */
    public static JsonNode file(Path file) throws IOException {
        JsonNode j = parse(Files.readString(file));
        assertSnakeCaseKeys(j, file.toString());
        return j;
    }

    /**
     * The JSON text of a file without its {@code provenance} block, which knudsen writes last (summary.json,
     * check.json): the only part that depends on the process (times, command line, machine). Byte comparisons of
     * check and merge, or of resumed and uninterrupted runs, compare the rest (docs/check.md).
     */
    public static String withoutProvenance(Path file) throws IOException {
        String text = Files.readString(file);
        String key = ",\n  \"provenance\" : {\n";
        int at = text.indexOf(key);
        assertTrue(at > 0 && text.indexOf(key, at + 1) < 0, () -> file + ": one provenance block expected:\n" + text);
        int close = text.indexOf("\n  }", at);
        String rest = text.substring(close + 4);
        assertTrue(rest.equals("\n}\n") || rest.startsWith(",\n  \"earlier_provenance\" : ["),
                () -> file + ": the provenance block must come last:\n" + text);
        return text.substring(0, at) + "\n}\n";
    }

    /** Every object key in the tree, recursively, is snake_case. */
    public static void assertSnakeCaseKeys(JsonNode node, String where) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(e.getKey().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), () -> "key '" + e.getKey() + "' in "
                        + where + " is not snake_case");
                assertSnakeCaseKeys(e.getValue(), where);
            }
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                assertSnakeCaseKeys(c, where);
            }
        }
    }
}
