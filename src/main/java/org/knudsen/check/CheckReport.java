package org.knudsen.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.Provenance;
import org.knudsen.io.ReplicaFile;
import org.knudsen.run.ReplicaSeeds;
import org.knudsen.stats.Comparison;
import org.knudsen.stats.Verdict;
import org.knudsen.stats.VerdictPower;

/** The report of a check: comparisons, verdicts with their power, check.json and the z plots. */
final class CheckReport {
    private CheckReport() {
    }

    /**
     * Combines validated replicas: every particle-minus-reference quantity becomes a {@link Comparison}, the verdict is
     * decided over the time-averaged mode differences, and {@code out/check.json} and the plots are written (plots
     * rendered first, check.json last, so that a failure leaves no half-written check).
     *
     * @param powerOption when not null, the power rule is applied (and logged) under this name (merge); the
     *                    in-process check applied it before running
     */
    static CrossCheck.Result combine(ReplicaSet set, Path out, int replicas, double level, String powerOption,
                                     Provenance provenance, PrintStream log) {
        TreeMap<Integer, ReplicaFile.Data> byIndex = set.byIndex;
        Map<Integer, Path> source = set.source;
        ReplicaFile.Data first = set.first();
        List<String> species = first.species();
        double[] times = first.times();
        if (times.length < 2 || times[times.length - 1] <= 0) {
            throw new InputException(source.get(0) + ": the replicas have no output time t > 0 to average over");
        }
        if (powerOption != null) {
            CrossCheck.assessPower(replicas, species.size(), level, powerOption, log);
        }
        int cells = first.cells();
        int n = species.size();
        String modeName = "mode " + first.header().get("mode");
        List<Comparison> modes = new ArrayList<>();
        List<Comparison> cellComparisons = new ArrayList<>();
        List<Comparison> averages = new ArrayList<>();
        double[] x = new double[replicas];
        double[][] zMode = new double[n][times.length];
        double[][] maxCellZ = new double[n][times.length];
        for (double[] row : maxCellZ) {
            java.util.Arrays.fill(row, Double.NaN); // stays NaN (not drawn) at a time without a usable cell comparison
        }
        for (int i = 0; i < n; i++) {
            double[] average = new double[replicas];
            int counted = 0;
            for (int k = 0; k < times.length; k++) {
                for (int q = 0; q <= cells; q++) {
                    for (int r = 0; r < replicas; r++) {
                        ReplicaFile.Data d = byIndex.get(r);
                        x[r] = d.particle()[k][i][q] - d.reference()[k][i][q];
                    }
                    if (q == 0) {
                        Comparison c = Comparison.of(times[k], species.get(i), modeName, -1, x);
                        modes.add(c);
                        zMode[i][k] = c.z(); // NaN unless usable
                        if (times[k] > 0) {
                            for (int r = 0; r < replicas; r++) {
                                average[r] += x[r];
                            }
                            counted++;
                        }
                    } else {
                        Comparison c = Comparison.of(times[k], species.get(i), "cell", q - 1, x);
                        cellComparisons.add(c);
                        if (c.usable()) {
                            double a = Math.abs(c.z());
                            maxCellZ[i][k] = Double.isNaN(maxCellZ[i][k]) ? a : Math.max(maxCellZ[i][k], a);
                        }
                    }
                }
            }
            for (int r = 0; r < replicas; r++) {
                average[r] /= counted;
            }
            averages.add(Comparison.of(times[times.length - 1], species.get(i), modeName + " mean over t > 0", -1,
                    average));
        }
        Verdict verdict = Verdict.decide(averages, level);
        List<Comparison> positiveTimes = modes.stream().filter(c -> c.time() > 0).toList();
        Verdict allTimes = Verdict.decide(positiveTimes, level);
        VerdictPower power = verdict.decidable() ? VerdictPower.of(replicas, verdict.tests(), level) : null;
        VerdictPower allTimesPower = allTimes.decidable() ? VerdictPower.of(replicas, allTimes.tests(), level) : null;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", first.header().get("scenario"));
        json.put("scenario_sha256", first.header().get("scenario_sha256"));
        json.put("fields", first.header().get("fields"));
        json.put("fields_sha256", first.header().get("fields_sha256"));
        String estimator = ReplicaFile.estimator(first.header());
        json.put("estimator", estimator);
        json.put("outcome", verdict.outcome());
        json.put("consistent", verdict.decidable() ? verdict.consistent() : null);
        json.put("level", level);
        Map<String, Object> sizes = new LinkedHashMap<>();
        long total = 0;
        List<Long> perReplica = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (ReplicaFile.Data d : byIndex.values()) {
            long p = Long.parseLong(d.header().get("particles"));
            perReplica.add(p);
            total += p;
            seeds.add(d.seed());
        }
        sizes.put("replicas", replicas);
        sizes.put("particles_per_replica", perReplica);
        sizes.put("particles_total", total);
        sizes.put("cells", cells);
        sizes.put("steps", Long.parseLong(first.header().get("steps")));
        sizes.put("dt", Double.parseDouble(first.header().get("dt")));
        sizes.put("epsilon", Double.parseDouble(first.header().get("epsilon")));
        sizes.put("output_times", times.length);
        sizes.put("scenario_seed", ReplicaSeeds.scenarioSeedOf(first.seed(), 0));
        sizes.put("replica_seeds", seeds);
        json.put("run", sizes);
        json.put("verdict", verdictMap(verdict, power, "per species: the tracked mode's particle-minus-reference "
                + "amplitude averaged over the output times t > 0 (family c)"));
        json.put("verdict_all_times", verdictMap(allTimes, allTimesPower, "for information: the tracked mode's "
                + "amplitude difference at every output time t > 0, per species (family a)"));
        Map<String, Object> comparisons = new LinkedHashMap<>();
        comparisons.put("mode_time_average", averages);
        comparisons.put("mode", modes);
        comparisons.put("cell", cellComparisons);
        json.put("comparisons", comparisons);
        // last, and the only part that depends on the process (times, command line, machine): check and merge of the
        // same replicas agree on every byte before it (docs/check.md)
        json.put("provenance", provenance.endedNow().toMap());
        String text = JsonOutput.toJson(json);
        // render every plot before writing anything, write check.json last: a failure leaves no half-written check
        Map<String, byte[]> plots = renderPlots(out, species, times, zMode, maxCellZ, allTimes.criticalZ(), modeName,
                VerdictPower.criticalT(replicas, cells, level), cells, level);
        Path checkFile = out.resolve(CrossCheck.CHECK_FILE);
        for (String name : CrossCheck.PLOT_FILES) {
            Path png = out.resolve(name);
            byte[] bytes = plots.get(name);
            try {
                if (bytes == null) {
                    Files.deleteIfExists(png); // an earlier check's plot must not pass for this one's
                    log.println("knudsen: " + name + " not written: no comparison with a usable standard error to plot");
                } else {
                    org.knudsen.io.AtomicFiles.write(png, o -> o.write(bytes));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(png + ": cannot write", e);
            }
        }
        JsonOutput.writeText(checkFile, text);
        if (!estimator.equals(ReplicaFile.PLAIN_ESTIMATOR)) {
            log.printf(Locale.ROOT, "knudsen: particle estimates: %s (docs/variance-reduction.md)%n", estimator);
        }
        if (verdict.decidable()) {
            log.printf(Locale.ROOT, "knudsen: %s at level %s: max |z| = %.3f (%s, %s), Bonferroni p = %.3g over %d "
                            + "time-averaged mode comparisons (%d excluded for a zero or non-finite SE); all-times mode "
                            + "check (information): %s; %s written%n",
                    verdict.consistent() ? "CONSISTENT" : "INCONSISTENT", level, verdict.maxAbsZ(),
                    verdict.worst().species(), verdict.worst().quantity(), verdict.pValue(), verdict.tests(),
                    verdict.excluded(), describeInformation(allTimes), checkFile);
        } else {
            log.printf(Locale.ROOT, "knudsen: UNDECIDABLE at level %s: none of the %d time-averaged mode comparisons has "
                            + "a usable standard error (%d excluded: %s), so the check cannot say consistent or "
                            + "inconsistent (exit %d); all-times mode check (information): %s; %s written%n", level,
                    verdict.excluded(), verdict.excluded(), statusCounts(averages), CrossCheck.UNDECIDABLE_EXIT,
                    describeInformation(allTimes), checkFile);
        }
        log.flush();
        return new CrossCheck.Result(verdict, allTimes, power, checkFile);
    }

    private static String describeInformation(Verdict v) {
        if (!v.decidable()) {
            return "undecidable (" + v.excluded() + " excluded)";
        }
        return String.format(Locale.ROOT, "max |z| = %.3f, p = %.3g over %d (%d excluded)", v.maxAbsZ(), v.pValue(),
                v.tests(), v.excluded());
    }

    /** E.g. "2 zero_se, 0 non_finite": why comparisons were excluded. */
    private static String statusCounts(List<Comparison> cs) {
        long zero = cs.stream().filter(c -> Comparison.ZERO_SE.equals(c.status())).count();
        long nonFinite = cs.stream().filter(c -> Comparison.NON_FINITE.equals(c.status())).count();
        return zero + " " + Comparison.ZERO_SE + " (identical replica values), " + nonFinite + " "
                + Comparison.NON_FINITE;
    }

    private static Map<String, Object> verdictMap(Verdict v, VerdictPower power, String family) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("method", v.method());
        m.put("outcome", v.outcome());
        m.put("consistent", v.decidable() ? v.consistent() : null);
        m.put("p_value", v.pValue());
        m.put("level", v.level());
        m.put("tests", v.tests());
        m.put("excluded", v.excluded());
        m.put("replicas", v.replicas());
        m.put("max_abs_z", v.maxAbsZ());
        m.put("critical_z", v.criticalZ());
        m.put("worst", v.worst());
        m.put("power", power == null ? null : power.toMap(CrossCheck.MEASURED_POWER));
        return m;
    }

    /**
     * The PNG bytes of check_z.png and check_cells_z.png (a name maps to null when it has no point to draw: every
     * comparison excluded). Points with a NaN z (excluded comparisons) are skipped by {@link Plots}; a series
     * without any drawable point is left out of its plot. Each species has its colour ({@link Plots#palette}, as in a
     * run's plots); the thresholds are grey dashed lines: ±the all-times verdict's critical |z| on check_z.png, and on
     * check_cells_z.png the critical |z| of one time and species, Bonferroni over its cells at the level (a point above
     * it is a time at which that species' cells alone would be inconsistent; the cells are reported, not tested).
     */
    private static Map<String, byte[]> renderPlots(Path out, List<String> species, double[] times, double[][] zMode,
                                                   double[][] maxCellZ, double critical, String modeName,
                                                   double cellCritical, int cells, double level) {
        java.awt.Color grey = java.awt.Color.GRAY;
        double[] span = {times[0], times[times.length - 1]};
        Map<String, byte[]> plots = new LinkedHashMap<>();
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            Plots.Series s = Plots.Series.points("z " + modeName + " " + species.get(i), times, zMode[i], null)
                    .withColor(Plots.palette(i));
            if (Plots.hasDrawablePoint(s, Plots.Options.DEFAULT)) {
                series.add(s);
            }
        }
        if (!series.isEmpty() && Double.isFinite(critical)) {
            series.add(Plots.Series.dashed(String.format(Locale.ROOT, "\u00b1critical |z| %.3g (all-times family)",
                    critical), span, new double[] {critical, critical}).withColor(grey));
            series.add(Plots.Series.dashed("-critical", span, new double[] {-critical, -critical}).withColor(grey));
        }
        plots.put(CrossCheck.PLOT_FILES.get(0), series.isEmpty() ? null : Plots.render(out.resolve(CrossCheck.PLOT_FILES.get(0)),
                "Particles minus reference: z of the " + modeName + " amplitude", "t", "z = difference / SE (R-1 dof)",
                series, Plots.Options.DEFAULT));
        List<Plots.Series> cellSeries = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            Plots.Series s = Plots.Series.points("max over cells |z| " + species.get(i), times, maxCellZ[i], null)
                    .withColor(Plots.palette(i));
            if (Plots.hasDrawablePoint(s, Plots.Options.DEFAULT)) {
                cellSeries.add(s);
            }
        }
        if (!cellSeries.isEmpty() && Double.isFinite(cellCritical)) {
            cellSeries.add(Plots.Series.dashed(String.format(Locale.ROOT, "critical |z| %.3g (level %s, Bonferroni over "
                    + "%d cells)", cellCritical, level, cells), span, new double[] {cellCritical, cellCritical})
                    .withColor(grey));
        }
        plots.put(CrossCheck.PLOT_FILES.get(1), cellSeries.isEmpty() ? null : Plots.render(out.resolve(CrossCheck.PLOT_FILES.get(1)),
                "Cell concentrations: largest |z| over the cells", "t", "max |z|", cellSeries, Plots.Options.DEFAULT));
        return plots;
    }
}
