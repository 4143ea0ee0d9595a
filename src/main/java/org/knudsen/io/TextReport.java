package org.knudsen.io;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Plain-text tables for terminal output: a titled table with aligned columns and a labelled matrix. */
public final class TextReport {
    private final PrintStream out;

    public TextReport(PrintStream out) {
        this.out = out;
    }

    /** A number in 8 significant digits, the precision of the PHYSICS.md tables. */
    public static String number(double x) {
        return String.format(Locale.ROOT, "%.8g", x);
    }

    public TextReport line(String text) {
        out.println(text);
        return this;
    }

    /** A title, a header row and the rows; every column is padded to its widest cell (left-aligned). */
    public TextReport table(String title, List<String> header, List<List<String>> rows) {
        int cols = header.size();
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = header.get(c).length();
        }
        for (List<String> row : rows) {
            if (row.size() != cols) {
                throw new IllegalArgumentException("table '" + title + "': row has " + row.size() + " cells, header " + cols);
            }
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        out.println(title);
        printRow(header, width);
        for (List<String> row : rows) {
            printRow(row, width);
        }
        out.println();
        return this;
    }

    /** A square matrix labelled by names on both axes, entries in {@link #number}. */
    public TextReport matrix(String title, List<String> names, double[][] m) {
        List<String> header = new java.util.ArrayList<>();
        header.add("");
        header.addAll(names);
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<String> row = new java.util.ArrayList<>();
            row.add(names.get(i));
            for (int j = 0; j < names.size(); j++) {
                row.add(number(m[i][j]));
            }
            rows.add(row);
        }
        return table(title, header, rows);
    }

    private void printRow(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder("  ");
        for (int c = 0; c < cells.size(); c++) {
            sb.append(cells.get(c));
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(width[c] - cells.get(c).length() + 2));
            }
        }
        out.println(sb);
    }
}
