package org.knudsen.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV time series ({@code timeseries.csv}): one header line of column names, then one row per
 * {@link #append}. Every row goes to the operating system at once, so the file can be read (tail, pandas)
 * while a long run is going; {@link #sync} forces it to disk (call it before writing a checkpoint).
 *
 * <p>Numbers are written by {@link StringBuilder#append(double)}, the shortest decimal that reads back to
 * the same double (as {@link Double#toString}): full precision, '.' as decimal separator in every locale,
 * {@code NaN}/{@code Infinity} for non-finite values. Rows end in {@code \n}. A row is formatted into
 * reused buffers, so appending allocates nothing beyond the caller's varargs array.
 */
public final class TimeSeriesWriter implements AutoCloseable {
    /** The file name used in every run directory. */
    public static final String FILE_NAME = "timeseries.csv";

    private final Path file;
    private final List<String> columns;
    private final FileChannel channel;
    private final StringBuilder line = new StringBuilder(256);
    private ByteBuffer bytes = ByteBuffer.allocate(256);
    private long rows;
    private boolean closed;

    private TimeSeriesWriter(Path file, List<String> columns, FileChannel channel, long rows) {
        this.file = file;
        this.columns = columns;
        this.channel = channel;
        this.rows = rows;
    }

    /** A new series: creates (or empties) {@code file} and writes the header line. */
    public static TimeSeriesWriter create(Path file, List<String> columns) {
        List<String> cols = checkedColumns(file, columns);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            TimeSeriesWriter w = new TimeSeriesWriter(file, cols, ch, 0);
            w.line.append(String.join(",", cols)).append('\n');
            w.flushLine();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot create time series (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Continues a series after a restart from a checkpoint that was taken after {@code keepRows} data rows:
     * the file is cut back to its header and its first {@code keepRows} rows (rows written after the
     * checkpoint, possibly a half-written last one, are dropped), so that the resumed run appends without
     * duplicate or missing rows. The header must equal {@code columns}; every kept row must be complete.
     *
     * @throws InputException naming the file and the problem (missing file, other header, too few rows)
     */
    public static TimeSeriesWriter openForResume(Path file, List<String> columns, long keepRows) {
        List<String> cols = checkedColumns(file, columns);
        if (keepRows < 0) {
            throw new IllegalArgumentException(file + ": keepRows = " + keepRows + " must be >= 0");
        }
        String expectedHeader = String.join(",", cols);
        long cut;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            cut = endOfRows(file, in, expectedHeader, cols.size(), keepRows);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file (cannot resume the time series)");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
            ch.truncate(cut);
            ch.position(cut);
            return new TimeSeriesWriter(file, cols, ch, keepRows);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot truncate for resume (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Byte offset just after the newline of data row {@code keepRows} (or of the header if 0), checking the
     * header and the number of fields of each kept row on the way.
     */
    private static long endOfRows(Path file, InputStream in, String header, int fields, long keepRows)
            throws IOException {
        StringBuilder first = new StringBuilder();
        long pos = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            pos++;
            if (first.length() <= header.length() + 1) {
                first.append((char) b);
            }
        }
        if (b == -1) {
            throw new InputException(file + ": no complete header line (expected '" + header + "')");
        }
        pos++;
        String found = first.toString();
        if (found.endsWith("\r")) {
            found = found.substring(0, found.length() - 1);
        }
        if (!found.equals(header)) {
            throw new InputException(file + ": header '" + found + "' differs from the columns of this run '"
                    + header + "'");
        }
        long row = 0;
        int commas = 0;
        while (row < keepRows) {
            b = in.read();
            if (b == -1) {
                throw new InputException(file + ": has only " + row + " complete data rows, the checkpoint needs "
                        + keepRows + " (was the file replaced or cut?)");
            }
            pos++;
            if (b == ',') {
                commas++;
            } else if (b == '\n') {
                row++;
                if (commas != fields - 1) {
                    throw new InputException(file + ": data row " + row + " has " + (commas + 1)
                            + " values, the header has " + fields);
                }
                commas = 0;
            }
        }
        return pos;
    }

    /** What a column name must be (the header is one comma-separated line, read by any CSV reader). */
    public static final String COLUMN_NAME_RULE = "a column name is non-empty, without commas, quotes or control "
            + "characters";

    /** Whether {@code name} follows {@link #COLUMN_NAME_RULE}. */
    public static boolean isColumnName(String name) {
        return name != null && !name.isEmpty() && name.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch < ' '
                || ch == 0x7F);
    }

    private static List<String> checkedColumns(Path file, List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException(file + ": a time series needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!isColumnName(c)) {
                throw new IllegalArgumentException(file + ": column name '" + c + "': " + COLUMN_NAME_RULE);
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException(file + ": column name '" + c + "' appears twice");
            }
        }
        return List.copyOf(columns);
    }

    /** Writes one row (one value per column, in column order) and hands it to the operating system. */
    public void append(double... values) {
        if (closed) {
            throw new IllegalStateException(file + ": time series already closed");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(file + ": row has " + values.length + " values, the header has "
                    + columns.size() + " columns " + columns);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(values[i]);
        }
        line.append('\n');
        try {
            flushLine();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append row " + (rows + 1) + " (" + e.getMessage() + ")", e);
        }
        rows++;
    }

    /** Copies the line (ASCII for numbers; UTF-8 for a header) into the reused buffer and writes it. */
    private void flushLine() throws IOException {
        int n = line.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = line.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] utf8 = line.toString().getBytes(StandardCharsets.UTF_8);
            line.setLength(0);
            writeFully(ByteBuffer.wrap(utf8));
            return;
        }
        if (bytes.capacity() < n) {
            bytes = ByteBuffer.allocate(Math.max(n, 2 * bytes.capacity()));
        }
        bytes.clear();
        for (int i = 0; i < n; i++) {
            bytes.put((byte) line.charAt(i));
        }
        line.setLength(0);
        bytes.flip();
        writeFully(bytes);
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Forces the rows written so far to disk: call before a checkpoint records {@link #rows()}. */
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot sync (" + e.getMessage() + ")", e);
        }
    }

    /** Data rows in the file (kept rows after a resume plus rows appended since): store it in checkpoints. */
    public long rows() {
        return rows;
    }

    public List<String> columns() {
        return columns;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close (" + e.getMessage() + ")", e);
        }
    }
}
