package org.knudsen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.check.CrossCheck;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;
import picocli.CommandLine;
import org.knudsen.run.ScenarioFile;
import org.knudsen.check.FieldsExport;
import org.knudsen.TestScenarios;

/**
 * Not part of CI (about 10 minutes on 2 cores): the power of the default check against a wrong Δ at the run size of
 * {@link CheckCommandTest} (R = 16 replicas × 12 800 particles, ε = 0.05, binary Maxwell molecules). Run with
 * <pre>
 * . tools/jdk25.sh; mvn -B -q -ntp test -Dtest=CheckPowerScan -Dknudsen.powerScan=true [-Dknudsen.powerSeeds=40]
 * </pre>
 * For each seed: one check against the true MS fields, then the same replicas re-referenced
 * ({@link CrossCheck#rereference}) to MS fields with every Δ_ij scaled by s and merged; the rejection rate over the seeds
 * at level 0.01 is the power at 1 − s (and the false-alarm rate at s = 1). Results: target/power-scan.txt.
 */
@EnabledIfSystemProperty(named = "knudsen.powerScan", matches = "true")
class CheckPowerScan {
    static final double[] SCALES = {1.0, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.90, 1.05};

    private int knudsen(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void powerAgainstScaledDelta(@TempDir Path tmp) throws IOException {
        int seeds = Integer.getInteger("knudsen.powerSeeds", 40);
        Path base = tmp.resolve("s0.toml");
        Files.writeString(base, TestScenarios.binary(0, 0.05, 128, CheckCommandTest.PER_CELL, CheckCommandTest.END,
                CheckCommandTest.EVERY, tmp.resolve("u")));
        Scenario s0 = ScenarioFile.read(base);
        Path[] fields = new Path[SCALES.length];
        for (int j = 0; j < SCALES.length; j++) {
            fields[j] = tmp.resolve(String.format(Locale.ROOT, "ms_%.2f.csv", SCALES[j]));
            FieldsExport.writeMaxwellStefanFields(s0, fields[j], SCALES[j], true);
        }
        int[] rejected = new int[SCALES.length];
        int[] freshRejected = new int[1];
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        for (int seed = 1; seed <= seeds; seed++) {
            Path s = tmp.resolve("s" + seed + ".toml");
            Files.writeString(s, TestScenarios.binary(seed, 0.05, 128, CheckCommandTest.PER_CELL, CheckCommandTest.END,
                    CheckCommandTest.EVERY, tmp.resolve("u")));
            Scenario scenario = ScenarioFile.read(s);
            Path dir = tmp.resolve("check" + seed);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = knudsen(out, err, "check", s.toString(), "--fields", fields[0].toString(), "--replicas",
                    Integer.toString(CheckCommandTest.REPLICAS), "--threads", "2", "--dir", dir.toString());
            if (code == 3) {
                freshRejected[0]++;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "seed %2d:", seed));
            for (int j = 0; j < SCALES.length; j++) {
                Path re = tmp.resolve("re" + seed + "_" + j);
                CrossCheck.rereference(scenario, fields[j], List.of(dir), CheckCommandTest.REPLICAS, re);
                CrossCheck.Result r = CrossCheck.merge(List.of(re), re, 0.01, new java.io.PrintStream(
                        java.io.OutputStream.nullOutputStream()));
                if (!r.consistent()) {
                    rejected[j]++;
                }
                row.append(String.format(Locale.ROOT, " %.2f: p=%.2g z=%.2f", SCALES[j], r.verdict().pValue(),
                        r.verdict().maxAbsZ()));
            }
            lines.add(row.toString());
            System.out.println(row);
        }
        lines.add(String.format(Locale.ROOT, "%d seeds, R = %d, %d particles per cell x 128 cells, level 0.01, %.0f s",
                seeds, CheckCommandTest.REPLICAS, CheckCommandTest.PER_CELL, (System.nanoTime() - start) / 1e9));
        lines.add("fresh checks against the true MS fields rejected: " + freshRejected[0] + " of " + seeds);
        for (int j = 0; j < SCALES.length; j++) {
            lines.add(String.format(Locale.ROOT, "Delta x %.2f: rejected %d of %d (%.0f %%)", SCALES[j], rejected[j],
                    seeds, 100.0 * rejected[j] / seeds));
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/power-scan.txt"), lines);
        lines.forEach(System.out::println);
    }
}
