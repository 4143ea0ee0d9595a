package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replica files round-trip every double exactly (a merge must combine the very numbers a replica computed). */
class ReplicaFileTest {
    private static ReplicaFile.Data sample() {
        Map<String, String> h = new LinkedHashMap<>();
        for (String k : ReplicaFile.HEADER_KEYS) {
            h.put(k, "x");
        }
        h.put("replicas", "3");
        h.put("replica", "1");
        h.put("scenario_seed", "42");
        h.put("seed", "-5528608851982440055");
        h.put("particles", "1000");
        h.put("steps", "10");
        h.put("dt", "0.001");
        h.put("epsilon", "0.05");
        h.put("species", "A,B");
        h.put("cells", "2");
        h.put("times", ReplicaFile.joinExact(new double[] {0.0, 0.1 + 0.2, 1.0 / 3}));
        double[][][] p = new double[3][2][3];
        double[][][] r = new double[3][2][3];
        java.util.Random rnd = new java.util.Random(5);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 2; i++) {
                for (int q = 0; q < 3; q++) {
                    p[k][i][q] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
                    r[k][i][q] = Math.nextUp(p[k][i][q]);
                }
            }
        }
        return new ReplicaFile.Data(h, p, r);
    }

    @Test
    void everyNumberRoundTripsExactly(@TempDir Path tmp) {
        ReplicaFile.Data d = sample();
        Path f = tmp.resolve(ReplicaFile.fileName(1, 3));
        ReplicaFile.write(f, d);
        ReplicaFile.Data back = ReplicaFile.read(f);
        assertEquals(d.header(), back.header());
        assertArrayEquals(d.times(), back.times());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(d.particle()[k][i], back.particle()[k][i], 0.0);
                assertArrayEquals(d.reference()[k][i], back.reference()[k][i], 0.0);
            }
        }
        assertEquals("replica_1_of_3.csv", f.getFileName().toString());
    }

    @Test
    void truncatedFileIsRefusedWithItsRowCount(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("r.csv");
        ReplicaFile.write(f, sample());
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, lines.size() - 2));
        InputException e = assertThrows(InputException.class, () -> ReplicaFile.read(f));
        assertTrue(e.getMessage().contains("16 rows, the header promises 18"), e.getMessage());
    }

    /** A NaN or infinite number in a row, or in the header's dt or times, is refused with file:line (exit 2). */
    @Test
    void nonFiniteValueIsRefusedWithItsLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("r.csv");
        ReplicaFile.write(f, sample());
        List<String> clean = Files.readAllLines(f);
        int row = ReplicaFile.HEADER_KEYS.size() + 4; // 0-based index of the 3rd data row
        for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
            for (int column : new int[] {4, 5}) {
                List<String> lines = new java.util.ArrayList<>(clean);
                String[] fields = lines.get(row).split(",", -1);
                fields[column] = bad;
                lines.set(row, String.join(",", fields));
                Files.write(f, lines);
                InputException e = assertThrows(InputException.class, () -> ReplicaFile.read(f));
                assertTrue(e.getMessage().contains("r.csv:" + (row + 1) + ": ")
                        && e.getMessage().contains(bad + " is not finite"), e.getMessage());
                assertTrue(e.getMessage().contains(column == 4 ? "particle value" : "reference value"), e.getMessage());
            }
        }
        for (String key : List.of("dt", "times")) {
            List<String> lines = new java.util.ArrayList<>(clean);
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("# " + key + " = ")).findFirst().orElseThrow());
            lines.set(at, "# " + key + " = " + (key.equals("dt") ? "NaN" : "0.0,Infinity,1.0"));
            Files.write(f, lines);
            InputException e = assertThrows(InputException.class, () -> ReplicaFile.read(f));
            assertTrue(e.getMessage().contains("r.csv:" + (at + 1) + ": " + key), e.getMessage());
        }
        // and a replica never writes one (a bug of knudsen, not bad input: nothing is written)
        ReplicaFile.Data d = sample();
        d.particle()[1][0][2] = Double.NaN;
        Path g = tmp.resolve("never.csv");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReplicaFile.write(g, d));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertFalse(Files.exists(g));
    }

    /** A file of an older version, without the scenario_seed header line, is still read. */
    @Test
    void fileWithoutScenarioSeedIsStillRead(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("r.csv");
        ReplicaFile.write(f, sample());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.removeIf(l -> l.startsWith("# scenario_seed = "));
        Files.write(f, lines);
        ReplicaFile.Data back = ReplicaFile.read(f);
        assertTrue(back.scenarioSeed().isEmpty());
        assertEquals(-5528608851982440055L, back.seed());
        assertEquals(42L, ReplicaFile.read(tmpWrite(tmp)).scenarioSeed().getAsLong());
    }

    private static Path tmpWrite(Path tmp) {
        Path f = tmp.resolve("with.csv");
        ReplicaFile.write(f, sample());
        return f;
    }

    @Test
    void nonNumberIsRefusedWithItsLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("r.csv");
        ReplicaFile.write(f, sample());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        int row = ReplicaFile.HEADER_KEYS.size() + 3; // 0-based index of the 2nd data row
        lines.set(row, lines.get(row).replaceAll(",[^,]*$", ",abc"));
        Files.write(f, lines);
        InputException e = assertThrows(InputException.class, () -> ReplicaFile.read(f));
        assertTrue(e.getMessage().contains("r.csv:" + (row + 1) + ": not a number"), e.getMessage());
    }
}
