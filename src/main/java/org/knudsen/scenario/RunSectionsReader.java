package org.knudsen.scenario;

import java.util.OptionalDouble;
import org.knudsen.physics.Grid;
import org.knudsen.physics.OperatorSplitting;
import org.knudsen.physics.ParameterException;
import java.util.Set;

/** Reads the sections of a spatial run: {@code [domain]}, {@code [particles]}, {@code [time]} and {@code [output]}. */
final class RunSectionsReader {
    private static final Set<String> DOMAIN_KEYS = TomlNode.keys("length", "cells");
    private static final Set<String> PARTICLES_KEYS = TomlNode.keys("per_cell", "variance_reduction", "smoothing_basis");
    private static final Set<String> TIME_KEYS = TomlNode.keys("dt", "end", "splitting");
    private static final Set<String> OUTPUT_KEYS = TomlNode.keys("dir", "every", "checkpoint_every", "average", "batches");

    private RunSectionsReader() {
    }

    static DomainSpec readDomain(TomlNode top) {
        TomlNode d = top.table("domain", false);
        if (d == null) {
            return null;
        }
        d.checkKeys(DOMAIN_KEYS);
        double[] length = d.numbers("length", true, 3);
        long[] cells = d.integers("cells", true, 3);
        int[] cellsInt = null;
        if (cells != null) {
            cellsInt = new int[3];
            for (int k = 0; k < 3; k++) {
                if (cells[k] > Integer.MAX_VALUE) {
                    d.problem("cells", "every cell count must be a 32-bit integer");
                    cellsInt = null;
                    break;
                }
                cellsInt[k] = (int) Math.max(cells[k], Integer.MIN_VALUE);
            }
        }
        if (length != null && cellsInt != null) {
            int[] n = cellsInt;
            if (!d.owns("cells", () -> Grid.of(n, length))) { // the grid owns the rules of its box
                return null;
            }
        } else if (length != null && !d.owns("length", () -> Grid.of(new int[] {1, 1, 1}, length))) {
            return null;
        } else if (cellsInt != null) {
            int[] n = cellsInt;
            if (!d.owns("cells", () -> Grid.of(n, new double[] {1, 1, 1}))) {
                return null;
            }
        }
        return length == null || cellsInt == null ? null : new DomainSpec(length, cellsInt);
    }

    static ParticlesSpec readParticles(TomlNode top) {
        TomlNode p = top.table("particles", false);
        if (p == null) {
            return null;
        }
        p.checkKeys(PARTICLES_KEYS);
        Long n = p.integer("per_cell", true);
        if (n == null) {
            return null;
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            p.problem("per_cell", "must be an integer >= 1");
            return null;
        }
        VarianceReduction reduction = named(p, "variance_reduction", VarianceReduction.NONE,
                VarianceReduction::byTomlName, VarianceReduction.names());
        SmoothingBasis basis = named(p, "smoothing_basis", SmoothingBasis.AUTO, SmoothingBasis::byTomlName,
                SmoothingBasis.names());
        if (reduction == null || basis == null) {
            return null;
        }
        return new ParticlesSpec(n.intValue(), reduction, basis);
    }

    static TimeSpec readTime(TomlNode top) {
        TomlNode t = top.table("time", false);
        if (t == null) {
            return null;
        }
        t.checkKeys(TIME_KEYS);
        OptionalDouble dt = OptionalDouble.empty();
        boolean ok = true;
        Object raw = t.raw("dt");
        if (raw instanceof String s) {
            if (!s.equals("auto")) {
                t.problem("dt", "must be \"auto\" or a number > 0");
                ok = false;
            }
        } else if (raw != null) {
            Double v = t.number("dt", true);
            if (v == null || !(v > 0)) {
                if (v != null) {
                    t.problem("dt", "must be \"auto\" or a number > 0");
                }
                ok = false;
            } else {
                dt = OptionalDouble.of(v);
            }
        }
        Double end = t.number("end", true);
        if (end != null && !(end > 0)) {
            t.problem("end", "must be > 0");
            ok = false;
        }
        OperatorSplitting splitting = TimeSpec.DEFAULT_SPLITTING;
        String split = t.string("splitting", false);
        if (split != null) {
            try {
                splitting = OperatorSplitting.byTomlName(split);
            } catch (ParameterException e) {
                t.problem("splitting", e.rule());
                ok = false;
            }
        }
        return ok && end != null ? new TimeSpec(dt, end, splitting) : null;
    }

    static OutputSpec readOutput(TomlNode top, String name, TimeSpec time) {
        TomlNode o = top.table("output", false);
        if (o == null) {
            return null;
        }
        o.checkKeys(OUTPUT_KEYS);
        String dir = o.string("dir", false);
        if (dir != null && dir.isBlank()) {
            o.problem("dir", "must be a non-empty path");
        } else if (dir != null && dir.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
            o.problem("dir", "must not contain control characters");
        }
        Double every = o.number("every", true);
        if (every != null) {
            if (!(every > 0)) {
                o.problem("every", "sampling interval must be > 0");
            } else if (time != null && every > time.end()) {
                o.problem("every", "sampling interval must not exceed time.end = " + time.end());
            }
        }
        Double checkpointEvery = o.number("checkpoint_every", false);
        if (checkpointEvery != null && !(checkpointEvery >= 0 && Double.isFinite(checkpointEvery))) {
            o.problem("checkpoint_every", "wall time between checkpoints must be a finite number of seconds >= 0 "
                    + "(0 = a checkpoint at every sample)");
            checkpointEvery = null;
        }
        SampleAveraging average = OutputSpec.DEFAULT_AVERAGE;
        String averageName = o.string("average", false);
        if (averageName != null) {
            average = SampleAveraging.byTomlName(averageName);
            if (average == null) {
                o.problem("average", "must be \"instant\" (the particles at the output time) or \"window\" (the mean "
                        + "over every step of the output interval, docs/averaging.md)");
            }
        }
        Long batches = o.integer("batches", false);
        if (batches != null && (batches < 2 || batches > OutputSpec.MAX_BATCHES)) {
            o.problem("batches", "the number of sub-windows of an output interval must be an integer in [2, "
                    + OutputSpec.MAX_BATCHES + "]");
            batches = null;
        }
        if (dir == null && !OutputSpec.isSafeFileName(name)) {
            return null; // reported with the name
        }
        return every == null || average == null ? null : new OutputSpec(dir == null ? OutputSpec.defaultDir(name) : dir,
                every, checkpointEvery == null ? OutputSpec.DEFAULT_CHECKPOINT_EVERY : checkpointEvery, average,
                batches == null ? OutputSpec.DEFAULT_BATCHES : batches.intValue());
    }

    /** The value a string key names ({@code absent} when the key is absent), or null after recording the problem. */
    private static <E> E named(TomlNode table, String key, E absent, java.util.function.Function<String, E> lookup,
                               String names) {
        String name = table.string(key, false);
        if (name == null) {
            return absent;
        }
        E value = lookup.apply(name);
        if (value == null) {
            table.problem(key, "must be one of " + names);
        }
        return value;
    }
}
