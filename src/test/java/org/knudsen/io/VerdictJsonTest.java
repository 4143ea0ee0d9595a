package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.moments.Comparison;
import org.knudsen.moments.Verdict;

/** The verdict record serialises to the check.json structure (per comparison and global fields). */
class VerdictJsonTest {
    @Test
    void verdictWritesPerComparisonAndGlobalFields() throws Exception {
        Verdict v = Verdict.decide(List.of(
                Comparison.of(0.1, "A", "mode 1,0,0", -1, new double[] {0.01, -0.02, 0.015, 0.0}),
                Comparison.of(0.1, "B", "cell", 5, new double[] {0.0, 0.0, 0.0, 0.0})), 0.01);
        JsonNode j = new ObjectMapper().readTree(JsonOutput.toJson(v));
        for (String key : List.of("method", "level", "replicas", "tests", "maxAbsZ", "worst", "criticalZ", "pValue",
                "consistent", "comparisons")) {
            assertTrue(j.has(key), key + " in " + j);
        }
        assertTrue(j.get("consistent").asBoolean());
        JsonNode c = j.get("comparisons").get(1);
        assertEquals("B", c.get("species").asText());
        assertEquals(5, c.get("cell").asInt());
        assertEquals(0.0, c.get("z").asDouble());
        assertEquals(1.0, c.get("pValue").asDouble());
        assertEquals(0.01, j.get("comparisons").get(0).get("time").asDouble() * 0.1, 1e-15);
    }
}
