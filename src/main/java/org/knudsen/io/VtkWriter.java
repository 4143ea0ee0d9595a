package org.knudsen.io;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field snapshots as legacy VTK files (ASCII, {@code STRUCTURED_POINTS}) that ParaView and VisIt open
 * directly: the periodic box [0, L_x]×[0, L_y]×[0, L_z] as nx×ny×nz cells, one scalar array per field
 * given per cell ({@code CELL_DATA}). Values are written as the shortest decimal that reads back to the
 * same double. Files are replaced atomically ({@link AtomicFiles}), so a viewer or a killed run never
 * sees half a snapshot.
 */
public final class VtkWriter {
    /** VTK legacy names are single tokens; keep to characters every reader accepts. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.+-]*");

    /** What a field name must be: one token of the legacy VTK format (no spaces). */
    public static final String FIELD_NAME_RULE = "a VTK field name starts with a letter or _ and holds only letters, "
            + "digits and _ . + -";

    /** {@code text} as a legacy-VTK title: printable ASCII (others become '?'), one line, at most 255 characters. */
    public static String title(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(255).forEach(c -> sb.append(c >= ' ' && c < 0x7f ? (char) c : '?'));
        return sb.toString();
    }

    /** Whether {@code name} follows {@link #FIELD_NAME_RULE}. */
    public static boolean isFieldName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }
    private static final int VALUES_PER_LINE = 6;

    private VtkWriter() {
    }

    /**
     * Removes the snapshots {@code <prefix>NNNN.vtk} of an earlier run from {@code dir}, so that a new run never leaves
     * stale later-numbered files beside its own.
     */
    public static void deleteSnapshots(Path dir, String prefix) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".vtk")) {
                    java.nio.file.Files.delete(f);
                }
            }
        } catch (java.io.IOException e) {
            throw new InputException(dir + ": cannot remove old snapshots (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes {@code cellFields} on the grid of {@code cells} = {nx, ny, nz} cells spanning {@code lengths}
     * = {L_x, L_y, L_z}. Each field has nx·ny·nz values, x fastest (index = i + nx·(j + ny·k)), finite.
     *
     * @throws IllegalArgumentException naming the field or parameter that breaks a rule; nothing is written
     */
    public static void write(Path file, int[] cells, double[] lengths, LinkedHashMap<String, double[]> cellFields) {
        write(file, "knudsen cell fields", cells, lengths, cellFields);
    }

    /** As {@link #write(Path, int[], double[], LinkedHashMap)} with a title line (e.g. "t = 0.25"). */
    public static void write(Path file, String title, int[] cells, double[] lengths,
            LinkedHashMap<String, double[]> cellFields) {
        long n = check(file, title, cells, lengths, cellFields);
        AtomicFiles.write(file, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.US_ASCII), 1 << 16);
            StringBuilder sb = new StringBuilder(256);
            sb.append("# vtk DataFile Version 3.0\n").append(title).append('\n').append("ASCII\n")
                    .append("DATASET STRUCTURED_POINTS\n")
                    .append("DIMENSIONS ").append(cells[0] + 1).append(' ').append(cells[1] + 1).append(' ')
                    .append(cells[2] + 1).append('\n')
                    .append("ORIGIN 0 0 0\n")
                    .append("SPACING ").append(lengths[0] / cells[0]).append(' ').append(lengths[1] / cells[1])
                    .append(' ').append(lengths[2] / cells[2]).append('\n')
                    .append("CELL_DATA ").append(n).append('\n');
            w.append(sb);
            for (Map.Entry<String, double[]> field : cellFields.entrySet()) {
                sb.setLength(0);
                sb.append("SCALARS ").append(field.getKey()).append(" double 1\nLOOKUP_TABLE default\n");
                double[] values = field.getValue();
                for (int i = 0; i < values.length; i++) {
                    sb.append(values[i]).append((i % VALUES_PER_LINE == VALUES_PER_LINE - 1) ? '\n' : ' ');
                    if (sb.length() > 8192) {
                        w.append(sb);
                        sb.setLength(0);
                    }
                }
                if (values.length % VALUES_PER_LINE != 0) {
                    sb.setCharAt(sb.length() - 1, '\n');
                }
                w.append(sb);
            }
            w.flush();
        });
    }

    private static long check(Path file, String title, int[] cells, double[] lengths,
            Map<String, double[]> cellFields) {
        if (cells == null || cells.length != 3 || cells[0] < 1 || cells[1] < 1 || cells[2] < 1) {
            throw new IllegalArgumentException(file + ": cells = " + java.util.Arrays.toString(cells)
                    + " must be three counts >= 1");
        }
        if (lengths == null || lengths.length != 3) {
            throw new IllegalArgumentException(file + ": lengths = " + java.util.Arrays.toString(lengths)
                    + " must be three side lengths");
        }
        for (double l : lengths) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException(file + ": lengths = " + java.util.Arrays.toString(lengths)
                        + " must be finite and > 0");
            }
        }
        if (title == null || title.length() > 255 || !title.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(file + ": VTK title '" + title
                    + "' must be printable ASCII on one line, at most 255 characters");
        }
        if (cellFields == null || cellFields.isEmpty()) {
            throw new IllegalArgumentException(file + ": a VTK snapshot needs at least one field");
        }
        long n = Math.multiplyExact(Math.multiplyExact((long) cells[0], cells[1]), cells[2]);
        for (Map.Entry<String, double[]> field : cellFields.entrySet()) {
            String name = field.getKey();
            if (!isFieldName(name)) {
                throw new IllegalArgumentException(file + ": field name '" + name
                        + "' is not VTK-safe (letters, digits, _ . + -, starting with a letter or _; no spaces)");
            }
            double[] v = field.getValue();
            if (v == null || v.length != n) {
                throw new IllegalArgumentException(file + ": field '" + name + "' has "
                        + (v == null ? "no" : String.valueOf(v.length)) + " values, the grid has " + n + " cells");
            }
            for (int i = 0; i < v.length; i++) {
                // VTK's ASCII reader cannot parse NaN/Infinity; a snapshot with them would not open
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException(file + ": field '" + name + "' has " + v[i] + " in cell "
                            + i + "; VTK needs finite values (replace empty-cell values before writing)");
                }
            }
        }
        return n;
    }
}
