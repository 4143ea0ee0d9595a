package org.knudsen.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Field snapshots as VTK XML image data ({@code .vti}) that ParaView, VisIt and VTK's {@code vtkXMLImageDataReader}
 * open directly: the periodic box [0, L_x]×[0, L_y]×[0, L_z] as nx×ny×nz cells, one array per field given per cell
 * ({@code CellData}; a vector field has 3 components), and the physical time as the field-data array
 * {@code TimeValue} (which VTK readers take as the time of the file). The arrays are {@code Float64} in one
 * {@code AppendedData} block, raw little-endian, each preceded by its byte count as a little-endian {@code UInt64}
 * ({@code header_type="UInt64"}); cell values are x fastest (index = i + nx·(j + ny·k)), vector components
 * interleaved. Non-finite values (NaN in a cell without particles) are written as they are. Files are replaced
 * atomically ({@link AtomicFiles}), so a viewer or a killed run never sees half a snapshot.
 */
public final class VtiWriter {
    /** The extension of the snapshots. */
    public static final String EXTENSION = ".vti";
    /** The extension of the legacy ASCII snapshots of earlier versions, removed with a run's own. */
    public static final String LEGACY_EXTENSION = ".vtk";
    /** The name of the field-data array that holds the snapshot's time. */
    public static final String TIME_ARRAY = "TimeValue";

    /** Names are single tokens; keep to characters every reader (and a Python identifier-like key) accepts. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.+-]*");

    /** What a field name must be. */
    public static final String FIELD_NAME_RULE = "a VTK field name starts with a letter or _ and holds only letters, "
            + "digits and _ . + -";

    /** One cell array: {@code components} values per cell (1 or 3), interleaved, finite or not. */
    public record Field(String name, int components, double[] values) {
        public static Field scalar(String name, double[] values) {
            return new Field(name, 1, values);
        }

        /** A 3-component field from its components. */
        public static Field vector(String name, double[] x, double[] y, double[] z) {
            if (x.length != y.length || x.length != z.length) {
                throw new IllegalArgumentException("field '" + name + "': components of " + x.length + ", " + y.length
                        + " and " + z.length + " values");
            }
            double[] v = new double[3 * x.length];
            for (int c = 0; c < x.length; c++) {
                v[3 * c] = x[c];
                v[3 * c + 1] = y[c];
                v[3 * c + 2] = z[c];
            }
            return new Field(name, 3, v);
        }
    }

    private VtiWriter() {
    }

    /** Whether {@code name} follows {@link #FIELD_NAME_RULE}. */
    public static boolean isFieldName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }

    /** The file name of snapshot {@code index} of a series: {@code <prefix>NNNN.vti}. */
    public static String snapshotName(String prefix, int index) {
        return String.format(Locale.ROOT, "%s%04d%s", prefix, index, EXTENSION);
    }

    /**
     * Removes from {@code dir} the snapshots {@code <prefix>NNNN.vti} numbered {@code from} or higher (a resumed run:
     * those written after its checkpoint) or, with {@code legacy}, instead every {@code <prefix>*.vti} and every legacy
     * {@code <prefix>*.vtk} of earlier versions (a new run), so that a run never leaves snapshots beside its own that
     * its collection does not list.
     */
    public static void deleteSnapshots(Path dir, String prefix, int from, boolean legacy) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                if ((legacy && name.endsWith(LEGACY_EXTENSION)) || (rest.matches("[0-9]{4,}\\.vti")
                        && (legacy || Integer.parseInt(rest.substring(0, rest.length() - 4)) >= from))) {
                    Files.delete(f);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new InputException(dir + ": cannot remove old snapshots (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes {@code fields} on the grid of {@code cells} = {nx, ny, nz} cells spanning {@code lengths} = {L_x, L_y,
     * L_z} at time {@code time}.
     *
     * @throws IllegalArgumentException naming the field or parameter that breaks a rule; nothing is written
     */
    public static void write(Path file, int[] cells, double[] lengths, double time, List<Field> fields) {
        check(file, cells, lengths, time, fields);
        StringBuilder h = new StringBuilder(1024);
        String extent = "0 " + cells[0] + " 0 " + cells[1] + " 0 " + cells[2];
        h.append("<?xml version=\"1.0\"?>\n")
                .append("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n")
                .append("  <ImageData WholeExtent=\"").append(extent).append("\" Origin=\"0 0 0\" Spacing=\"")
                .append(lengths[0] / cells[0]).append(' ').append(lengths[1] / cells[1]).append(' ')
                .append(lengths[2] / cells[2]).append("\">\n")
                .append("    <FieldData>\n")
                .append("      <DataArray type=\"Float64\" Name=\"").append(TIME_ARRAY)
                .append("\" NumberOfTuples=\"1\" format=\"ascii\">").append(time).append("</DataArray>\n")
                .append("    </FieldData>\n")
                .append("    <Piece Extent=\"").append(extent).append("\">\n")
                .append("      <CellData").append(active(fields, 1, "Scalars")).append(active(fields, 3, "Vectors"))
                .append(">\n");
        long offset = 0;
        for (Field f : fields) {
            h.append("        <DataArray type=\"Float64\" Name=\"").append(f.name()).append('"');
            if (f.components() != 1) {
                h.append(" NumberOfComponents=\"").append(f.components()).append('"');
            }
            h.append(" format=\"appended\" offset=\"").append(offset).append("\"/>\n");
            offset += Long.BYTES + (long) Double.BYTES * f.values().length;
        }
        h.append("      </CellData>\n    </Piece>\n  </ImageData>\n  <AppendedData encoding=\"raw\">\n   _");
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Field f : fields) {
                buf.putLong((long) Double.BYTES * f.values().length);
                for (double v : f.values()) {
                    if (!buf.hasRemaining()) {
                        drain(buf, out);
                    }
                    buf.putDouble(v);
                }
            }
            drain(buf, out);
            out.write("\n  </AppendedData>\n</VTKFile>\n".getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** {@code name="first field of that many components"}, or nothing: ParaView colours by the active scalars. */
    private static String active(List<Field> fields, int components, String attribute) {
        return fields.stream().filter(f -> f.components() == components).findFirst()
                .map(f -> " " + attribute + "=\"" + f.name() + "\"").orElse("");
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static void check(Path file, int[] cells, double[] lengths, double time, List<Field> fields) {
        if (cells == null || cells.length != 3 || cells[0] < 1 || cells[1] < 1 || cells[2] < 1) {
            throw new IllegalArgumentException(file + ": cells = " + Arrays.toString(cells) + " must be three counts >= 1");
        }
        if (lengths == null || lengths.length != 3) {
            throw new IllegalArgumentException(file + ": lengths = " + Arrays.toString(lengths)
                    + " must be three side lengths");
        }
        for (double l : lengths) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException(file + ": lengths = " + Arrays.toString(lengths)
                        + " must be finite and > 0");
            }
        }
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException(file + ": time = " + time + " must be finite");
        }
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException(file + ": a snapshot needs at least one field");
        }
        long n = Math.multiplyExact(Math.multiplyExact((long) cells[0], cells[1]), cells[2]);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Field f : fields) {
            if (!isFieldName(f.name())) {
                throw new IllegalArgumentException(file + ": field name '" + f.name() + "' is not VTK-safe (letters, "
                        + "digits, _ . + -, starting with a letter or _; no spaces)");
            }
            if (!names.add(f.name()) || f.name().equals(TIME_ARRAY)) {
                throw new IllegalArgumentException(file + ": field name '" + f.name() + "' is used twice");
            }
            if (f.components() != 1 && f.components() != 3) {
                throw new IllegalArgumentException(file + ": field '" + f.name() + "' has " + f.components()
                        + " components; a snapshot field has 1 or 3");
            }
            if (f.values() == null || f.values().length != n * f.components()) {
                throw new IllegalArgumentException(file + ": field '" + f.name() + "' has "
                        + (f.values() == null ? "no" : String.valueOf(f.values().length)) + " values, the grid has "
                        + n + " cells x " + f.components() + " components");
            }
        }
    }
}
