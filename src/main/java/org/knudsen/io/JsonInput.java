package org.knudsen.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads back the JSON files knudsen writes ({@code summary.json}, a replica's {@code replica.json}) for the commands that
 * combine or continue runs ({@code merge}, {@code resume}). Problems are bad input (exit 2) naming the file.
 */
public final class JsonInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonInput() {
    }

    /** The JSON object in {@code file}. */
    public static JsonNode readObject(Path file) {
        JsonNode node;
        try {
            node = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new InputException(file + ": expected a JSON object");
        }
        return node;
    }

    /** The integer at {@code key} of {@code node} (read from {@code file}), or bad input naming both. */
    public static long integer(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InputException(file + ": " + key + " = " + v + ": expected an integer");
        }
        return v.asLong();
    }

    /** The text at {@code key} of {@code node} (read from {@code file}), or bad input naming both. */
    public static String text(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new InputException(file + ": " + key + " = " + v + ": expected a string");
        }
        return v.asText();
    }
}
