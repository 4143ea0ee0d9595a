package org.knudsen.io;

import static org.knudsen.io.FieldsFile.AXES;
import static org.knudsen.io.FieldsFile.COORDINATE_TOLERANCE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.TabulatedFields;

/**
 * Reads a fields file (format: {@link FieldsFile}) in one pass over its lines: the header gives the columns, the grid
 * comes from the first time block, every block is checked against it. Every problem is an {@link InputException}
 * naming the source, the line (and column) and the rule broken.
 */
final class FieldsFileReader {
    private final String source;
    private final Iterator<String> lines;
    // the rows of the time block being read, and what the finished blocks gave
    private final List<Row> block = new ArrayList<>();
    private final List<Row> pending = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();
    private final List<double[][]> c = new ArrayList<>();
    private final List<double[][][]> u = new ArrayList<>();
    private GridKind kind;
    private Grid grid;
    private int[] seenAt;
    private final List<String> species;
    private final double[] box;
    private final int n;
    private FieldsColumns columns;
    /** A comment line naming t, x, y and z before any header or data: the header if data comes next (np.savetxt). */
    private int commentHeaderLine;
    private String commentHeader;
    private int tCol;
    private int[] xCol;
    private int[] cCol;
    private int[][] uCol; // [species][axis] or null

    /**
     * A reader of the given lines for a scenario with the given species (in mixture order) and box (3 lengths);
     * {@code source} names the lines in messages.
     */
    FieldsFileReader(String source, Iterator<String> lines, List<String> species, double[] boxLengths) {
        this.source = source;
        this.lines = lines;
        this.species = List.copyOf(species);
        this.n = species.size();
        if (boxLengths.length != 3) {
            throw new IllegalArgumentException("box lengths need 3 values, got " + boxLengths.length);
        }
        this.box = boxLengths.clone();
    }

    private InputException error(int line, String message) {
        return new InputException(source + ":" + line + ": " + message);
    }

    private InputException error(String message) {
        return new InputException(source + ": " + message);
    }

    /** A data row: its line number (1-based) and values. */
    private record Row(int line, double[] v) {
    }

    /** Reads all lines: the fields, or the first problem found. */
    TabulatedFields parse() {
        int lineNo = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            lineNo++;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1); // a UTF-8 byte-order mark (of this file, or of a file pasted into it)
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String content = line.strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("#")) {
                String text = content.substring(1);
                if (columns == null && FieldsColumns.namesCoordinates(text)) {
                    commentHeaderLine = lineNo;
                    commentHeader = line.substring(0, line.indexOf('#') + 1).replaceAll(".", " ") + text;
                }
                continue;
            }
            if (columns == null) {
                if (!FieldsColumns.isData(line)) {
                    setColumns(FieldsColumns.fromHeader(source, lineNo, line, 0, species));
                    continue;
                }
                setColumns(commentHeader != null
                        ? FieldsColumns.fromHeader(source, commentHeaderLine, commentHeader, 0, species)
                        : FieldsColumns.canonical(source, lineNo, FieldsColumns.split(line,
                                FieldsColumns.Separator.of(line)), FieldsColumns.Separator.of(line), species));
            }
            if (block.isEmpty() && pending.isEmpty() && times.isEmpty()) {
                setColumns(columns.forFirstRow(line));
            }
            Row row = new Row(lineNo, columns.parseRow(lineNo, line));
            double t = row.v[tCol];
            if (!block.isEmpty() && t != block.get(0).v[tCol]) {
                double prev = block.get(0).v[tCol];
                if (!(t > prev)) {
                    boolean given = t != prev && (java.util.Collections.binarySearch(times, t) >= 0
                            || (!pending.isEmpty() && pending.get(0).v[tCol] == t));
                    throw error(lineNo, "time t = " + t + " after t = " + prev + " (line "
                            + block.get(block.size() - 1).line + "): times must be strictly increasing and the"
                            + " rows of one time contiguous" + (given ? " (t = " + t + " was already given)" : ""));
                }
                // a block is processed one block late, so that a row out of time order is reported as such
                // before an incomplete block is
                if (!pending.isEmpty()) {
                    finishBlock(pending);
                }
                pending.addAll(block);
                block.clear();
            }
            block.add(row);
        }
        if (columns == null) {
            throw error("empty fields file, expected a header line t,x,y,z," + String.join(",", species)
                    + " (or '# t x y z " + String.join(" ", species) + "', or rows in that order without a header)");
        }
        if (block.isEmpty()) {
            throw error(columns.headerLine, "no data rows after the header");
        }
        if (!pending.isEmpty()) {
            finishBlock(pending);
        }
        finishBlock(block);
        int m = times.size();
        double[] t = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = times.get(k);
        }
        return new TabulatedFields(species, grid, kind.centred, t, c.toArray(new double[m][][]),
                uCol == null ? null : u.toArray(new double[m][][][]));
    }

    private void setColumns(FieldsColumns c) {
        columns = c;
        tCol = c.tCol;
        xCol = c.xCol;
        cCol = c.cCol;
        uCol = c.uCol;
    }

    /** How the columns were found (separator, header or canonical order), for the log; null before parsing. */
    String describeColumns() {
        return columns == null ? null : columns.describe();
    }

    /** Puts the rows of the current time block on the grid (found from the first block) and checks them. */
    private void finishBlock(List<Row> block) {
        if (grid == null) {
            kind = inferGrid(block);
            grid = new Grid(kind.cells[0], kind.cells[1], kind.cells[2], box[0], box[1], box[2]);
            seenAt = new int[grid.points()];
        }
        int points = grid.points();
        Arrays.fill(seenAt, 0);
        double time = block.get(0).v[tCol];
        double[][] cb = new double[n][points];
        double[][][] ub = uCol == null ? null : new double[n][3][points];
        for (Row row : block) {
            int p = pointIndex(row, kind, grid);
            if (seenAt[p] != 0) {
                throw error(row.line, "point " + point(row) + " appears twice at t = " + time
                        + " (first at line " + seenAt[p] + ")");
            }
            seenAt[p] = row.line;
            for (int i = 0; i < n; i++) {
                cb[i][p] = row.v[cCol[i]];
                if (ub != null) {
                    for (int d = 0; d < 3; d++) {
                        ub[i][d][p] = row.v[uCol[i][d]];
                    }
                }
            }
        }
        int missing = 0;
        int firstMissing = -1;
        for (int p = 0; p < points; p++) {
            if (seenAt[p] == 0) {
                missing++;
                if (firstMissing < 0) {
                    firstMissing = p;
                }
            }
        }
        if (missing > 0) {
            String where = "(" + fmt(coordinate(kind, grid, 0, grid.axisIndex(firstMissing, 0))) + ", "
                    + fmt(coordinate(kind, grid, 1, grid.axisIndex(firstMissing, 1))) + ", "
                    + fmt(coordinate(kind, grid, 2, grid.axisIndex(firstMissing, 2))) + ")";
            throw error(block.get(0).line, "the time block t = " + time + " (lines " + block.get(0).line + "-"
                    + block.get(block.size() - 1).line + ") misses " + missing + " of the " + points
                    + " grid points, e.g. " + where + "; every time needs every point of the "
                    + describe(kind, grid));
        }
        times.add(time);
        c.add(cb);
        if (ub != null) {
            u.add(ub);
        }
        block.clear();
    }

    /** The grid found in the first time block: point counts, offset (nodes/centres). */
    private record GridKind(int[] cells, boolean centred, double[] single) {
    }

    private GridKind inferGrid(List<Row> block) {
        int[] cells = new int[3];
        double[] single = new double[3];
        Boolean centred = null;
        String centredAxis = null;
        for (int d = 0; d < 3; d++) {
            double length = box[d];
            // values outside the box
            for (Row r : block) {
                double x = r.v[xCol[d]];
                if (x < -1e-7 * length || x >= length) {
                    throw error(r.line, AXES[d] + " = " + fmt(x) + " lies outside the box [0, " + fmt(length)
                            + ") of the scenario");
                }
            }
            final int col = xCol[d];
            List<Row> sorted = new ArrayList<>(block);
            sorted.sort((a, b) -> Double.compare(a.v[col], b.v[col]));
            // distinct values (points closer than 1e-7 L are the same coordinate)
            List<Double> values = new ArrayList<>();
            List<Integer> valueLines = new ArrayList<>();
            for (Row r : sorted) {
                double x = r.v[xCol[d]];
                if (values.isEmpty() || x - values.get(values.size() - 1) > 1e-7 * length) {
                    values.add(x);
                    valueLines.add(r.line);
                }
            }
            int m = values.size();
            cells[d] = m;
            if (m == 1) {
                single[d] = values.get(0);
                continue;
            }
            double h = (values.get(m - 1) - values.get(0)) / (m - 1);
            for (int q = 1; q < m; q++) {
                double gap = values.get(q) - values.get(q - 1);
                if (Math.abs(gap - h) > COORDINATE_TOLERANCE * h) {
                    throw error(valueLines.get(q), "the grid is not uniform along " + AXES[d] + ": " + AXES[d]
                            + " = " + fmt(values.get(q)) + " follows " + fmt(values.get(q - 1)) + " (gap "
                            + fmt(gap) + ", mean spacing " + fmt(h) + " over " + m + " distinct values in the"
                            + " first time block, lines " + block.get(0).line + "-" + block.get(block.size() - 1).line
                            + "; or that block misses points)");
                }
            }
            double spacing = length / m;
            double offset = values.get(0) / spacing;
            boolean covers = Math.abs(h - spacing) <= COORDINATE_TOLERANCE * spacing
                    && (Math.abs(offset) <= COORDINATE_TOLERANCE || Math.abs(offset - 0.5) <= COORDINATE_TOLERANCE);
            if (!covers) {
                throw error(block.get(0).line, "the grid does not cover the box along " + AXES[d] + ": " + m
                        + " points from " + AXES[d] + " = " + fmt(values.get(0)) + " to " + fmt(values.get(m - 1))
                        + " with spacing " + fmt(h) + "; a uniform grid of " + m + " points covering [0, "
                        + fmt(length) + ") has spacing " + fmt(spacing) + " and starts at 0 (nodes) or "
                        + fmt(spacing / 2) + " (cell centres) (first time block, lines " + block.get(0).line + "-"
                        + block.get(block.size() - 1).line + "; or that block misses points)");
            }
            boolean c = Math.abs(offset - 0.5) <= COORDINATE_TOLERANCE;
            if (centred == null) {
                centred = c;
                centredAxis = AXES[d];
            } else if (centred != c) {
                throw error(block.get(0).line, "the grid uses " + (centred ? "cell centres" : "nodes") + " along "
                        + centredAxis + " but " + (c ? "cell centres" : "nodes") + " along " + AXES[d]
                        + "; use one kind on every axis");
            }
        }
        return new GridKind(cells, centred == null || centred, single);
    }

    private double coordinate(GridKind kind, Grid grid, int d, int i) {
        return kind.cells[d] == 1 ? kind.single[d] : (i + (kind.centred ? 0.5 : 0.0)) * grid.spacing(d);
    }

    private String describe(GridKind kind, Grid grid) {
        return kind.cells[0] + "x" + kind.cells[1] + "x" + kind.cells[2] + " grid (" + (kind.centred
                ? "cell centres" : "nodes") + ") found in the first time block";
    }

    private int pointIndex(Row row, GridKind kind, Grid grid) {
        int[] ix = new int[3];
        for (int d = 0; d < 3; d++) {
            double x = row.v[xCol[d]];
            if (kind.cells[d] == 1) {
                if (Math.abs(x - kind.single[d]) > 1e-7 * box[d]) {
                    throw error(row.line, "point " + point(row) + " is not on the " + describe(kind, grid)
                            + ": " + AXES[d] + " should be " + fmt(kind.single[d]));
                }
                continue;
            }
            double h = grid.spacing(d);
            double u = x / h - (kind.centred ? 0.5 : 0.0);
            long i = Math.round(u);
            if (Math.abs(u - i) > COORDINATE_TOLERANCE || i < 0 || i >= kind.cells[d]) {
                throw error(row.line, "point " + point(row) + " is not on the " + describe(kind, grid)
                        + " (spacing " + fmt(h) + " along " + AXES[d] + ")");
            }
            ix[d] = (int) i;
        }
        return grid.index(ix[0], ix[1], ix[2]);
    }

    private String point(Row row) {
        return "(" + fmt(row.v[xCol[0]]) + ", " + fmt(row.v[xCol[1]]) + ", " + fmt(row.v[xCol[2]]) + ")";
    }

    /** A coordinate or value for a message: 9 significant digits, no trailing zeros. */
    static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }
}
