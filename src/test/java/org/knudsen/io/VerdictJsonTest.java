package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knudsen.stats.Comparison;
import org.knudsen.stats.Verdict;

/**
 * The JSON conventions of every file knudsen writes ({@link JsonOutput}): snake_case keys, also for records (the
 * verdict and comparison records), and no NaN/±∞ anywhere (null instead), checked with a strict parser.
 */
class VerdictJsonTest {
    static JsonNode strict(String json) throws Exception {
        return StrictJson.parse(json);
    }

    static void assertSnakeCaseKeys(JsonNode node, String where) {
        StrictJson.assertSnakeCaseKeys(node, where);
    }

    @Test
    void verdictWritesPerComparisonAndGlobalFieldsInSnakeCase() throws Exception {
        Verdict v = Verdict.decide(List.of(
                Comparison.of(0.1, "A", "mode 1,0,0", -1, new double[] {0.01, -0.02, 0.015, 0.0}),
                Comparison.of(0.1, "B", "cell", 5, new double[] {0.0, 0.0, 0.0, 0.0})), 0.01);
        JsonNode j = strict(JsonOutput.toJson(v));
        for (String key : List.of("method", "outcome", "level", "replicas", "tests", "excluded", "max_abs_z", "worst",
                "critical_z", "p_value", "comparisons")) {
            assertTrue(j.has(key), key + " in " + j);
        }
        assertSnakeCaseKeys(j, "the verdict");
        assertEquals("consistent", j.get("outcome").asText());
        assertEquals(1, j.get("tests").asInt());
        assertEquals(1, j.get("excluded").asInt());
        JsonNode c = j.get("comparisons").get(1);
        assertEquals("B", c.get("species").asText());
        assertEquals(5, c.get("cell").asInt());
        assertEquals("zero_se", c.get("status").asText());
        assertTrue(c.get("z").isNull(), c::toString);
        assertTrue(c.get("p_value").isNull(), c::toString);
        assertEquals(0.0, c.get("standard_error").asDouble());
        assertTrue(j.get("comparisons").get(0).has("standard_error"));
        assertEquals("ok", j.get("comparisons").get(0).get("status").asText());
        assertEquals(0.01, j.get("comparisons").get(0).get("time").asDouble() * 0.1, 1e-15);
    }

    /** NaN and ±∞ become null wherever they are: map values, record components, double[] and double[][] elements. */
    @Test
    void nonFiniteNumbersAreWrittenAsNullEverywhere() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("float_nan", Float.NaN);
        m.put("array", new double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN});
        m.put("matrix", new double[][] {{Double.NaN}, {2.0}});
        m.put("list", List.of(Double.NaN, 3.0));
        m.put("undecidable", Verdict.decide(List.of(Comparison.of(0, "A", "mode", -1, new double[] {1, 1})), 0.01));
        String text = JsonOutput.toJson(m);
        JsonNode j = strict(text);
        assertTrue(j.get("nan").isNull() && j.get("inf").isNull() && j.get("float_nan").isNull());
        assertEquals(1.5, j.get("array").get(0).asDouble());
        assertTrue(j.get("array").get(1).isNull() && j.get("array").get(2).isNull());
        assertTrue(j.get("matrix").get(0).get(0).isNull());
        assertEquals(2.0, j.get("matrix").get(1).get(0).asDouble());
        assertTrue(j.get("list").get(0).isNull());
        JsonNode u = j.get("undecidable");
        assertEquals("undecidable", u.get("outcome").asText());
        assertTrue(u.get("max_abs_z").isNull() && u.get("p_value").isNull() && u.get("critical_z").isNull()
                && u.get("worst").isNull());
        // key order as given
        assertEquals(List.of("nan", "inf", "float_nan", "array", "matrix", "list", "undecidable"),
                iterable(j.fieldNames()));
        // and the strict parser does reject what Jackson writes by default with the non-numeric-numbers feature off
        String bare = "{\"x\" : NaN}";
        org.junit.jupiter.api.Assertions.assertThrows(JsonParseException.class, () -> new ObjectMapper().readTree(bare));
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
