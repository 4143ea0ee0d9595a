package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.io.VtiFiles;

/**
 * {@code tools/knudsen_read.py} on the outputs of real small runs (a particle run on 6×3×2 cells, a fluid-only run and
 * a check of 4 replicas), with {@code python3}: the time series, the snapshots (times and every cell value, indexed
 * [snapshot, i, j, l]) and the check comparisons it returns are the doubles that the Java readers see, to the bit;
 * with numpy if python3 has it, and in its pure-Python mode (KNUDSEN_READ_PURE=1). Skipped, saying why, without python3.
 */
class PythonReaderTest extends CommandLineTest {
    private static final Path MODULE = Path.of("tools", "knudsen_read.py");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** What the module returns, dumped as JSON (floats as repr, so exact); fields flattened x fastest. */
    private static final String DUMP = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import knudsen_read as kr
            run, fluid, chk = sys.argv[2:5]
            def flat(field):
                if kr.np is not None:
                    a = field.swapaxes(1, 3)  # [k, l, j, i(, d)]: x fastest, as in the file
                    return a.reshape(a.shape[0], -1).tolist()
                return [[x for v in snap for x in (v if isinstance(v, tuple) else (v,))] for snap in field]
            def snaps(d):
                s = kr.snapshots(d)
                return {"times": [float(t) for t in s.times], "cells": list(s.cells),
                        "fields": {n: flat(f) for n, f in s.fields.items()}, "components": s.components}
            def at(s, name, k, i, j, l, d=None):  # numpy: [k, i, j, l(, d)]; lists: flat over cells, x fastest
                if kr.np is not None:
                    return s.fields[name][(k, i, j, l) + (() if d is None else (d,))]
                v = s.fields[name][k][i + s.cells[0] * (j + s.cells[1] * l)]
                return v if d is None else v[d]
            ts = kr.timeseries(run, frame=False)
            s = kr.snapshots(run)
            out = {"numpy": kr.np is not None,
                   "timeseries": {n: [float(v) for v in ts[n]] for n in ts},
                   "cells": snaps(run), "ms": snaps(fluid),
                   "picked": float(at(s, "c_B", len(s) - 1, 4, 2, 1)), "picked_u": float(at(s, "u_C", 1, 5, 0, 1, 2)),
                   "centres_y": [float(y) for y in s.centres(1)],
                   "summary": kr.summary(run)["status"], "check": kr.check(chk, frame=False),
                   "check_cells": len(kr.check(chk, family="cell", frame=False))}
            print(json.dumps(out, allow_nan=True))
            """;

    private static Path tmp;
    private static Path run;
    private static Path fluid;
    private static Path check;

    @BeforeAll
    static void runs(@TempDir Path dir) throws Exception {
        tmp = dir;
        Assumptions.assumeTrue(python("-c", "import sys; print(sys.version_info >= (3, 8))").strip().equals("True"),
                "python3 (>= 3.8) is not on the PATH: tools/knudsen_read.py cannot be exercised here");
        PythonReaderTest t = new PythonReaderTest();
        run = dir.resolve("run");
        Path file = Files.writeString(dir.resolve("run.toml"), TestScenarios.ternary(run, "[particles]\nper_cell = 60",
                0.1, 0.18).replace("cells = [16, 1, 1]", "cells = [6, 3, 2]"));
        assertEquals(0, t.knudsen("run", file.toString()), t.err::toString);
        fluid = dir.resolve("fluid");
        Path fluidFile = Files.writeString(dir.resolve("fluid.toml"), TestScenarios.ternary(fluid, "", 0.1, 0.1));
        assertEquals(0, t.knudsen("run", fluidFile.toString()), t.err::toString);
        check = dir.resolve("check");
        Path s = Files.writeString(dir.resolve("check.toml"), TestScenarios.binary(3, 0.2, 16, 50, 0.05, 0.01, dir.resolve("u")));
        Path fields = dir.resolve("ms.csv");
        assertEquals(0, t.knudsen("fields", s.toString(), "--out", fields.toString()), t.err::toString);
        int code = t.knudsen("check", s.toString(), "--fields", fields.toString(), "--replicas", "4", "--threads", "2",
                "--dir", check.toString());
        assertTrue(code == 0 || code == 3, t.err::toString);
    }

    /** Runs python3 with these arguments (and environment additions) and returns its stdout; fails on a non-zero exit. */
    private static String python(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path errors = Files.createTempFile(tmp, "python", ".err");
        pb.redirectError(errors.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return "python3 cannot be started: " + e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 finished");
        String err = Files.readString(errors);
        assertEquals(0, p.exitValue(), () -> "python3 " + args[0] + " failed; stdout:\n" + out + "\nstderr:\n" + err);
        return out;
    }

    private static String python(String... args) throws IOException, InterruptedException {
        return python(Map.of(), args);
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void withNumpyIfPresent() throws Exception {
        JsonNode out = dump(Map.of());
        System.out.println("PythonReaderTest: python3 with numpy = " + out.get("numpy").asBoolean());
    }

    @Test
    void inPurePythonMode() throws Exception {
        JsonNode out = dump(Map.of("KNUDSEN_READ_PURE", "1"));
        assertTrue(!out.get("numpy").asBoolean(), "KNUDSEN_READ_PURE=1 ignores numpy");
    }

    /** Runs the dump and checks every number against the Java readers; returns the dump. */
    private JsonNode dump(Map<String, String> env) throws Exception {
        Path script = Files.writeString(tmp.resolve("dump.py"), DUMP);
        JsonNode out = JSON.readTree(python(env, script.toString(), MODULE.getParent().toString(), run.toString(),
                fluid.toString(), check.toString()));
        TimeSeriesReader series = TimeSeriesReader.read(run.resolve("timeseries.csv"));
        assertEquals(series.columns().size(), out.get("timeseries").size());
        for (String c : series.columns()) {
            double[] expected = series.column(c);
            JsonNode got = out.get("timeseries").get(c);
            assertEquals(expected.length, got.size(), c);
            for (int r = 0; r < expected.length; r++) {
                assertBits(expected[r], got.get(r).asDouble(), c + " row " + r);
            }
        }
        compareSnapshots(run.resolve("cells.pvd"), out.get("cells"));
        compareSnapshots(fluid.resolve("ms.pvd"), out.get("ms"));
        assertEquals(List.of(6, 3, 2), JSON.convertValue(out.get("cells").get("cells"), List.class));
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(run.resolve("cells.pvd"));
        VtiFiles.Image last = VtiFiles.read(run.resolve(listed.getLast().file()));
        assertBits(last.cells().get("c_B").values()[4 + 6 * (2 + 3 * 1)], out.get("picked").asDouble(), "c_B[-1, 4, 2, 1]");
        VtiFiles.Image second = VtiFiles.read(run.resolve(listed.get(1).file()));
        assertBits(second.cells().get("u_C").values()[3 * (5 + 6 * (0 + 3 * 1)) + 2], out.get("picked_u").asDouble(),
                "u_C[1, 5, 0, 1, z]");
        assertEquals(1.0 / 6, out.get("centres_y").get(0).asDouble(), 1e-15);
        assertEquals("complete", out.get("summary").asText());
        JsonNode doc = new ObjectMapper().readTree(check.resolve("check.json").toFile()).get("comparisons");
        JsonNode records = out.get("check");
        int total = 0;
        for (var family : (Iterable<Map.Entry<String, JsonNode>>) doc::fields) {
            total += family.getValue().size();
        }
        assertEquals(total, records.size(), "one record per comparison");
        assertEquals(doc.get("cell").size(), out.get("check_cells").asInt());
        JsonNode firstMode = doc.get("mode").get(0);
        JsonNode record = null;
        for (JsonNode r : records) {
            if (r.get("family").asText().equals("mode")) {
                record = r;
                break;
            }
        }
        assertTrue(record != null, "a mode record");
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) firstMode::fields) {
            assertEquals(field.getValue(), record.get(field.getKey()), field.getKey());
        }
        return out;
    }

    /** Times and every value of every field of a collection, as the module returned them, against VtiFiles. */
    private static void compareSnapshots(Path collection, JsonNode got) throws IOException {
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(collection);
        assertEquals(listed.size(), got.get("times").size());
        for (int k = 0; k < listed.size(); k++) {
            assertBits(listed.get(k).time(), got.get("times").get(k).asDouble(), "time " + k);
            VtiFiles.Image image = VtiFiles.read(collection.resolveSibling(listed.get(k).file()));
            assertEquals(image.cells().size(), got.get("fields").size());
            for (var e : image.cells().entrySet()) {
                JsonNode values = got.get("fields").get(e.getKey()).get(k);
                double[] expected = e.getValue().values();
                assertEquals(expected.length, values.size(), e.getKey());
                assertEquals(e.getValue().components(), got.get("components").get(e.getKey()).asInt());
                for (int c = 0; c < expected.length; c++) {
                    assertBits(expected[c], values.get(c).asDouble(), collection.getFileName() + " " + e.getKey()
                            + " snapshot " + k + " value " + c);
                }
            }
        }
    }

    @Test
    void commandLinePrintsWhatTheRunDirectoryHolds() throws Exception {
        String text = python(MODULE.toString(), run.toString());
        assertTrue(text.contains("summary.json: scenario tiny, status complete"), text);
        assertTrue(text.contains("timeseries.csv: 11 rows, t = 0 ... 0.18"), text);
        assertTrue(text.contains("cells.pvd: 11 snapshots on 6x3x2 cells"), text);
        assertTrue(text.contains("fields: c_A, u_A[3], T_A, c_A_ms, u_A_ms[3]"), text);
        JsonNode json = JSON.readTree(python(MODULE.toString(), check.toString(), "--json"));
        assertEquals(new ObjectMapper().readTree(check.resolve("check.json").toFile()).get("outcome"),
                json.get("check").get("outcome"));
        JsonNode fluidJson = JSON.readTree(python(MODULE.toString(), fluid.toString(), "--json"));
        assertEquals(11, fluidJson.get("ms.pvd").get("snapshots").asInt());
    }
}
