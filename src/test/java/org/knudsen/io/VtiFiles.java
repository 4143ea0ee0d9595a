package org.knudsen.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a VTK XML reader sees in the files of {@link VtiWriter} and {@link PvdCollection}: a small independent parser of
 * the subset they write (image data, Float64 cell arrays appended raw after UInt64 byte counts, an ASCII TimeValue),
 * strict about every header attribute, each block's byte count and the bytes around the appended data.
 */
public final class VtiFiles {
    private VtiFiles() {
    }

    /** One cell array: components per cell and the values, interleaved. */
    public record Array(int components, double[] values) {
    }

    public record Image(int[] extent, double[] origin, double[] spacing, double time, LinkedHashMap<String, Array> cells) {
        /** Component d of a cell array as one value per cell. */
        public double[] component(String name, int d) {
            Array a = cells.get(name);
            double[] out = new double[a.values().length / a.components()];
            for (int c = 0; c < out.length; c++) {
                out[c] = a.values()[c * a.components() + d];
            }
            return out;
        }
    }

    public record DataSet(double time, String file) {
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
    private static final Pattern ARRAY = Pattern.compile("<DataArray ([^>]*?)/>");

    static LinkedHashMap<String, String> attributes(String tag) {
        LinkedHashMap<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            a.put(m.group(1), m.group(2));
        }
        return a;
    }

    private static String tag(String text, String name) {
        int i = text.indexOf("<" + name + " ");
        require(i >= 0, "no <" + name + ">");
        return text.substring(i, text.indexOf('>', i) + 1);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("not a valid snapshot: " + what);
        }
    }

    private static double[] numbers(String text) {
        return Arrays.stream(text.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    public static Image read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String marker = "<AppendedData encoding=\"raw\">\n   _";
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int m = all.indexOf(marker);
        require(m > 0, "no raw AppendedData");
        String header = all.substring(0, m);
        require(header.startsWith("<?xml version=\"1.0\"?>\n<VTKFile "), "XML declaration and VTKFile");
        LinkedHashMap<String, String> vtk = attributes(tag(header, "VTKFile"));
        require(vtk.toString().equals("{type=ImageData, version=1.0, byte_order=LittleEndian, header_type=UInt64}"),
                "VTKFile " + vtk);
        LinkedHashMap<String, String> image = attributes(tag(header, "ImageData"));
        int[] extent = Arrays.stream(image.get("WholeExtent").split(" ")).mapToInt(Integer::parseInt).toArray();
        require(extent.length == 6 && extent[0] == 0 && extent[2] == 0 && extent[4] == 0, "extent " + image);
        require(image.get("WholeExtent").equals(attributes(tag(header, "Piece")).get("Extent")), "piece extent");
        long cells = (long) extent[1] * extent[3] * extent[5];
        int fd = header.indexOf("<FieldData>");
        int fdEnd = header.indexOf("</FieldData>");
        require(fd > 0 && fdEnd > fd, "FieldData");
        String timeTag = "<DataArray type=\"Float64\" Name=\"" + VtiWriter.TIME_ARRAY
                + "\" NumberOfTuples=\"1\" format=\"ascii\">";
        int t = header.indexOf(timeTag, fd);
        require(t > 0 && t < fdEnd, "TimeValue array");
        double time = Double.parseDouble(header.substring(t + timeTag.length(), header.indexOf("</DataArray>", t)));
        int cd = header.indexOf("<CellData");
        String cellData = header.substring(cd, header.indexOf("</CellData>"));
        ByteBuffer data = ByteBuffer.wrap(bytes, m + marker.length(), bytes.length - m - marker.length()).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        LinkedHashMap<String, Array> arrays = new LinkedHashMap<>();
        Matcher a = ARRAY.matcher(cellData);
        long expectedOffset = 0;
        while (a.find()) {
            LinkedHashMap<String, String> at = attributes(a.group(1));
            require("Float64".equals(at.get("type")) && "appended".equals(at.get("format")), "array " + at);
            int components = Integer.parseInt(at.getOrDefault("NumberOfComponents", "1"));
            long offset = Long.parseLong(at.get("offset"));
            require(offset == expectedOffset, "offset " + offset + " of " + at.get("Name") + ", expected " + expectedOffset);
            long count = data.getLong((int) offset);
            require(count == 8 * cells * components, at.get("Name") + ": byte count " + count);
            double[] v = new double[(int) (cells * components)];
            for (int k = 0; k < v.length; k++) {
                v[k] = data.getDouble((int) offset + 8 + 8 * k);
            }
            require(arrays.put(at.get("Name"), new Array(components, v)) == null, "duplicate " + at.get("Name"));
            expectedOffset = offset + 8 + count;
        }
        String tail = new String(bytes, m + marker.length() + (int) expectedOffset,
                bytes.length - m - marker.length() - (int) expectedOffset, StandardCharsets.US_ASCII);
        require(tail.equals("\n  </AppendedData>\n</VTKFile>\n"), "bytes after the appended data: '" + tail + "'");
        return new Image(extent, numbers(image.get("Origin")), numbers(image.get("Spacing")), time, arrays);
    }

    /** The data sets of a .pvd collection, in order. */
    public static List<DataSet> readCollection(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        require(text.startsWith("<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\""), "collection header");
        require(text.endsWith("  </Collection>\n</VTKFile>\n"), "collection trailer");
        List<DataSet> out = new ArrayList<>();
        Matcher m = Pattern.compile("<DataSet ([^>]*)/>").matcher(text);
        while (m.find()) {
            LinkedHashMap<String, String> a = attributes(m.group(1));
            out.add(new DataSet(Double.parseDouble(a.get("timestep")), a.get("file")));
        }
        return out;
    }
}
