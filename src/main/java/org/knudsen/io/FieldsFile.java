package org.knudsen.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knudsen.fluid.FluidState;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.TabulatedFields;

/**
 * The fields file: concentrations (and optionally velocities) of an external deterministic solver on its own grid
 * at its own output times, as a text table (docs/check.md). Spec:
 *
 * <pre>
 * # comment lines (starting with #) and blank lines are ignored anywhere
 * t,x,y,z,A,B,C[,u_A_x,u_A_y,u_A_z,u_B_x,...]
 * 0.0,0.0078125,0.5,0.5,0.41,0.29,0.30[,...]
 * </pre>
 * <ul>
 * <li>Separator: commas, or whitespace (spaces, tabs, any number of them); one kind in the whole file (a row of the
 * other kind is refused). Numbers: decimal, with an exponent {@code e}/{@code E}, the Fortran {@code d}/{@code D}
 * ({@code 1.0D-03}) or none where Fortran's E/D editing drops the letter past ±99 ({@code 1.0000000000000000-100});
 * values may be double-quoted.</li>
 * <li>Header: the columns {@code t,x,y,z}, one column per scenario species (named as in the scenario), and either
 * no velocity column or all 3N columns {@code u_<species>_x|y|z}; any order; no other column. Names may be
 * double-quoted; spaces around names and values, CRLF line ends and a UTF-8 byte-order mark are ignored. The header
 * is the first line that is neither blank nor a comment, unless that line is already data (its first value is a
 * number): then the last comment line before it that names t, x, y and z is the header ({@code np.savetxt(...,
 * header='t x y z A B')} writes {@code # t x y z A B}), and without one the columns are in the canonical order
 * {@code t x y z <species in scenario order>} (4 + N values) or that followed by {@code u_A_x u_A_y u_A_z u_B_x ...}
 * (4 + 4N values); any other count is refused (np.savetxt's default writes no header).</li>
 * <li>Index columns: leading header names that are empty or {@code Unnamed: <n>} (pandas' {@code to_csv} index, and
 * the index of a file read back and written again), and in a whitespace-separated file a first value that the header
 * has no name for (pandas with {@code sep=' '}, R's {@code write.table} row names), are ignored when they count:
 * integers 0, 1, 2, … (or from 1), restarting at the first value where blocks were concatenated; otherwise refused
 * (they may be data).</li>
 * <li>One row per (time, grid point): the point values c_i(t,x) (full concentrations, ≥ 0) and u_i(t,x) (full
 * velocities ū + ε ũ_i, in the scaled time of the scenario). All values finite.</li>
 * <li>The rows of one time are contiguous, in any point order; times strictly increase from block to block; every
 * time block holds every grid point exactly once.</li>
 * <li>Grid: a uniform periodic tensor grid covering the scenario's box [0,Lx)×[0,Ly)×[0,Lz), with n_d points per
 * axis either at cell centres x = (i+½)L/n (like knudsen's own grid) or at nodes x = iL/n (i = 0..n−1, the point
 * x = L is not repeated). The kind is detected from the first time block (the same on every axis with n_d &gt; 1);
 * an axis with a single point (any coordinate in [0, L)) means no variation along it. Coordinates match the grid
 * to 10⁻⁴ of the spacing (so 6-digit output is fine).</li>
 * <li>Without velocity columns, u_i = 0: the check then compares concentrations only.</li>
 * </ul>
 * Errors are {@link InputException}s naming the file, the line and, for a value or name, its character column
 * ({@code file:line:column:}), and the problem. This class is the format's public face and its writer; the parsing
 * and every check are in {@link FieldsFileReader} and {@link FieldsColumns}.
 */
public final class FieldsFile {
    /** Coordinates must lie within this fraction of the grid spacing of a grid point. */
    static final double COORDINATE_TOLERANCE = 1e-4;
    /** The axis suffixes of the coordinate and velocity columns. */
    static final String[] AXES = {"x", "y", "z"};

    private FieldsFile() {
    }

    /**
     * Reads and validates a fields file for a scenario with the given species (in mixture order) and box.
     *
     * @param boxLengths the scenario's [domain] length (3 values)
     */
    public static TabulatedFields read(Path file, List<String> species, double[] boxLengths) {
        return read(file, species, boxLengths, note -> { });
    }

    /**
     * As {@link #read(Path, List, double[])}; {@code columns} is told how the columns were found (separator, header
     * line or canonical order, index column), e.g. for the log of a check.
     */
    public static TabulatedFields read(Path file, List<String> species, double[] boxLengths,
                                       java.util.function.Consumer<String> columns) {
        // streamed: only one time block of rows is held in memory besides the fields themselves
        try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            FieldsFileReader r = new FieldsFileReader(file.toString(), reader.lines().iterator(), species, boxLengths);
            TabulatedFields fields = r.parse();
            columns.accept(r.describeColumns());
            return fields;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": cannot read fields file (" + e.getMessage() + ")");
        }
    }

    /** As {@link #read}, from lines already in memory; {@code source} names them in messages. */
    public static TabulatedFields parse(String source, List<String> lines, List<String> species, double[] boxLengths) {
        return new FieldsFileReader(source, lines.iterator(), species, boxLengths).parse();
    }

    /** Writes tabulated fields (at their own grid kind) as a fields file. */
    public static void write(Path file, TabulatedFields fields) {
        try {
            writeAtomically(file, fields);
        } catch (java.io.UncheckedIOException e) { // an unwritable place is the user's choice of path: bad input
            throw new InputException(file + ": cannot write the fields file (" + e.getCause().getMessage() + ")", e);
        }
    }

    private static void writeAtomically(Path file, TabulatedFields fields) {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Grid g = fields.grid();
            int n = fields.species();
            writeHeader(w, fields.speciesNames(), fields.hasVelocities(), g, fields.cellCentred());
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < fields.times().length; k++) {
                for (int p = 0; p < g.points(); p++) {
                    sb.setLength(0);
                    sb.append(fields.times()[k]);
                    for (int d = 0; d < 3; d++) {
                        sb.append(',').append(fields.coordinate(d, g.axisIndex(p, d)));
                    }
                    for (int i = 0; i < n; i++) {
                        sb.append(',').append(fields.concentrations()[k][i][p]);
                    }
                    if (fields.hasVelocities()) {
                        for (int i = 0; i < n; i++) {
                            for (int d = 0; d < 3; d++) {
                                sb.append(',').append(fields.velocities()[k][i][d][p]);
                            }
                        }
                    }
                    sb.append('\n');
                    w.write(sb.toString());
                }
            }
            w.flush();
        });
    }

    /**
     * Samples a fluid state (e.g. knudsen's own Maxwell–Stefan solution) at the given times on its grid (cell
     * centres) and writes it as a fields file.
     */
    public static void write(Path file, FluidState state, List<String> species, double[] times, boolean velocities) {
        write(file, sample(state, species, times, velocities));
    }

    /** The tabulation of a fluid state at the given times on its own grid. */
    public static TabulatedFields sample(FluidState state, List<String> species, double[] times, boolean velocities) {
        Grid g = state.grid();
        int n = state.species();
        if (species.size() != n) {
            throw new IllegalArgumentException("species names " + species + " do not match the " + n
                    + " species of the fluid state");
        }
        double[][][] c = new double[times.length][n][g.points()];
        double[][][][] u = velocities ? new double[times.length][n][3][g.points()] : null;
        for (int k = 0; k < times.length; k++) {
            state.concentrationsAt(times[k], c[k]);
            if (velocities) {
                state.velocitiesAt(times[k], u[k]);
            }
        }
        return new TabulatedFields(species, g, true, times.clone(), c, u);
    }

    private static void writeHeader(Writer w, List<String> species, boolean velocities, Grid g, boolean centred)
            throws IOException {
        w.write(String.format(Locale.ROOT, "# knudsen fields file: %d x %d x %d grid (%s) on [0,%s)x[0,%s)x[0,%s)%n",
                g.nx(), g.ny(), g.nz(), centred ? "cell centres" : "nodes", g.lx(), g.ly(), g.lz()));
        StringBuilder sb = new StringBuilder("t,x,y,z");
        for (String s : species) {
            sb.append(',').append(s);
        }
        if (velocities) {
            for (String s : species) {
                for (String a : AXES) {
                    sb.append(",u_").append(s).append('_').append(a);
                }
            }
        }
        sb.append('\n');
        w.write(sb.toString());
    }
}
