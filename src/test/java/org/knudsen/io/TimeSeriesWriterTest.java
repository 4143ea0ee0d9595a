package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesWriterTest {
    private static final List<String> COLS = List.of("t", "err_c_A", "err_c_B");

    private static double[] row(int i) {
        return new double[] {0.01 * i, Math.PI / (i + 1), -1e-17 * i};
    }

    @Test
    void rowsAreReadableWhileOpenAndReadBackToTheSameDoublesInAnyLocale(@TempDir Path dir) throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // decimal comma must not leak into the CSV
        try (TimeSeriesWriter w = TimeSeriesWriter.create(dir.resolve(TimeSeriesWriter.FILE_NAME), COLS)) {
            for (int i = 0; i < 5; i++) {
                w.append(row(i));
            }
            w.append(Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE);
            // not closed yet: another reader sees every row
            List<String> lines = Files.readAllLines(w.file());
            assertEquals("t,err_c_A,err_c_B", lines.get(0));
            assertEquals(7, lines.size());
            for (int i = 0; i < 5; i++) {
                String[] f = lines.get(i + 1).split(",");
                double[] expected = row(i);
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[c], Double.parseDouble(f[c]), 0.0, lines.get(i + 1)); // bit-exact
                }
            }
            assertEquals("NaN,Infinity,4.9E-324", lines.get(6));
            assertEquals(6, w.rows());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void resumeCutsRowsWrittenAfterTheCheckpointIncludingAHalfWrittenOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("timeseries.csv");
        try (TimeSeriesWriter w = TimeSeriesWriter.create(f, COLS)) {
            for (int i = 0; i < 10; i++) {
                w.append(row(i));
            }
        }
        Files.writeString(f, Files.readString(f) + "0.11,3.0", java.nio.file.StandardOpenOption.WRITE); // killed mid-row
        // checkpoint was taken after 4 rows; the run died later; resume and redo rows 4..9
        try (TimeSeriesWriter w = TimeSeriesWriter.openForResume(f, COLS, 4)) {
            assertEquals(4, w.rows());
            for (int i = 4; i < 10; i++) {
                w.append(row(i));
            }
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(11, lines.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(row(i)[1], Double.parseDouble(lines.get(i + 1).split(",")[1]), 0.0);
        }
        try (TimeSeriesWriter w = TimeSeriesWriter.openForResume(f, COLS, 0)) {
            assertEquals(0, w.rows());
        }
        assertEquals(List.of("t,err_c_A,err_c_B"), Files.readAllLines(f));
    }

    @Test
    void resumeRejectsOtherHeaderTooFewRowsAndMissingFileNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("timeseries.csv");
        InputException missing = assertThrows(InputException.class, () -> TimeSeriesWriter.openForResume(f, COLS, 0));
        assertTrue(missing.getMessage().contains("timeseries.csv") && missing.getMessage().contains("no such file"),
                missing::getMessage);
        try (TimeSeriesWriter w = TimeSeriesWriter.create(f, COLS)) {
            w.append(row(1));
            w.append(row(2));
        }
        String before = Files.readString(f);
        InputException header = assertThrows(InputException.class,
                () -> TimeSeriesWriter.openForResume(f, List.of("t", "err_c_A"), 1));
        assertTrue(header.getMessage().contains("timeseries.csv") && header.getMessage().contains("header"),
                header::getMessage);
        InputException few = assertThrows(InputException.class, () -> TimeSeriesWriter.openForResume(f, COLS, 3));
        assertTrue(few.getMessage().contains("only 2 complete data rows") && few.getMessage().contains("3"),
                few::getMessage);
        assertEquals(before, Files.readString(f), "a rejected resume must not modify the file");
    }

    @Test
    void badColumnsAndRowsOfWrongWidthAreRejected(@TempDir Path dir) {
        Path f = dir.resolve("ts.csv");
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesWriter.create(f, List.of("t", "a,b")));
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesWriter.create(f, List.of("t", "t")));
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesWriter.create(f, List.of()));
        try (TimeSeriesWriter w = TimeSeriesWriter.create(f, COLS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(1, 2));
            assertTrue(e.getMessage().contains("2 values") && e.getMessage().contains("3 columns"), e::getMessage);
        }
    }
}
