package org.knudsen.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw numbers of one replica of a cross-check ({@code knudsen check}, docs/check.md), written by every replica and read
 * by the combination (in-process or {@code knudsen merge}), so that both paths combine the very same numbers.
 * Format (UTF-8 text):
 *
 * <pre>
 * # knudsen replica file
 * # scenario = NAME
 * # scenario_sha256 = HEX          (of the resolved scenario TOML)
 * # fields = FILE-NAME             (the fields file's name, without directories)
 * # fields_sha256 = HEX            (of the fields file's bytes)
 * # replicas = R
 * # replica = r                    (0-based)
 * # scenario_seed = S0             (the scenario's seed; absent in files written before the key existed)
 * # seed = S                       (the replica's own seed, derived from S0 and r by the check)
 * # species = A,B,...
 * # mode = 1,0,0                   (the tracked Fourier mode)
 * # particles = P                  (particles of this replica at t = 0)
 * # cells = C
 * # steps = K
 * # dt = DT
 * # epsilon = EPS
 * # times = t0,t1,...              (the output times)
 * t,species,quantity,cell,particle,reference
 * 0.0,A,mode,-1,0.29...,0.3
 * 0.0,A,cell,0,0.51...,0.50...
 * </pre>
 * One row per (output time, species, quantity, cell): the tracked-mode cosine amplitude ({@code mode}, cell −1) and
 * the concentration of every cell ({@code cell}); the particle estimate and the reference value. Numbers are written
 * with {@link Double#toString} and read back exactly, so combining from files loses nothing. Rows are in the order
 * time, species, (mode, cells 0..C−1). Every number is finite: a NaN or ±∞ (in a row or in the header's dt, epsilon
 * or times) is refused with the file and line, and {@link #write} refuses to write one.
 *
 * <p>{@code scenario_seed} is optional when reading, so files written before it existed are still read; the seed of
 * such a file is checked by inverting the replica-seed mix (run.ReplicaSeeds.scenarioSeedOf).
 */
public final class ReplicaFile {
    /** Keys of the header, in order. */
    public static final List<String> HEADER_KEYS = List.of("scenario", "scenario_sha256", "fields", "fields_sha256",
            "replicas", "replica", "scenario_seed", "seed", "species", "mode", "particles", ReplicaFile.ESTIMATOR, "cells",
            "steps", "dt", "epsilon", "times");
    /**
     * The header key of which particle estimates the file holds: {@link #PLAIN_ESTIMATOR}, or the variance-reduced
     * ones of a run with importance weights (docs/variance-reduction.md); files of older versions are plain.
     */
    public static final String ESTIMATOR = "estimator";
    public static final String PLAIN_ESTIMATOR = "plain";

    /** The {@link #ESTIMATOR} of a header: {@link #PLAIN_ESTIMATOR} for files of older versions, which lack the key. */
    public static String estimator(Map<String, String> header) {
        return header.getOrDefault(ESTIMATOR, PLAIN_ESTIMATOR);
    }
    /** Header keys a file may lack (written by older versions); every other key of {@link #HEADER_KEYS} is required. */
    public static final List<String> OPTIONAL_KEYS = List.of("scenario_seed", ESTIMATOR);
    private static final String COLUMNS = "t,species,quantity,cell,particle,reference";

    /**
     * One replica's record.
     *
     * @param header   the header values by key (all of {@link #HEADER_KEYS}, as text)
     * @param particle [time][species][1 + cells]: index 0 the mode amplitude, 1 + c cell c's concentration
     * @param reference the same layout for the reference
     */
    public record Data(Map<String, String> header, double[][][] particle, double[][][] reference) {
        public int replicas() {
            return Integer.parseInt(header.get("replicas"));
        }

        public int replica() {
            return Integer.parseInt(header.get("replica"));
        }

        public List<String> species() {
            return List.of(header.get("species").split(",", -1));
        }

        public double[] times() {
            return Arrays.stream(header.get("times").split(",")).mapToDouble(Double::parseDouble).toArray();
        }

        public int cells() {
            return Integer.parseInt(header.get("cells"));
        }

        /** The replica's own seed. */
        public long seed() {
            return Long.parseLong(header.get("seed"));
        }

        /** The scenario's seed, when the file records it (files of older versions do not). */
        public java.util.OptionalLong scenarioSeed() {
            String v = header.get("scenario_seed");
            return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(v));
        }
    }

    private ReplicaFile() {
    }

    /** The file name of replica r of R: {@code replica_<r>_of_<R>.csv}. */
    public static String fileName(int r, int replicas) {
        return "replica_" + r + "_of_" + replicas + ".csv";
    }

    /** Writes the record atomically; a non-finite value is a bug of the caller (IllegalStateException, nothing written). */
    public static void write(Path file, Data data) {
        for (String key : HEADER_KEYS) {
            if (!data.header().containsKey(key)) {
                throw new IllegalArgumentException("replica header lacks " + key);
            }
        }
        double[] t = data.times();
        for (int k = 0; k < t.length; k++) {
            for (int i = 0; i < data.particle()[k].length; i++) {
                for (int q = 0; q < data.particle()[k][i].length; q++) {
                    if (!Double.isFinite(data.particle()[k][i][q]) || !Double.isFinite(data.reference()[k][i][q])) {
                        throw new IllegalStateException(file + ": replica " + data.header().get("replica")
                                + " has a non-finite value at t = " + t[k] + ", species " + data.species().get(i)
                                + ", " + (q == 0 ? "mode" : "cell " + (q - 1)) + " (particle "
                                + data.particle()[k][i][q] + ", reference " + data.reference()[k][i][q] + ")");
                    }
                }
            }
        }
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("# knudsen replica file\n");
            for (String key : HEADER_KEYS) {
                w.write("# " + key + " = " + data.header().get(key) + "\n");
            }
            w.write(COLUMNS + "\n");
            double[] times = data.times();
            List<String> species = data.species();
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < times.length; k++) {
                for (int i = 0; i < species.size(); i++) {
                    double[] p = data.particle()[k][i];
                    double[] ref = data.reference()[k][i];
                    for (int q = 0; q < p.length; q++) {
                        sb.setLength(0);
                        sb.append(times[k]).append(',').append(species.get(i)).append(',')
                                .append(q == 0 ? "mode" : "cell").append(',').append(q - 1).append(',')
                                .append(p[q]).append(',').append(ref[q]).append('\n');
                        w.write(sb.toString());
                    }
                }
            }
            w.flush();
        });
    }

    /** Reads a replica file; any problem is an {@link InputException} naming the file and line. */
    public static Data read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read replica file (" + e.getMessage() + ")");
        }
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Integer> headerLine = new LinkedHashMap<>();
        int line = 0;
        while (line < lines.size() && lines.get(line).startsWith("#")) {
            String s = lines.get(line).substring(1).trim();
            int eq = s.indexOf(" = ");
            if (eq > 0) {
                header.put(s.substring(0, eq).trim(), s.substring(eq + 3).trim());
                headerLine.put(s.substring(0, eq).trim(), line + 1);
            }
            line++;
        }
        for (String key : HEADER_KEYS) {
            if (!header.containsKey(key) && !OPTIONAL_KEYS.contains(key)) {
                throw new InputException(file + ": not a knudsen replica file (header line '# " + key + " = ...' missing)");
            }
        }
        checkHeaderNumbers(file, header, headerLine);
        if (line >= lines.size() || !lines.get(line).trim().equals(COLUMNS)) {
            throw new InputException(file + ":" + (line + 1) + ": expected the column line '" + COLUMNS + "'");
        }
        line++;
        double[] times;
        int nSpecies;
        int cells;
        try {
            Data probe = new Data(header, null, null);
            times = probe.times();
            nSpecies = probe.species().size();
            cells = probe.cells();
            probe.replicas();
            probe.replica();
        } catch (RuntimeException e) {
            throw new InputException(file + ": bad header value (" + e.getMessage() + ")");
        }
        double[][][] particle = new double[times.length][nSpecies][cells + 1];
        double[][][] reference = new double[times.length][nSpecies][cells + 1];
        int expected = times.length * nSpecies * (cells + 1);
        int row = 0;
        for (; line < lines.size(); line++) {
            String s = lines.get(line);
            if (s.isBlank()) {
                continue;
            }
            if (row >= expected) {
                throw new InputException(file + ":" + (line + 1) + ": more rows than the header's " + expected);
            }
            String[] f = s.split(",", -1);
            if (f.length != 6) {
                throw new InputException(file + ":" + (line + 1) + ": " + f.length + " fields, expected 6");
            }
            int k = row / (nSpecies * (cells + 1));
            int i = (row / (cells + 1)) % nSpecies;
            int q = row % (cells + 1);
            try {
                particle[k][i][q] = Double.parseDouble(f[4]);
                reference[k][i][q] = Double.parseDouble(f[5]);
                if (!Double.isFinite(particle[k][i][q]) || !Double.isFinite(reference[k][i][q])) {
                    throw new InputException(file + ":" + (line + 1) + ": " + (Double.isFinite(particle[k][i][q])
                            ? "reference value " + f[5].trim() : "particle value " + f[4].trim())
                            + " is not finite (a replica's numbers must all be finite)");
                }
                if (Double.parseDouble(f[0]) != times[k] || Integer.parseInt(f[3]) != q - 1) {
                    throw new InputException(file + ":" + (line + 1) + ": row out of order (expected t = " + times[k]
                            + ", cell " + (q - 1) + ")");
                }
            } catch (NumberFormatException e) {
                throw new InputException(file + ":" + (line + 1) + ": not a number (" + e.getMessage() + ")");
            }
            row++;
        }
        if (row != expected) {
            throw new InputException(file + ": " + row + " rows, the header promises " + expected
                    + " (the file is incomplete)");
        }
        return new Data(header, particle, reference);
    }

    /** The header's numbers parse, and those that are real numbers are finite (times strictly increasing). */
    private static void checkHeaderNumbers(Path file, Map<String, String> header, Map<String, Integer> headerLine) {
        String key = null;
        try {
            for (String k : List.of("replicas", "replica", "cells")) {
                key = k;
                Integer.parseInt(header.get(k));
            }
            for (String k : List.of("scenario_seed", "seed", "particles", "steps")) {
                key = k;
                if (header.containsKey(k)) {
                    Long.parseLong(header.get(k));
                }
            }
            for (String k : List.of("dt", "epsilon", "times")) {
                key = k;
                double previous = Double.NEGATIVE_INFINITY;
                for (String v : header.get(k).split(",", -1)) {
                    double x = Double.parseDouble(v);
                    if (!Double.isFinite(x)) {
                        throw new InputException(file + ":" + headerLine.get(k) + ": " + k + " = " + header.get(k)
                                + ": not finite");
                    }
                    if (x <= previous) {
                        throw new InputException(file + ":" + headerLine.get(k) + ": " + k + " must increase strictly");
                    }
                    previous = x;
                }
            }
        } catch (NumberFormatException e) {
            throw new InputException(file + ":" + headerLine.get(key) + ": " + key + " = " + header.get(key)
                    + ": not a number (" + e.getMessage() + ")");
        }
    }

    /** The hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(d);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Joins numbers with commas in {@link Double#toString} form (exact round trip). */
    public static String joinExact(double[] values) {
        List<String> s = new ArrayList<>(values.length);
        for (double v : values) {
            s.add(Double.toString(v));
        }
        return String.join(",", s);
    }
}
