package org.knudsen.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ParaView collection ({@code .pvd}): the snapshots of a run with their physical times, so that ParaView's time
 * axis is the simulation's t (a file series alone would be numbered 0, 1, 2, …). One {@code DataSet} per snapshot,
 * {@code timestep} the time as the shortest decimal that reads back to the same double, {@code file} relative to the
 * collection's directory. Replaced atomically, so a viewer never sees half a list.
 */
public final class PvdCollection {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_.+/-]+");

    /** One snapshot: its time and its file, relative to the collection's directory with '/' separators. */
    public record Entry(double time, String file) {
        public Entry {
            if (!Double.isFinite(time)) {
                throw new IllegalArgumentException("snapshot " + file + ": time = " + time + " must be finite");
            }
            if (file == null || !SAFE_PATH.matcher(file).matches() || file.startsWith("/")) {
                throw new IllegalArgumentException("snapshot file '" + file + "' must be a relative path of letters, "
                        + "digits and _ . + - /");
            }
        }
    }

    private PvdCollection() {
    }

    /**
     * Writes the collection of {@code entries} (times non-decreasing) to {@code file}.
     *
     * @throws IllegalArgumentException if the times decrease; nothing is written
     */
    public static void write(Path file, List<Entry> entries) {
        for (int k = 1; k < entries.size(); k++) {
            if (entries.get(k).time() < entries.get(k - 1).time()) {
                throw new IllegalArgumentException(file + ": snapshot " + entries.get(k).file() + " at t = "
                        + entries.get(k).time() + " comes after t = " + entries.get(k - 1).time());
            }
        }
        StringBuilder sb = new StringBuilder(256 + 80 * entries.size());
        sb.append("<?xml version=\"1.0\"?>\n")
                .append("<VTKFile type=\"Collection\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n")
                .append("  <Collection>\n");
        for (Entry e : entries) {
            sb.append("    <DataSet timestep=\"").append(e.time()).append("\" part=\"0\" file=\"").append(e.file())
                    .append("\"/>\n");
        }
        sb.append("  </Collection>\n</VTKFile>\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
