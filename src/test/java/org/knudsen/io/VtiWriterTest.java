package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .vti snapshots and the .pvd collection read back with an independent parser ({@link VtiFiles}), to the bit. */
class VtiWriterTest {
    @Test
    void snapshotReadsBackWithExtentSpacingTimeAndEveryCellValueBitExact(@TempDir Path dir) throws Exception {
        int[] cells = {5, 3, 2};
        double[] lengths = {1.0, 0.3, 2 * Math.PI};
        int n = 30;
        double[] density = new double[n];
        double[][] flux = new double[3][n];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 5; i++) {
                    int c = i + 5 * (j + 3 * k); // x fastest
                    density[c] = 1 + 0.1 * Math.sin(2 * Math.PI * (i + 0.5) / 5) + 1e-13 * c;
                    for (int d = 0; d < 3; d++) {
                        flux[d][c] = -Math.expm1(-(c + d) / 7.0) * (d == 2 ? 1e-300 : 1);
                    }
                }
            }
        }
        density[7] = Double.NaN; // an empty cell: binary VTK carries NaN as it is
        double[] tiny = {Double.MIN_VALUE, -0.0, Double.MAX_VALUE, Math.ulp(1.0)};
        System.arraycopy(tiny, 0, density, 10, tiny.length);
        Path f = dir.resolve("cells_0003.vti");
        double time = 0.1 + 0.2; // 0.30000000000000004: the time must come back as the same double
        VtiWriter.write(f, cells, lengths, time, List.of(VtiWriter.Field.scalar("c_A", density),
                VtiWriter.Field.vector("u_A", flux[0], flux[1], flux[2])));
        VtiFiles.Image p = VtiFiles.read(f);
        assertEquals(time, p.time(), 0.0);
        assertArrayEquals(new int[] {0, 5, 0, 3, 0, 2}, p.extent());
        assertArrayEquals(new double[] {0, 0, 0}, p.origin());
        assertArrayEquals(new double[] {0.2, 0.3 / 3, 2 * Math.PI / 2}, p.spacing(), 0.0);
        assertEquals(List.of("c_A", "u_A"), List.copyOf(p.cells().keySet()));
        assertEquals(1, p.cells().get("c_A").components());
        assertEquals(3, p.cells().get("u_A").components());
        for (int c = 0; c < n; c++) {
            assertEquals(Double.doubleToRawLongBits(density[c]), Double.doubleToRawLongBits(p.cells().get("c_A").values()[c]),
                    "cell " + c);
        }
        for (int d = 0; d < 3; d++) {
            assertArrayEquals(flux[d], p.component("u_A", d), 0.0, "component " + d);
        }
        String header = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("<CellData Scalars=\"c_A\" Vectors=\"u_A\">"), "ParaView colours by c_A first");
        assertEquals(Files.size(f), header.indexOf('_', header.indexOf("<AppendedData")) + 1 + 2 * 8 + 8 * (n + 3 * n)
                + "\n  </AppendedData>\n</VTKFile>\n".length(), "header, two byte counts, the values and the trailer");
    }

    @Test
    void collectionListsTheSnapshotsWithTheirTimesInOrder(@TempDir Path dir) throws Exception {
        Path pvd = dir.resolve("cells.pvd");
        List<PvdCollection.Entry> entries = List.of(new PvdCollection.Entry(0, "fields/cells_0000.vti"),
                new PvdCollection.Entry(1e-5, "fields/cells_0001.vti"), new PvdCollection.Entry(0.1 + 0.2, "fields/cells_0002.vti"));
        PvdCollection.write(pvd, entries);
        List<VtiFiles.DataSet> read = VtiFiles.readCollection(pvd);
        assertEquals(3, read.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(entries.get(k).time(), read.get(k).time(), 0.0);
            assertEquals(entries.get(k).file(), read.get(k).file());
        }
        String text = Files.readString(pvd);
        assertTrue(text.contains("<DataSet timestep=\"0.30000000000000004\" part=\"0\" file=\"fields/cells_0002.vti\"/>"),
                text);
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> PvdCollection.write(pvd,
                List.of(entries.get(1), entries.get(0))));
        assertTrue(back.getMessage().contains("comes after"), back::getMessage);
        assertThrows(IllegalArgumentException.class, () -> new PvdCollection.Entry(0, "a \"b\".vti"));
        assertThrows(IllegalArgumentException.class, () -> new PvdCollection.Entry(Double.NaN, "a.vti"));
        assertEquals(3, VtiFiles.readCollection(pvd).size(), "a refused write leaves the collection as it was");
    }

    @Test
    void deleteSnapshotsRemovesLaterNumbersOnResumeAndEverySnapshotOfTheSeriesForANewRun(@TempDir Path dir) throws Exception {
        for (String name : List.of("cells_0000.vti", "cells_0001.vti", "cells_0002.vti", "cells_0000.vtk", "ms_0002.vti",
                "cells_notes.txt", "cells_12345.vti")) {
            Files.writeString(dir.resolve(name), "x");
        }
        VtiWriter.deleteSnapshots(dir, "cells_", 2, false); // a resume: the legacy file of an old version stays
        try (var s = Files.list(dir)) {
            assertEquals(List.of("cells_0000.vti", "cells_0000.vtk", "cells_0001.vti", "cells_notes.txt", "ms_0002.vti"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        VtiWriter.deleteSnapshots(dir, "cells_", 0, true); // a new run
        try (var s = Files.list(dir)) {
            assertEquals(List.of("cells_notes.txt", "ms_0002.vti"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void unsafeNamesWrongSizesAndBadGridsAreRejectedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path f = dir.resolve("bad.vti");
        int[] cells = {4, 1, 1};
        double[] lengths = {1, 1, 1};
        for (String bad : List.of("c A", "", "c\"A", "TimeValue")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VtiWriter.write(f, cells, lengths, 0, List.of(VtiWriter.Field.scalar(bad, new double[4]))));
            assertTrue(e.getMessage().contains("bad.vti") && e.getMessage().contains("'" + bad + "'"), e::getMessage);
        }
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> VtiWriter.write(f, cells, lengths, 0, List.of(VtiWriter.Field.scalar("c_A", new double[3]))));
        assertTrue(size.getMessage().contains("3 values") && size.getMessage().contains("4 cells"), size::getMessage);
        assertThrows(IllegalArgumentException.class, () -> VtiWriter.write(f, cells, lengths, 0,
                List.of(VtiWriter.Field.scalar("c_A", new double[4]), VtiWriter.Field.scalar("c_A", new double[4]))));
        assertThrows(IllegalArgumentException.class, () -> VtiWriter.write(f, cells, lengths, 0,
                List.of(new VtiWriter.Field("u", 2, new double[8]))));
        assertThrows(IllegalArgumentException.class, () -> VtiWriter.write(f, cells, lengths, Double.NaN,
                List.of(VtiWriter.Field.scalar("c_A", new double[4]))));
        assertThrows(IllegalArgumentException.class, () -> VtiWriter.write(f, new int[] {4, 0, 1}, lengths, 0,
                List.of(VtiWriter.Field.scalar("c_A", new double[4]))));
        assertThrows(IllegalArgumentException.class, () -> VtiWriter.write(f, cells, new double[] {1, -1, 1}, 0,
                List.of(VtiWriter.Field.scalar("c_A", new double[4]))));
        assertFalse(Files.exists(f));
    }
}
