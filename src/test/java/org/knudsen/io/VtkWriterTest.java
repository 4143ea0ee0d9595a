package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VtkWriterTest {
    /** What a legacy-VTK reader sees: a minimal parser of the STRUCTURED_POINTS/CELL_DATA subset, token based. */
    record Parsed(String title, int[] dims, double[] origin, double[] spacing, int cellCount,
            LinkedHashMap<String, double[]> fields) {
    }

    static Parsed parse(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals("# vtk DataFile Version 3.0", lines.get(0));
        assertEquals("ASCII", lines.get(2));
        List<String> tokens = new ArrayList<>();
        for (String l : lines.subList(3, lines.size())) {
            tokens.addAll(Arrays.asList(l.trim().split("\\s+")));
        }
        int p = 0;
        assertEquals("DATASET", tokens.get(p++));
        assertEquals("STRUCTURED_POINTS", tokens.get(p++));
        int[] dims = new int[3];
        double[] origin = new double[3];
        double[] spacing = new double[3];
        int cells = -1;
        LinkedHashMap<String, double[]> fields = new LinkedHashMap<>();
        while (p < tokens.size()) {
            String key = tokens.get(p++);
            switch (key) {
                case "DIMENSIONS" -> {
                    for (int i = 0; i < 3; i++) {
                        dims[i] = Integer.parseInt(tokens.get(p++));
                    }
                }
                case "ORIGIN" -> {
                    for (int i = 0; i < 3; i++) {
                        origin[i] = Double.parseDouble(tokens.get(p++));
                    }
                }
                case "SPACING" -> {
                    for (int i = 0; i < 3; i++) {
                        spacing[i] = Double.parseDouble(tokens.get(p++));
                    }
                }
                case "CELL_DATA" -> cells = Integer.parseInt(tokens.get(p++));
                case "SCALARS" -> {
                    String name = tokens.get(p++);
                    assertEquals("double", tokens.get(p++));
                    assertEquals("1", tokens.get(p++));
                    assertEquals("LOOKUP_TABLE", tokens.get(p++));
                    assertEquals("default", tokens.get(p++));
                    double[] v = new double[cells];
                    for (int i = 0; i < cells; i++) {
                        v[i] = Double.parseDouble(tokens.get(p++));
                    }
                    fields.put(name, v);
                }
                default -> throw new AssertionError("unexpected token '" + key + "' in " + file);
            }
        }
        return new Parsed(lines.get(1), dims, origin, spacing, cells, fields);
    }

    @Test
    void snapshotReadsBackWithPointDimensionsSpacingAndEveryCellValueBitExact(@TempDir Path dir) throws Exception {
        int[] cells = {5, 3, 2};
        double[] lengths = {1.0, 0.3, 2 * Math.PI};
        int n = 30;
        double[] density = new double[n];
        double[] flux = new double[n];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 5; i++) {
                    int c = i + 5 * (j + 3 * k); // x fastest
                    density[c] = 1 + 0.1 * Math.sin(2 * Math.PI * (i + 0.5) / 5) + 1e-13 * c;
                    flux[c] = -Math.expm1(-c / 7.0) * 1e-300;
                }
            }
        }
        LinkedHashMap<String, double[]> fields = new LinkedHashMap<>();
        fields.put("c_A", density);
        fields.put("flux_x_A", flux);
        Path f = dir.resolve("fields_000.vtk");
        VtkWriter.write(f, "t = 0.25", cells, lengths, fields);
        Parsed p = parse(f);
        assertEquals("t = 0.25", p.title());
        assertArrayEquals(new int[] {6, 4, 3}, p.dims());
        assertArrayEquals(new double[] {0, 0, 0}, p.origin());
        assertArrayEquals(new double[] {0.2, 0.3 / 3, 2 * Math.PI / 2}, p.spacing(), 0.0);
        assertEquals(30, p.cellCount());
        assertEquals(List.of("c_A", "flux_x_A"), List.copyOf(p.fields().keySet()));
        assertArrayEquals(density, p.fields().get("c_A"), 0.0);
        assertArrayEquals(flux, p.fields().get("flux_x_A"), 0.0);
    }

    @Test
    void unsafeNamesWrongSizesAndNonFiniteValuesAreRejectedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path f = dir.resolve("bad.vtk");
        int[] cells = {4, 1, 1};
        double[] lengths = {1, 1, 1};
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c A", "not VTK-safe");
        expected.put("", "not VTK-safe");
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            LinkedHashMap<String, double[]> fields = new LinkedHashMap<>();
            fields.put(bad.getKey(), new double[4]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VtkWriter.write(f, cells, lengths, fields));
            assertTrue(e.getMessage().contains(bad.getValue()) && e.getMessage().contains("bad.vtk"), e::getMessage);
        }
        LinkedHashMap<String, double[]> shortField = new LinkedHashMap<>(Map.of("c_A", new double[3]));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> VtkWriter.write(f, cells, lengths, shortField));
        assertTrue(size.getMessage().contains("3 values") && size.getMessage().contains("4 cells"), size::getMessage);
        LinkedHashMap<String, double[]> nan = new LinkedHashMap<>(Map.of("c_A", new double[] {0, 1, Double.NaN, 2}));
        IllegalArgumentException nonFinite = assertThrows(IllegalArgumentException.class,
                () -> VtkWriter.write(f, cells, lengths, nan));
        assertTrue(nonFinite.getMessage().contains("cell 2"), nonFinite::getMessage);
        assertThrows(IllegalArgumentException.class,
                () -> VtkWriter.write(f, new int[] {4, 0, 1}, lengths, new LinkedHashMap<>(Map.of("c_A", new double[4]))));
        assertThrows(IllegalArgumentException.class,
                () -> VtkWriter.write(f, cells, new double[] {1, -1, 1}, new LinkedHashMap<>(Map.of("c_A", new double[4]))));
        assertFalse(Files.exists(f));
    }
}
