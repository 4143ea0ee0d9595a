package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
