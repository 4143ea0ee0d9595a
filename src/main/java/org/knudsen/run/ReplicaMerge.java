package org.knudsen.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.ModeSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.stats.ReplicaStatistics;

/**
 * {@code knudsen merge} of run replicas (and the merge that ends {@code knudsen run --replicas R}): the validated
 * replicas 0..R−1 ({@link RunReplicaSet}) become, in the ensemble directory,
 * <ul>
 * <li>{@code timeseries.csv}: {@code t}, then for every other column {@code c} of the replicas' time series, in their
 * order, {@code c} = the replica mean and {@code c_replica_se} = its standard error s/√R from the replica spread
 * (PHYSICS.md §7; {@link ReplicaStatistics#summarise}), summed in replica-index order. A column whose R values are
 * identical (the deterministic {@code _ms} and {@code _lb} columns) is written as that value with SE 0 (its mean,
 * without the rounding of a sum);</li>
 * <li>{@code mode_amplitude.png}, {@code deviation.png}: the means with ±1 replica SE bars beside Maxwell–Stefan and
 * the exact linear evolution;</li>
 * <li>{@code summary.json} (last): the ensemble's identity, R, the seeds, particles, the replica directories
 * (relative to the ensemble directory) and the final row's means with their replica SEs.</li>
 * </ul>
 * Nothing in these files depends on wall time, thread counts, paths outside the ensemble or the order in which the
 * replicas ran, so an in-process {@code --replicas R} and R separate {@code --replica r/R} processes (a Slurm job array)
 * plus {@code knudsen merge} give the same bytes.
 */
public final class ReplicaMerge {
    /** What a merge wrote. */
    public record Result(Path dir, int replicas, double devNorm, double devNormSe) {
    }

    private ReplicaMerge() {
    }

    /** Whether {@code dir} holds run replicas: it is one, a directory of {@code r<r>} ones, or an ensemble directory. */
    public static boolean holdsRunReplicas(Path dir) {
        return ReplicaLayout.isReplica(dir) || !ReplicaLayout.replicaChildren(dir).isEmpty()
                || !ReplicaLayout.replicaChildren(dir.resolve(ReplicaLayout.REPLICA_DIR)).isEmpty();
    }

    /** The replica directories that the arguments of merge name (each: a replica, a replicas/ dir, an ensemble dir). */
    static List<Path> replicaDirs(List<Path> dirs) {
        List<Path> found = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new InputException(d + ": no such directory");
            }
            if (ReplicaLayout.isReplica(d)) {
                found.add(d);
                continue;
            }
            List<Path> children = ReplicaLayout.replicaChildren(d);
            if (children.isEmpty()) {
                children = ReplicaLayout.replicaChildren(d.resolve(ReplicaLayout.REPLICA_DIR));
            }
            for (Path c : children) {
                if (!ReplicaLayout.isReplica(c)) {
                    throw new InputException(c + ": no " + ReplicaLayout.REPLICA_FILE + ", so not a run replica (a "
                            + "replica that never started? run it with --replica r/R)");
                }
                found.add(c);
            }
        }
        return found;
    }

    /**
     * Where merge writes without {@code --out}: the first argument when it is an ensemble directory, its parent when it
     * is the replicas/ directory, the ensemble of a replica directory {@code ENSEMBLE/replicas/r<r>}.
     */
    public static Path defaultOut(List<Path> dirs) {
        Path d = dirs.get(0).toAbsolutePath().normalize();
        if (ReplicaLayout.isReplica(d)) {
            Path parent = d.getParent();
            if (parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equals(ReplicaLayout.REPLICA_DIR) && parent.getParent() != null) {
                return dirs.get(0).resolve("../..").normalize();
            }
            throw new InputException(dirs.get(0) + ": a replica directory outside an ensemble's "
                    + ReplicaLayout.REPLICA_DIR + "/; give the output directory with --out");
        }
        if (d.getFileName() != null && d.getFileName().toString().equals(ReplicaLayout.REPLICA_DIR)
                && !ReplicaLayout.replicaChildren(d).isEmpty()) {
            return dirs.get(0).resolve("..").normalize();
        }
        return dirs.get(0);
    }

    /** {@code knudsen merge DIR... [--out OUT]} of run replicas: validates everything, claims OUT, writes. */
    public static Result merge(List<Path> dirs, Path out, PrintStream log) {
        RunReplicaSet set = RunReplicaSet.read(replicaDirs(dirs), dirs, log);
        refusePlainRun(out, "--out");
        try (RunDirectory claimed = RunDirectory.claimForNewRun(out, "--out", ReplicaLayout.MERGED_FILES, false)) {
            return write(out, set, log);
        }
    }

    /** An ensemble directory is not a plain run's directory (that one's scenario.toml and checkpoint would clash). */
    static void refusePlainRun(Path dir, String key) {
        if (Files.exists(dir.resolve("scenario.toml"))) {
            throw new InputException(key + " = " + dir + ": holds a run (scenario.toml); the merged outputs of replicas "
                    + "need a directory of their own (the ensemble directory, e.g. the --dir of the replicas)");
        }
    }

    /** The merged column names: t, then c and c + {@value ReplicaLayout#SE_SUFFIX} for every other column c. */
    static List<String> mergedColumns(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            out.add(c);
            if (!c.equals("t")) {
                out.add(c + ReplicaLayout.SE_SUFFIX);
            }
        }
        return out;
    }

    /** Writes the merged outputs of {@code set} into {@code out} (whose claim the caller holds). */
    static Result write(Path out, RunReplicaSet set, PrintStream log) {
        List<String> in = set.first().series().columns();
        List<String> columns = mergedColumns(in);
        int replicas = set.size();
        int rows = set.first().series().rows().size();
        List<double[]> merged = new ArrayList<>();
        double[] x = new double[replicas];
        for (int k = 0; k < rows; k++) {
            double[] row = new double[columns.size()];
            int at = 0;
            for (int c = 0; c < in.size(); c++) {
                for (int r = 0; r < replicas; r++) {
                    x[r] = set.replicas().get(r).series().rows().get(k)[c];
                }
                if (in.get(c).equals("t")) {
                    row[at++] = x[0];
                    continue;
                }
                if (identical(x)) {
                    row[at++] = x[0];
                    row[at++] = 0.0;
                } else {
                    ReplicaStatistics.Summary s = ReplicaStatistics.summarise(x);
                    row[at++] = s.mean();
                    row[at++] = s.standardError();
                }
            }
            merged.add(row);
        }
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            int cc = c;
            byName.put(columns.get(c), merged.stream().mapToDouble(r -> r[cc]).toArray());
        }
        Scenario scenario = set.first().scenario();
        byte[] modes = ReplicaPlots.modes(out, scenario, replicas, byName);
        byte[] deviation = ReplicaPlots.deviation(out, scenario, replicas, byName);
        Map<String, Object> summary = summary(out, set, byName);
        writeSeries(out.resolve(TimeSeriesWriter.FILE_NAME), columns, merged);
        AtomicFiles.write(out.resolve("mode_amplitude.png"), o -> o.write(modes));
        AtomicFiles.write(out.resolve("deviation.png"), o -> o.write(deviation));
        JsonOutput.writeFile(out.resolve("summary.json"), summary);
        double dev = last(byName, "dev_norm");
        double devSe = last(byName, "dev_norm" + ReplicaLayout.SE_SUFFIX);
        // the replicas' mean of the noise-corrected square tells "within the noise" as a single run's message does
        String norm = SpatialRun.normText(dev, devSe, last(byName, "dev_norm_sq"),
                last(byName, "dev_norm_sq" + ReplicaLayout.SE_SUFFIX));
        log.printf(Locale.ROOT, "knudsen: merged %d replicas into %s: final |F - M| %s (replica SE); "
                + "timeseries.csv has the mean and the %s column of every column%n", replicas, out, norm,
                "<column>" + ReplicaLayout.SE_SUFFIX);
        log.flush();
        return new Result(out, replicas, dev, devSe);
    }

    private static boolean identical(double[] x) {
        for (double v : x) {
            if (Double.doubleToLongBits(v) != Double.doubleToLongBits(x[0])) {
                return false;
            }
        }
        return true;
    }

    private static double last(Map<String, double[]> byName, String column) {
        double[] v = byName.get(column);
        return v == null || v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** timeseries.csv through a temporary file renamed over it: never half a merged series. */
    private static void writeSeries(Path file, List<String> columns, List<double[]> rows) {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()
                & Long.MAX_VALUE) + ".tmp");
        try (TimeSeriesWriter w = TimeSeriesWriter.create(tmp, columns)) {
            for (double[] r : rows) {
                w.append(r);
            }
            w.sync();
        }
        try {
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the merged time series (" + e.getMessage() + ")", e);
        }
    }

    /** summary.json of the ensemble: nothing in it depends on wall time, threads or where the replicas ran. */
    private static Map<String, Object> summary(Path out, RunReplicaSet set, Map<String, double[]> byName) {
        RunReplicaSet.Replica first = set.first();
        JsonNode s0 = first.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", first.scenario().name());
        m.put("scenario_sha256", first.id().scenarioSha256());
        m.put("status", "complete");
        m.put("replicas", set.size());
        m.put("scenario_seed", first.id().scenarioSeed());
        m.put("replica_seeds", set.replicas().stream().map(r -> r.id().seed()).toList());
        Path base = out.toAbsolutePath().normalize();
        m.put("replica_dirs", set.replicas().stream()
                .map(r -> base.relativize(r.dir().toAbsolutePath().normalize()).toString().replace('\\', '/')).toList());
        List<Long> particles = set.replicas().stream().map(r -> r.summary().path("particles").asLong()).toList();
        m.put("particles", particles);
        m.put("particles_total", particles.stream().mapToLong(Long::longValue).sum());
        for (String key : List.of("epsilon", "cells", "dt", "steps_total")) {
            m.put(key, s0.get(key));
        }
        m.put("output_times", first.series().rows().size());
        m.put("columns", "timeseries.csv: t, then for every column c of the replicas' time series c (the replica mean) "
                + "and c" + ReplicaLayout.SE_SUFFIX + " (its standard error s/sqrt(R) from the replica spread; 0 where "
                + "all replicas agree, e.g. the _ms and _lb columns)");
        JsonNode linear = s0.get("linear_reference");
        if (linear instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            copy.remove("seconds"); // wall time
            m.put("linear_reference", copy);
        }
        Map<String, Object> fin = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of("t"));
        for (String name : first.scenario().speciesNames()) {
            keys.addAll(List.of("conc_mode_" + name, "conc_mode_" + name + ReplicaLayout.SE_SUFFIX,
                    "conc_mode_" + name + "_ms", "conc_mode_" + name + "_lb"));
        }
        keys.addAll(List.of("dev_norm", "dev_norm" + ReplicaLayout.SE_SUFFIX, "dev_fluid_norm",
                "dev_fluid_norm" + ReplicaLayout.SE_SUFFIX, "dev_norm_lb"));
        for (String k : keys) {
            if (byName.containsKey(k)) {
                fin.put(k, last(byName, k));
            }
        }
        m.put("final", fin);
        return m;
    }

    /** The tracked mode of a scenario: its first [[fluid.mode]] (else [1, 0, 0], as a run's plan takes it). */
    static int[] trackedMode(Scenario s) {
        List<ModeSpec> modes = s.fluid().map(f -> f.modes()).orElse(List.of());
        return modes.isEmpty() ? new int[] {1, 0, 0} : modes.get(0).wavevector();
    }
}
