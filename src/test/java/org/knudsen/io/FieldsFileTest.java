package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.fluid.TabulatedFields;
import org.knudsen.fluid.TabulatedFluidState;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/** The fields file of an external solver: format, validation messages, round trip, export of knudsen's own MS. */
class FieldsFileTest {
    private static final List<String> AB = List.of("A", "B");
    private static final double[] BOX = {1, 1, 1};

    /** A valid file: 4 cell centres along x, times 0 and 0.5; line numbers 1 (comment), 2 (header), 3-6, 7-10. */
    private static List<String> valid() {
        List<String> l = new ArrayList<>();
        l.add("# external solver output");
        l.add("t,x,y,z,A,B");
        for (double t : new double[] {0, 0.5}) {
            for (int i = 0; i < 4; i++) {
                double x = (i + 0.5) / 4;
                double a = 0.6 + 0.1 * Math.cos(2 * Math.PI * x) * Math.exp(-t);
                l.add(String.format(Locale.ROOT, "%s,%s,0.5,0.5,%s,%s", t, x, a, 1 - a));
            }
        }
        return l;
    }

    private static List<String> edit(int line, UnaryOperator<String> f) {
        List<String> l = valid();
        l.set(line - 1, f.apply(l.get(line - 1)));
        return l;
    }

    private static List<String> setColumn(int line, int column, String value) {
        return edit(line, s -> {
            String[] v = s.split(",");
            v[column] = value;
            return String.join(",", v);
        });
    }

    private static List<String> xs(String... x) {
        List<String> l = valid();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 4; i++) {
                String[] v = l.get(2 + 4 * b + i).split(",");
                v[1] = x[i];
                l.set(2 + 4 * b + i, String.join(",", v));
            }
        }
        return l;
    }

    static Stream<Arguments> malformed() {
        List<String> missingPoint = valid();
        missingPoint.remove(8);
        List<String> firstBlockMissing = valid();
        firstBlockMissing.remove(4);
        List<String> repeated = valid();
        for (int i = 0; i < 4; i++) {
            repeated.add(repeated.get(2 + i));
        }
        List<String> interleaved = valid();
        Collections.swap(interleaved, 5, 6);
        return Stream.of(
            Arguments.of("missing species column", edit(2, s -> "t,x,y,z,A"), 2, "missing column for species 'B'"),
            Arguments.of("unknown column", edit(2, s -> s + ",T"), 2, "unknown column 'T'"),
            Arguments.of("duplicate column", edit(2, s -> "t,x,y,z,A,A"), 2, "appears twice (columns 5 and 6)"),
            Arguments.of("missing coordinate column", edit(2, s -> "t,x,y,w,A,B"), 2, "unknown column 'w'"),
            Arguments.of("partial velocities", edit(2, s -> s + ",u_A_x"), 2, "missing velocity column 'u_A_y'"),
            Arguments.of("wrong number of values", edit(4, s -> s + ",1"), 4, "7 values, but the header"),
            Arguments.of("non-numeric value", setColumn(4, 4, "abc"), 4, "column 5 (A): 'abc' is not a number"),
            Arguments.of("NaN value", setColumn(5, 5, "NaN"), 5, "column 6 (B): value NaN is not finite"),
            Arguments.of("infinite value", setColumn(5, 0, "Infinity"), 5, "column 1 (t): value Infinity is not finite"),
            Arguments.of("negative concentration", setColumn(6, 4, "-0.01"), 6, "negative concentration -0.01"),
            Arguments.of("non-monotone times", setColumn(7, 0, "-0.5"), 7, "times must be strictly increasing"),
            Arguments.of("rows of one time not contiguous", interleaved, 7, "rows of one time contiguous"),
            Arguments.of("repeated time", repeated, 11, "t = 0.0 was already given"),
            Arguments.of("missing grid point", missingPoint, 7, "misses 1 of the 4 grid points, e.g. (0.625, 0.5, 0.5)"),
            Arguments.of("missing point in the first block", firstBlockMissing, 4, "or that block misses points"),
            Arguments.of("duplicate grid point", setColumn(9, 1, "0.125"), 9, "appears twice at t = 0.5 (first at line 7)"),
            Arguments.of("grid not covering the box", xs("0.0625", "0.1875", "0.3125", "0.4375"), 3,
                "does not cover the box along x"),
            Arguments.of("grid not uniform", xs("0.125", "0.375", "0.6", "0.875"), 5, "not uniform along x"),
            Arguments.of("point outside the box", setColumn(6, 1, "1.125"), 6, "x = 1.125 lies outside the box [0, 1)"),
            Arguments.of("point off the grid in a later block", setColumn(8, 1, "0.4"), 8, "is not on the 4x1x1 grid"),
            Arguments.of("point off the single y value", setColumn(8, 2, "0.25"), 8, "y should be 0.5"),
            Arguments.of("header only", valid().subList(0, 2), 2, "no data rows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFileIsRejectedWithItsLineAndProblem(String kind, List<String> lines, int line, String problem) {
        InputException e = assertThrows(InputException.class, () -> FieldsFile.parse("f.csv", lines, AB, BOX), kind);
        System.out.println(kind + " -> " + e.getMessage());
        // file:line: for a problem of a line, file:line:column: for one of a value or name on it
        assertTrue(e.getMessage().matches("(?s)f\\.csv:" + line + "(:\\d+)?: .*"), kind + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), kind + ": " + e.getMessage());
    }

    @Test
    void emptyFileAndMixedGridKindsAreRejected() {
        InputException e = assertThrows(InputException.class, () -> FieldsFile.parse("f.csv", List.of("# x"), AB, BOX));
        assertTrue(e.getMessage().contains("empty fields file"), e.getMessage());
        // x at nodes, y at cell centres
        List<String> l = new ArrayList<>(List.of("t,x,y,z,A,B"));
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                l.add("0," + (i * 0.5) + "," + ((j + 0.5) * 0.5) + ",0,0.5,0.5");
            }
        }
        e = assertThrows(InputException.class, () -> FieldsFile.parse("f.csv", l, AB, BOX));
        assertTrue(e.getMessage().contains("nodes along x but cell centres along y"), e.getMessage());
    }

    @Test
    void validFileGivesTheGridTimesAndFields() {
        TabulatedFields f = FieldsFile.parse("f.csv", valid(), AB, BOX);
        assertEquals(new Grid(4, 1, 1, 1, 1, 1), f.grid());
        assertTrue(f.cellCentred());
        assertArrayEquals(new double[] {0, 0.5}, f.times());
        assertEquals(0.6 + 0.1 * Math.cos(2 * Math.PI * 0.375) * Math.exp(-0.5), f.concentrations()[1][0][1], 1e-15);
        assertNull(f.velocities());
    }

    @Test
    void shuffledRowsSixDigitCoordinatesAndNodeGridsAreAccepted() {
        // 3-D node grid 7x3x2 on a box 2x1x0.5, rows in random order, coordinates printed with 6 digits
        double[] box = {2, 1, 0.5};
        int[] n = {7, 3, 2};
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++) {
                    double x = i * box[0] / n[0];
                    double y = j * box[1] / n[1];
                    double z = k * box[2] / n[2];
                    rows.add(String.format(Locale.ROOT, "0.25,%.6g,%.6g,%.6g,%.6g,0.5,%s,%s,0,0,0,0", x, y, z,
                            0.5 + 0.01 * i + 0.1 * j + k, -x, y));
                }
            }
        }
        Collections.shuffle(rows, new java.util.Random(7));
        List<String> lines = new ArrayList<>();
        lines.add("u_B_z, t,x,y,z,B,A,u_A_x,u_A_y,u_A_z,u_B_x,u_B_y");
        for (String r : rows) {
            String[] v = r.split(",");
            // the last column (u_B_z) first, then B before A: the order of the header
            lines.add(v[11] + "," + v[0] + "," + v[1] + "," + v[2] + "," + v[3] + "," + v[5] + "," + v[4] + "," + v[6] + ","
                    + v[7] + "," + v[8] + "," + v[9] + "," + v[10]);
        }
        TabulatedFields f = FieldsFile.parse("g.csv", lines, AB, box);
        assertFalse(f.cellCentred());
        assertEquals(new Grid(7, 3, 2, 2, 1, 0.5), f.grid());
        int p = f.grid().index(3, 2, 1);
        assertEquals(0.5 + 0.03 + 0.2 + 1, f.concentrations()[0][0][p], 1e-12);
        assertEquals(0.5, f.concentrations()[0][1][p]);
        assertEquals(-3 * 2.0 / 7, f.velocities()[0][0][0][p], 1e-5);
        assertEquals(2.0 / 3, f.velocities()[0][0][1][p], 1e-5);
        assertEquals(0.0, f.velocities()[0][1][2][p]);
    }

    @Test
    void byteOrderMarkQuotedHeaderAndCrlfLineEndsAreAccepted() {
        List<String> l = valid();
        l.set(1, "\uFEFF\"t\", \"x\",\"y\",\"z\",\"A\",\"B\"\r");
        for (int k = 2; k < l.size(); k++) {
            l.set(k, l.get(k).replace(",", " , ") + "\r");
        }
        TabulatedFields f = FieldsFile.parse("f.csv", l, AB, BOX);
        assertEquals(FieldsFile.parse("f.csv", valid(), AB, BOX).concentrations()[1][1][2], f.concentrations()[1][1][2]);
    }

    @Test
    void writeThenReadGivesTheSameFieldsExactly(@TempDir Path dir) {
        Grid g = new Grid(5, 4, 3, 1.5, 1, 2);
        double[] times = {0.0, 0.01, 0.03};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        double[][][] c = new double[3][2][g.points()];
        double[][][][] u = new double[3][2][3][g.points()];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 2; i++) {
                for (int p = 0; p < g.points(); p++) {
                    c[k][i][p] = rnd.nextDouble();
                    for (int d = 0; d < 3; d++) {
                        u[k][i][d][p] = rnd.nextDouble() - 0.5;
                    }
                }
            }
        }
        for (boolean centred : new boolean[] {true, false}) {
            TabulatedFields f = new TabulatedFields(AB, g, centred, times, c, u);
            Path file = dir.resolve("fields-" + centred + ".csv");
            FieldsFile.write(file, f);
            TabulatedFields back = FieldsFile.read(file, AB, g.lengths());
            assertEquals(g, back.grid());
            assertEquals(centred, back.cellCentred());
            assertArrayEquals(times, back.times());
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(c[k][i], back.concentrations()[k][i], 0.0);
                    for (int d = 0; d < 3; d++) {
                        assertArrayEquals(u[k][i][d], back.velocities()[k][i][d], 0.0);
                    }
                }
            }
        }
    }

    @Test
    void unreadableFileIsAnInputException(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class,
                () -> FieldsFile.read(dir.resolve("none.csv"), AB, BOX));
        assertTrue(e.getMessage().contains("cannot read fields file"), e.getMessage());
    }

    /**
     * Export of knudsen's own Maxwell–Stefan solution (the acceptance route of docs/check.md): written at 81 times (Δt = 0.0025, λΔt ≈ 0.1 for the fastest mode), read
     * back and interpolated, it reproduces the solver at the output times to rounding and between them to the
     * order-4 time interpolation.
     */
    @Test
    void maxwellStefanSolutionExportedAsFieldsFileIsReproducedByTheTabulatedState(@TempDir Path dir) throws Exception {
        Mixture mix = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
        Grid g = Grid.of1D(32, 1.0);
        double eps = 0.1;
        MaxwellStefanSolver ms = MaxwellStefanSolver.forMixture(mix, g, null, eps,
                List.of(new FourierMode(new int[] {1, 0, 0}, new double[] {0.2, -0.1, -0.1})),
                IntegratorOptions.adaptive(1e-10, 1e-12));
        List<String> names = List.of("A", "B", "C");
        double[] times = new double[81];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.2 * k / (times.length - 1);
        }
        Path file = dir.resolve("ms.csv");
        FieldsFile.write(file, ms, names, times, true);
        assertTrue(Files.readAllLines(file).get(1).equals("t,x,y,z,A,B,C,u_A_x,u_A_y,u_A_z,u_B_x,u_B_y,u_B_z,u_C_x,"
                + "u_C_y,u_C_z"));
        TabulatedFluidState tab = TabulatedFluidState.of(FieldsFile.read(file, names, g.lengths()), g);
        double[][] a = new double[3][g.points()];
        double[][] b = new double[3][g.points()];
        double[][][] ua = new double[3][3][g.points()];
        double[][][] ub = new double[3][3][g.points()];
        double worstC = 0;
        double worstU = 0;
        double uScale = 0;
        for (int q = 0; q <= 160; q++) {
            double t = 0.2 * q / 160;
            ms.concentrationsAt(t, a);
            tab.concentrationsAt(t, b);
            ms.velocitiesAt(t, ua);
            tab.velocitiesAt(t, ub);
            for (int i = 0; i < 3; i++) {
                for (int p = 0; p < g.points(); p++) {
                    double dc = Math.abs(a[i][p] - b[i][p]);
                    double du = Math.abs(ua[i][0][p] - ub[i][0][p]);
                    uScale = Math.max(uScale, Math.abs(ua[i][0][p]));
                    if (q % 2 == 0) {
                        assertEquals(a[i][p], b[i][p], 1e-15, "at an output time the file holds the solver's value");
                    }
                    worstC = Math.max(worstC, dc);
                    worstU = Math.max(worstU, du);
                }
            }
        }
        System.out.printf("MS export: worst |dc| = %.3g (amplitude 0.02), worst |du_x| = %.3g of max |u_x| %.3g%n",
                worstC, worstU, uScale);
        assertTrue(worstC < 2e-7, "c between output times: " + worstC);
        assertTrue(worstU < 1e-5 * uScale, "u between output times: " + worstU);
        assertEquals(0.4, tab.referenceConcentrations()[0], 1e-14);
    }
}
