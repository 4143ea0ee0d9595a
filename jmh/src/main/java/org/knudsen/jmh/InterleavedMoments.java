package org.knudsen.jmh;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.physics.Maxwellian;
import org.knudsen.simd.MomentAccumulator;
import org.knudsen.simd.VectorizationProvider;

/**
 * The comparisons of {@link GroupMomentBenchmark} interleaved in one JVM, best of 60 rounds each: robust to the
 * background load of a shared machine, which JMH's successive forks see differently. Argument: the cell count
 * (10 particles per cell, species uniform over 3). Scores: ns per particle; the range kernels include zeroing the
 * sums (they add), the across-groups ones write every slot.
 * {@code java --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar org.knudsen.jmh.InterleavedMoments 1000}
 */
public final class InterleavedMoments {
    private static final int PER_CELL = 10;
    private static final int SPECIES = 3;
    private static final String[] NAMES = {"across groups, scalar twin", "across groups, vector",
        "range per group, scalar", "range per group, vector", "zeroing alone"};

    private InterleavedMoments() {
    }

    public static void main(String[] args) {
        int cells = Integer.parseInt(args[0]);
        int n = cells * PER_CELL, groups = cells * SPECIES;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        double[] vx = new double[n], vy = new double[n], vz = new double[n];
        new Maxwellian(rng).fill(1, 1, 0, 0, 0, vx, vy, vz, 0, n);
        int[] start = new int[groups + 1];
        for (int c = 0; c < cells; c++) {
            int[] count = new int[SPECIES];
            for (int p = 0; p < PER_CELL; p++) {
                count[rng.nextInt(SPECIES)]++;
            }
            for (int s = 0; s < SPECIES; s++) {
                start[c * SPECIES + s + 1] = start[c * SPECIES + s] + count[s];
            }
        }
        double[] sqrtMass = {1, 2, Math.sqrt(40)};
        double[] sums = new double[groups * MomentAccumulator.SLOTS];
        MomentAccumulator[] kernels = {VectorizationProvider.scalar().momentAccumulator(),
            VectorizationProvider.vector().momentAccumulator()};
        double[] best = new double[NAMES.length];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int repeats = Math.max(1, 2_000_000 / n);
        for (int round = 0; round < 60; round++) {
            for (int m = 0; m < NAMES.length; m++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < repeats; r++) {
                    if (m < 2) { // writes every group's slots: no zeroing
                        kernels[m].storeGroups(vx, vy, vz, start, 0, groups, sqrtMass, sums);
                    } else if (m < 4) {
                        Arrays.fill(sums, 0); // the range kernel adds
                        for (int g = 0; g < groups; g++) {
                            kernels[m - 2].accumulate(vx, vy, vz, start[g], start[g + 1], sqrtMass[g % SPECIES], sums,
                                    g * MomentAccumulator.SLOTS);
                        }
                    } else {
                        Arrays.fill(sums, 0); // zeroing alone
                    }
                }
                best[m] = Math.min(best[m], (System.nanoTime() - t0) / (double) repeats / n);
            }
        }
        for (int m = 0; m < NAMES.length; m++) {
            System.out.printf(Locale.ROOT, "%-28s %6.2f ns/particle (best of 60)%n", NAMES[m], best[m]);
        }
    }
}
