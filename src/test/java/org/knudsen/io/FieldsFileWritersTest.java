package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knudsen.fluid.TabulatedFields;
import org.knudsen.physics.Grid;

/**
 * Fields files as Python (numpy, pandas), Fortran and Julia write them are read (docs/check.md "Writing a fields
 * file"): the files in {@code src/test/resources/org/knudsen/io/writers/} are the bytes that numpy 1.24.2, pandas
 * 1.5.3 and gfortran 12.2 wrote (their README says how); where the writer is installed the tests also run it now
 * (skipped otherwise). Every file holds the same fields: species A and B on 4 cell centres along x of the unit box,
 * times 0 and 0.5, c_A = 0.6 + 0.1 cos(2πx) e^{-t}, c_B = 1 − c_A (1e-100 in the Fortran ES file). A file that breaks
 * a rule is refused with {@code file:line:column:} and what is wrong.
 */
class FieldsFileWritersTest {
    private static final List<String> AB = List.of("A", "B");
    private static final double[] BOX = {1, 1, 1};

    static List<String> resource(String name) throws IOException {
        try (InputStream in = FieldsFileWritersTest.class.getResourceAsStream("writers/" + name)) {
            assertTrue(in != null, "test resource writers/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The fields every writer's file holds: the grid, the times and c_A at every point. */
    static void assertTheFields(String name, TabulatedFields f, boolean tinyB) {
        assertEquals(new Grid(4, 1, 1, 1, 1, 1), f.grid(), name);
        assertTrue(f.cellCentred(), name);
        assertArrayEquals(new double[] {0, 0.5}, f.times(), name);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 4; i++) {
                double x = (i + 0.5) / 4;
                double a = 0.6 + 0.1 * Math.cos(2 * Math.PI * x) * Math.exp(-0.5 * k);
                assertEquals(a, f.concentrations()[k][0][i], 1e-15, name + " c_A");
                assertEquals(tinyB ? 1e-100 : 1 - a, f.concentrations()[k][1][i], tinyB ? 1e-114 : 1e-15, name + " c_B");
            }
        }
    }

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of("np_default.txt", "whitespace-separated, no header line: columns read in the canonical "
                        + "order t,x,y,z,A,B"),
                Arguments.of("np_header.txt", "whitespace-separated, columns t,x,y,z,A,B from the header at line 1"),
                Arguments.of("np_comma.csv", "comma-separated, columns t,x,y,z,A,B from the header at line 1"),
                Arguments.of("pd_index.csv", "comma-separated, columns t,x,y,z,A,B from the header at line 1 (the "
                        + "unnamed first column is an index and is ignored)"),
                Arguments.of("pd_index_space.txt", "(the unnamed first column is an index and is ignored)"),
                Arguments.of("pd_unnamed.csv", "(the 2 unnamed first columns are indexes and are ignored)"),
                Arguments.of("fortran_list.txt", "no header line: columns read in the canonical order"),
                Arguments.of("fortran_d.txt", "whitespace-separated, columns t,x,y,z,A,B from the header at line 1"),
                Arguments.of("fortran_es.txt", "from the header at line 1"));
    }

    /** The acceptance files: np.savetxt's default (no header), pandas to_csv with its index, Fortran with D exponents. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void filesOfNumpyPandasAndFortranAreRead(String name, String columns, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, resource(name));
        String[] described = new String[1];
        TabulatedFields f = FieldsFile.read(file, AB, BOX, c -> described[0] = c);
        assertTheFields(name, f, name.equals("fortran_es.txt"));
        assertTrue(described[0].contains(columns), described[0]);
    }

    @Test
    void numbersInTheFormsOfPythonJuliaCAndFortran() {
        assertEquals(1e-3, FieldsColumns.number("1.0D-03"));
        assertEquals(1e-3, FieldsColumns.number("1.0d-3"));
        assertEquals(0.5, FieldsColumns.number(".5D0"));
        assertEquals(1e-100, FieldsColumns.number("1.0000000000000000-100"));
        assertEquals(1e100, FieldsColumns.number("0.1+101"));
        assertEquals(1e-5, FieldsColumns.number("1e-05"));
        assertEquals(-2.5e7, FieldsColumns.number("-2.5E+07"));
        assertEquals(3.0, FieldsColumns.number("3."));
        assertEquals(3.0, FieldsColumns.number("\"3\""));
        for (String no : List.of("abc", "1.0x", "0x1p3", "1.0f", "1,5", "", "1e", "--1", "NaN", "Infinity", "1-5")) {
            assertEquals(null, FieldsColumns.number(no), no);
        }
    }

    /** Julia's writedlm (tab-separated) below a header line, and CSV.jl's comma-separated file with its header. */
    @Test
    void juliaFilesAreRead() throws IOException {
        List<String> tabs = new ArrayList<>(List.of("t\tx\ty\tz\tA\tB"));
        List<String> commas = new ArrayList<>(List.of("t,x,y,z,A,B"));
        for (String row : resource("pd_index.csv").subList(1, 9)) {
            String[] v = row.split(",");
            // Julia prints floats like Python's repr (shortest round trip), 1e-5 as 1.0e-5
            tabs.add(String.join("\t", List.of(v).subList(1, 7)));
            commas.add(String.join(",", List.of(v).subList(1, 7)));
        }
        assertTheFields("writedlm", FieldsFile.parse("j.txt", tabs, AB, BOX), false);
        assertTheFields("CSV.jl", FieldsFile.parse("j.csv", commas, AB, BOX), false);
    }

    static Stream<Arguments> malformed() throws IOException {
        List<String> np = resource("np_header.txt");
        List<String> pd = resource("pd_index.csv");
        return Stream.of(
                Arguments.of("comma in a whitespace file", with(np, 3, np.get(2).replaceFirst(" ", ",")),
                        "f.csv:3:25: this row is separated by commas, but the header (line 1) by spaces or tabs"),
                Arguments.of("spaces in a comma file", with(pd, 4, pd.get(3).replace(",", " ")),
                        "f.csv:4:1: this row is separated by spaces or tabs, but the header (line 1) by commas"),
                Arguments.of("headerless with a wrong count", resource("np_default.txt").stream()
                        .map(l -> l + " 0.0").toList(), "f.csv:1: a data row before any header line, with 7 values; a"
                        + " file without a header must have the columns in the canonical order t x y z A B (6 values)"),
                Arguments.of("index that does not count", with(pd, 4, pd.get(3).replaceFirst("^2,", "5,")),
                        "f.csv:4:1: column 1, unnamed, is read as a pandas/R index and ignored, so it must count 0, 1,"
                        + " 2, ... (or 1, 2, 3, ...; restarting at the first value for each block), but it has 5 after"
                        + " 1 (line 3)"),
                Arguments.of("named index column", with(pd, 1, "idx" + pd.get(0)),
                        "f.csv:1:1: unknown column 'idx' (column 1)"),
                Arguments.of("unknown column, column of its name", with(np, 1, "# t x y z A C"),
                        "f.csv:1:13: unknown column 'C' (column 6)"),
                Arguments.of("unnamed column in the middle", with(pd, 1, ",t,x,,z,A,B"),
                        "f.csv:1:6: column 4 has no name"),
                Arguments.of("not a number, column of the value", with(np, 2, np.get(1).replace(
                        "6.707106781186547018e-01", "6.7O7e-01")), "f.csv:2:101: column 5 (A): '6.7O7e-01' is not a number"),
                Arguments.of("Fortran field overflow", with(np, 2, np.get(1).replace(
                        "6.707106781186547018e-01", "*********")), "f.csv:2:101: column 5 (A): '*********' is not a "
                        + "number (Fortran writes asterisks when a number does not fit its edit descriptor"),
                Arguments.of("empty value", with(pd, 2, pd.get(1).replace(",0.125,", ",,")),
                        "f.csv:2:7: column 3 (x): empty value"),
                Arguments.of("negative concentration", with(pd, 2, pd.get(1).replace(",0.6707106781186547,", ",-0.1,")),
                        "f.csv:2:21: column 6 (A): negative concentration -0.1"),
                Arguments.of("too many values", with(pd, 3, pd.get(2) + ",1"),
                        "f.csv:3: 8 values, but the header (line 1) has 6 columns after 1 index column(s)"));
    }

    private static List<String> with(List<String> lines, int line, String replacement) {
        List<String> l = new ArrayList<>(lines);
        l.set(line - 1, replacement);
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aFileThatBreaksARuleIsRefusedWithLineColumnAndProblem(String kind, List<String> lines, String message) {
        InputException e = assertThrows(InputException.class, () -> FieldsFile.parse("f.csv", lines, AB, BOX), kind);
        System.out.println(kind + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith(message), () -> kind + ":\n  got      " + e.getMessage()
                + "\n  expected " + message);
    }

    /** A '#' line is the header only when it names t, x, y and z and data follows; a plain header line wins. */
    @Test
    void aCommentIsTheHeaderOnlyWhenItNamesTheCoordinates() throws IOException {
        List<String> np = resource("np_header.txt");
        List<String> l = new ArrayList<>(List.of("# written by my solver, x in units of L", "# t x y z A B"));
        l.addAll(np.subList(1, np.size()));
        assertTheFields("two comment lines", FieldsFile.parse("f.csv", l, AB, BOX), false);
        // knudsen's own writer: a comment about the grid, then a plain header
        List<String> own = new ArrayList<>(List.of("# knudsen fields file: 4 x 1 x 1 grid (cell centres) on "
                + "[0,1.0)x[0,1.0)x[0,1.0)", "t,x,y,z,A,B"));
        own.addAll(resource("pd_index.csv").subList(1, 9).stream().map(r -> r.substring(r.indexOf(',') + 1)).toList());
        assertTheFields("comment and header", FieldsFile.parse("f.csv", own, AB, BOX), false);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first of python3 on the PATH and /usr/bin/python3 that imports the module, or null. */
    private static String pythonWith(String module) {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if (runs(python, "-c", "import " + module)) {
                return python;
            }
        }
        return null;
    }

    private static final String PYTHON_ROWS = """
            import numpy as np
            rows = []
            for t in (0.0, 0.5):
                for i in range(4):
                    x = (i + 0.5) / 4
                    a = 0.6 + 0.1 * np.cos(2 * np.pi * x) * np.exp(-t)
                    rows.append([t, x, 0.5, 0.5, a, 1 - a])
            a = np.array(rows)
            """;

    /** numpy as installed here: savetxt with its default (no header), with a header, comma-separated. */
    @Test
    void numpyAsInstalledWritesFilesThatAreRead(@TempDir Path dir) throws IOException {
        String python = pythonWith("numpy");
        assumeTrue(python != null, "python3 with numpy is not installed");
        Path script = dir.resolve("w.py");
        Files.writeString(script, PYTHON_ROWS + """
                np.savetxt('default.txt', a)
                np.savetxt('header.txt', a, header='t x y z A B')
                np.savetxt('comma.csv', a, delimiter=',', header='t,x,y,z,A,B')
                """);
        assertTrue(runs(python, "-c", "import os; os.chdir(r'" + dir + "'); exec(open('w.py').read())"));
        for (String name : List.of("default.txt", "header.txt", "comma.csv")) {
            assertTheFields("numpy " + name, FieldsFile.read(dir.resolve(name), AB, BOX), false);
        }
    }

    /** pandas as installed here: to_csv with its index, with spaces, and a file read back and written again. */
    @Test
    void pandasAsInstalledWritesFilesThatAreRead(@TempDir Path dir) throws IOException {
        String python = pythonWith("pandas");
        assumeTrue(python != null, "python3 with pandas is not installed");
        Path script = dir.resolve("w.py");
        Files.writeString(script, PYTHON_ROWS + """
                import pandas as pd
                df = pd.DataFrame(a, columns=['t', 'x', 'y', 'z', 'A', 'B'])
                df.to_csv('index.csv')
                df.to_csv('space.txt', sep=' ')
                pd.read_csv('index.csv').to_csv('again.csv')
                """);
        assertTrue(runs(python, "-c", "import os; os.chdir(r'" + dir + "'); exec(open('w.py').read())"));
        for (String name : List.of("index.csv", "space.txt", "again.csv")) {
            assertTheFields("pandas " + name, FieldsFile.read(dir.resolve(name), AB, BOX), false);
        }
    }

    /** gfortran as installed here: list-directed output and a D edit descriptor. */
    @Test
    void gfortranAsInstalledWritesFilesThatAreRead(@TempDir Path dir) throws IOException {
        assumeTrue(runs("gfortran", "--version"), "gfortran is not installed");
        Files.writeString(dir.resolve("w.f90"), """
                program fields
                  implicit none
                  integer :: i, k
                  double precision :: t, x, a, pi
                  pi = 4d0*atan(1d0)
                  open(10, file='list.txt')
                  open(11, file='d.txt')
                  write(11, '(a)') '# t x y z A B'
                  do k = 0, 1
                    t = 0.5d0*k
                    do i = 0, 3
                      x = (i+0.5d0)/4
                      a = 0.6d0 + 0.1d0*cos(2*pi*x)*exp(-t)
                      write(10, *) t, x, 0.5d0, 0.5d0, a, 1-a
                      write(11, '(6D25.16)') t, x, 0.5d0, 0.5d0, a, 1-a
                    end do
                  end do
                end program
                """);
        assertTrue(runs("sh", "-c", "cd '" + dir + "' && gfortran -o w w.f90 && ./w"));
        for (String name : List.of("list.txt", "d.txt")) {
            assertTheFields("gfortran " + name, FieldsFile.read(dir.resolve(name), AB, BOX), false);
        }
    }
}
