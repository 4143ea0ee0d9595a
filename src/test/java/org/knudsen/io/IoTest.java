package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoTest {
    @Test
    void jsonKeepsKeyOrderAndWritesMatricesAsNestedArraysThatReadBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("delta", new double[][] {{0, 1.25}, {1.25, 0}});
        m.put("names", List.of("A", "B"));
        String json = JsonOutput.toJson(m);
        assertTrue(json.indexOf("\"z\"") < json.indexOf("\"delta\""), json);
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals(1.25, back.get("delta").get(0).get(1).asDouble());
        assertEquals("B", back.get("names").get(1).asText());
    }

    @Test
    void textTableAlignsColumnsAndMatrixLabelsBothAxes() {
        StringWriter sw = new StringWriter();
        PrintStream ps = Streams.printStream(new PrintWriter(sw));
        new TextReport(ps).matrix("Δ", List.of("A", "Bee"), new double[][] {{0, 2}, {2, 0}});
        ps.flush();
        List<String> lines = sw.toString().lines().toList();
        assertEquals("Δ", lines.get(0)); // non-ASCII survives the PrintStream → PrintWriter bridge
        assertEquals(lines.get(2).indexOf("2.0000000"), lines.get(1).indexOf("Bee"), sw::toString);
        assertTrue(lines.get(3).startsWith("  Bee"), sw::toString);
    }

    @Test
    void missingFileIsBadInputNamingThePath(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.toml");
        InputException e = assertThrows(InputException.class, () -> TextFiles.read(missing));
        assertTrue(e.getMessage().contains("missing.toml"), e::getMessage);
        Files.writeString(missing, "é = 1\n");
        assertEquals("é = 1\n", TextFiles.read(missing));
    }
}
