package org.knudsen.io;

import static org.knudsen.io.FieldsFile.AXES;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a fields file and the reading of one row (format: {@link FieldsFile}): the separator (commas, or
 * whitespace: spaces and tabs; one kind per file), the column names (from the header line, a {@code #}-prefixed
 * header as {@code np.savetxt} writes it, or the canonical order when the file has no header), an index column that
 * pandas or R put first (ignored), and numbers in the forms that Python, Julia, C and Fortran write ({@code 1e-05},
 * {@code 1.25E-01}, {@code 1.0D-03}, {@code 0.1234-100}). Every problem names the source, the line and the character
 * column ({@code file:line:column:}) of the value or name at fault.
 */
final class FieldsColumns {
    /** How the values of a line are separated. */
    enum Separator {
        COMMA("commas"), WHITESPACE("spaces or tabs");

        final String description;

        Separator(String description) {
            this.description = description;
        }

        /** Commas when the text has one, else whitespace. */
        static Separator of(String text) {
            return text.indexOf(',') >= 0 ? COMMA : WHITESPACE;
        }
    }

    /** One value or name of a line and its 1-based character column. */
    record Token(String text, int column) {
    }

    /** A decimal number, with a Fortran D exponent, or with a Fortran exponent past ±99 that has lost its letter. */
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:([eEdD])([+-]?\\d+)|([+-]\\d{3,}))?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(?:nan|inf|infinity)");
    private static final Pattern UNNAMED = Pattern.compile("Unnamed: \\d+");
    private static final String INDEX = "(index)";

    private final String source;
    private final List<String> species;
    final Separator separator;
    /** The line of the header, 0 when there is none (canonical order). */
    final int headerLine;
    /** The column names, the index columns (if any) first, each as {@value #INDEX}. */
    final String[] names;
    /** How many leading columns are an index (pandas, R row names): ignored, but they must count 0, 1, 2, … */
    int indexColumns;
    int tCol;
    final int[] xCol = new int[3];
    int[] cCol;
    /** [species][axis], or null without velocity columns. */
    int[][] uCol;
    private long[] indexFirst;
    private long[] indexLast;
    private int indexLastLine;

    private FieldsColumns(String source, List<String> species, Separator separator, int headerLine, String[] names) {
        this.source = source;
        this.species = species;
        this.separator = separator;
        this.headerLine = headerLine;
        this.names = names;
    }

    InputException error(int line, int column, String message) {
        return new InputException(source + ":" + line + ":" + column + ": " + message);
    }

    InputException error(int line, String message) {
        return new InputException(source + ":" + line + ": " + message);
    }

    /** The tokens of a line (BOM and line end removed): split at the separator, blanks around each token dropped. */
    static List<Token> split(String line, Separator separator) {
        List<Token> tokens = new ArrayList<>();
        int n = line.length();
        if (separator == Separator.COMMA) {
            int start = 0;
            while (true) {
                int end = line.indexOf(',', start);
                int stop = end < 0 ? n : end;
                int a = start;
                int b = stop;
                while (a < b && Character.isWhitespace(line.charAt(a))) {
                    a++;
                }
                while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
                    b--;
                }
                tokens.add(new Token(line.substring(a, b), a + 1));
                if (end < 0) {
                    return tokens;
                }
                start = end + 1;
            }
        }
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int a = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > a) {
                tokens.add(new Token(line.substring(a, i), a + 1));
            }
        }
        return tokens;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    /** The number a value stands for, or null if it is none of the accepted forms (non-finite words included). */
    static Double number(String text) {
        String s = unquote(text);
        Matcher m = NUMBER.matcher(s);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null && (m.group(1).equals("d") || m.group(1).equals("D"))) {
            s = s.substring(0, m.start(1)) + "E" + s.substring(m.end(1));
        } else if (m.group(3) != null) {
            s = s.substring(0, m.start(3)) + "E" + m.group(3);
        }
        return Double.parseDouble(s);
    }

    /** True when the line's first value is a number: a data row, not a header. */
    static boolean isData(String line) {
        List<Token> t = split(line, Separator.of(line));
        return !t.isEmpty() && number(t.get(0).text()) != null;
    }

    /** True when a comment's text (after the {@code #}) names the columns t, x, y and z: np.savetxt's header. */
    static boolean namesCoordinates(String text) {
        List<String> names = split(text, Separator.of(text)).stream().map(t -> unquote(t.text())).toList();
        return names.containsAll(List.of("t", "x", "y", "z"));
    }

    /**
     * The columns named by a header line; {@code offset} is the number of characters before {@code text} on its line
     * (the {@code #} of a commented header), so that columns point into the line as the file has it.
     */
    static FieldsColumns fromHeader(String source, int line, String text, int offset, List<String> species) {
        Separator sep = Separator.of(text);
        List<Token> tokens = split(text, sep);
        String[] names = new String[tokens.size()];
        int[] at = new int[tokens.size()];
        for (int c = 0; c < names.length; c++) {
            names[c] = unquote(tokens.get(c).text());
            at[c] = tokens.get(c).column() + offset;
        }
        FieldsColumns cols = new FieldsColumns(source, species, sep, line, names);
        // pandas writes its unnamed index as an empty first name (",t,x,..."); a file read back (its index becomes
        // "Unnamed: 0") and written again has two such leading columns
        int k = 0;
        while (k < names.length && (names[k].isEmpty() || UNNAMED.matcher(names[k]).matches())) {
            names[k++] = INDEX;
        }
        cols.indexColumns = k;
        cols.assign(at);
        return cols;
    }

    /** The columns of a file without a header: t, x, y, z, the species, then (if the count says so) velocities. */
    static FieldsColumns canonical(String source, int line, List<Token> first, Separator sep, List<String> species) {
        int n = species.size();
        List<String> plain = canonicalNames(species, false);
        List<String> full = canonicalNames(species, true);
        int values = first.size();
        if (values != plain.size() && values != full.size()) {
            throw new InputException(source + ":" + line + ": a data row before any header line, with " + values
                    + " values; a file without a header must have the columns in the canonical order "
                    + String.join(" ", plain) + " (" + plain.size() + " values) or " + String.join(" ", full) + " ("
                    + full.size() + " values) for the scenario's species " + String.join(",", species)
                    + "; otherwise give a header line naming the columns, e.g. np.savetxt(..., header='"
                    + String.join(" ", plain) + "') (docs/check.md)");
        }
        FieldsColumns cols = new FieldsColumns(source, species, sep, 0,
                (values == plain.size() ? plain : full).toArray(new String[0]));
        cols.assign(new int[values]);
        assert n > 0;
        return cols;
    }

    /** t x y z, the species, and with velocities u_A_x u_A_y u_A_z u_B_x … */
    static List<String> canonicalNames(List<String> species, boolean velocities) {
        List<String> c = new ArrayList<>(List.of("t", "x", "y", "z"));
        c.addAll(species);
        if (velocities) {
            for (String s : species) {
                for (String a : AXES) {
                    c.add("u_" + s + "_" + a);
                }
            }
        }
        return c;
    }

    /**
     * The columns for a file whose first data row is {@code text}: these, or, when a whitespace-separated header is
     * exactly one name short of that row, these behind an index column. pandas' {@code to_csv(sep=' ')} and R's
     * {@code write.table} write no name for their index (row names), so the header is one name short; the counter
     * check of {@link #parseRow} then tells an index from a missing name.
     */
    FieldsColumns forFirstRow(String text) {
        if (separator != Separator.WHITESPACE || headerLine == 0 || indexColumns > 0
                || split(text, separator).size() != names.length + 1) {
            return this;
        }
        String[] shifted = new String[names.length + 1];
        shifted[0] = INDEX;
        System.arraycopy(names, 0, shifted, 1, names.length);
        FieldsColumns c = new FieldsColumns(source, species, separator, headerLine, shifted);
        c.indexColumns = 1;
        c.assign(new int[shifted.length]);
        return c;
    }

    /** A description of the columns for the log: how they were found. */
    String describe() {
        String cols = String.join(",", java.util.Arrays.asList(names).subList(indexColumns, names.length));
        String sep = separator == Separator.COMMA ? "comma-separated" : "whitespace-separated";
        if (headerLine == 0) {
            return sep + ", no header line: columns read in the canonical order " + cols;
        }
        return sep + ", columns " + cols + " from the header at line " + headerLine
                + (indexColumns == 1 ? " (the unnamed first column is an index and is ignored)" : indexColumns > 1
                ? " (the " + indexColumns + " unnamed first columns are indexes and are ignored)" : "");
    }

    /** Column positions from the names; {@code at} gives each name's character column for messages. */
    private void assign(int[] at) {
        Map<String, Integer> col = new HashMap<>();
        List<String> known = canonicalNames(species, true);
        indexFirst = new long[indexColumns];
        indexLast = new long[indexColumns];
        java.util.Arrays.fill(indexLast, -1);
        for (int c = indexColumns; c < names.length; c++) {
            if (names[c].isEmpty()) {
                throw error(headerLine, at[c], "column " + (c + 1) + " has no name; expected t,x,y,z, the species "
                        + String.join(",", species) + " and optionally u_<species>_x|y|z (only the first columns may"
                        + " be unnamed: a pandas index, which is ignored)");
            }
            Integer before = col.put(names[c], c);
            if (before != null) {
                throw error(headerLine, at[c], "column '" + names[c] + "' appears twice (columns " + (before + 1)
                        + " and " + (c + 1) + ")");
            }
            if (!known.contains(names[c])) {
                throw error(headerLine, at[c], "unknown column '" + names[c] + "' (column " + (c + 1)
                        + "); expected t,x,y,z, the species " + String.join(",", species)
                        + " and optionally u_<species>_x, u_<species>_y, u_<species>_z for every species"
                        + (c == indexColumns ? " (a pandas index column must be unnamed, or write with index=False)"
                        : ""));
            }
        }
        for (String r : new String[] {"t", "x", "y", "z"}) {
            if (!col.containsKey(r)) {
                throw error(headerLine, "missing column '" + r + "' (the header needs t,x,y,z and the species "
                        + String.join(",", species) + ")");
            }
        }
        tCol = col.get("t");
        for (int d = 0; d < 3; d++) {
            xCol[d] = col.get(AXES[d]);
        }
        int n = species.size();
        cCol = new int[n];
        for (int i = 0; i < n; i++) {
            Integer c = col.get(species.get(i));
            if (c == null) {
                throw error(headerLine, "missing column for species '" + species.get(i)
                        + "' (the scenario's species are " + String.join(",", species) + ")");
            }
            cCol[i] = c;
        }
        int present = 0;
        String firstMissing = null;
        int[][] u = new int[n][3];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                String name = "u_" + species.get(i) + "_" + AXES[d];
                Integer c = col.get(name);
                if (c == null) {
                    firstMissing = firstMissing == null ? name : firstMissing;
                } else {
                    present++;
                    u[i][d] = c;
                }
            }
        }
        if (present > 0 && present < 3 * n) {
            throw error(headerLine, "missing velocity column '" + firstMissing + "': velocity columns must be"
                    + " given for every species and component or not at all (" + present + " of " + 3 * n
                    + " present)");
        }
        uCol = present == 0 ? null : u;
    }

    /**
     * The values of a data row, in header order (the index column, if any, holds its counter). Checks the separator,
     * the count, every number (finite), the index counter and that concentrations are not negative.
     */
    double[] parseRow(int line, String text) {
        Separator kind = Separator.of(text);
        List<Token> cells = split(text, separator);
        if (kind != separator) {
            // a comma in a whitespace file, or a comma file's row without commas
            throw error(line, kind == Separator.COMMA ? text.indexOf(',') + 1 : 1, "this row is separated by "
                    + kind.description + ", but " + (headerLine > 0 ? "the header (line " + headerLine + ")"
                    : "the first row") + " by " + separator.description + ": use one separator in the whole file");
        }
        if (cells.size() != names.length) {
            String where = headerLine > 0 ? "the header (line " + headerLine + ") has " + (indexColumns > 0
                    ? names.length - indexColumns + " columns after " + indexColumns + " index column(s)"
                    : names.length + " columns")
                    : "the first row has " + names.length;
            throw error(line, cells.size() + " values, but " + where);
        }
        double[] v = new double[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            Token cell = cells.get(c);
            String s = cell.text();
            String label = "column " + (c + 1) + " (" + names[c] + ")";
            if (s.isEmpty()) {
                throw error(line, cell.column(), label + ": empty value");
            }
            Double x = number(s);
            if (x == null) {
                String hint = s.contains("**") ? " (Fortran writes asterisks when a number does "
                        + "not fit its edit descriptor: widen the format)" : "";
                throw error(line, cell.column(), label + ": " + (NON_FINITE.matcher(unquote(s)).matches() ? "value "
                        + s + " is not finite" : "'" + s + "' is not a number" + hint));
            }
            if (!Double.isFinite(x)) {
                throw error(line, cell.column(), label + ": value " + s + " is not finite");
            }
            v[c] = x;
        }
        for (int c = 0; c < indexColumns; c++) {
            checkIndex(line, c, cells.get(c), v[c]);
        }
        if (indexColumns > 0) {
            indexLastLine = line;
        }
        for (int i = 0; i < cCol.length; i++) {
            if (v[cCol[i]] < 0) {
                throw error(line, cells.get(cCol[i]).column(), "column " + (cCol[i] + 1) + " (" + names[cCol[i]]
                        + "): negative concentration " + cells.get(cCol[i]).text());
            }
        }
        return v;
    }

    /**
     * An index column (pandas, R row names) is ignored when it counts: consecutive integers from 0 (pandas) or 1 (R),
     * restarting at that first value where blocks were concatenated; anything else may be data and is refused.
     */
    private void checkIndex(int line, int c, Token cell, double value) {
        boolean integer = value == Math.rint(value) && Math.abs(value) < 1e15;
        long k = (long) value;
        long last = indexLast[c];
        boolean ok;
        if (last < 0) {
            ok = integer && (k == 0 || k == 1);
            indexFirst[c] = k;
        } else {
            ok = integer && (k == last + 1 || k == indexFirst[c]);
        }
        if (!ok) {
            throw error(line, cell.column(), "column " + (c + 1) + ", unnamed, is read as a pandas/R index and "
                    + "ignored, so it must count 0, 1, 2, ... (or 1, 2, 3, ...; restarting at the first value for "
                    + "each block), but it has " + cell.text() + (last < 0 ? "" : " after " + last + " (line "
                    + indexLastLine + ")") + "; if it holds data, name it in the header, or write the file without it"
                    + " (pandas: to_csv(..., index=False))");
        }
        indexLast[c] = k;
    }
}
