package org.knudsen.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.physics.Maxwellian;
import org.knudsen.simd.MomentAccumulator;
import org.knudsen.simd.VectorizationProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Moments of the mixture workload's layout: 10 particles per cell, each of 3 species with probability 1/3, sorted by
 * (cell, species), so about 3.3 particles per group. {@code storeGroups} (the kernel the runs use) against
 * {@code accumulate} called once per group (the previous way), for the scalar twin and the provider's vector kernel.
 * Score: ns per particle, including the zeroing of the sums (as a run does). 10^5 cells (10^6 particles, 98 MB of
 * sums: the bench's mixture workload) and 10^3 cells (the sums in L2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class GroupMomentBenchmark {
    private static final int PER_CELL = 10;
    private static final int SPECIES = 3;
    /** Particles per JMH operation, so that every score is per particle of a 10^6-particle sweep. */
    private static final int SWEEP = 1_000_000;

    @Param({"100000", "1000"})
    public int cells;

    @Param({"scalar", "vector"})
    public String kernel;

    private MomentAccumulator accumulator;
    private double[] vx, vy, vz, sums;
    private final double[] sqrtMass = {1, 2, Math.sqrt(40)};
    private int[] groupStart;

    @Setup
    public void setUp() {
        accumulator = kernel.equals("scalar") ? VectorizationProvider.scalar().momentAccumulator()
                : VectorizationProvider.vector().momentAccumulator();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        int n = cells * PER_CELL, groups = cells * SPECIES;
        vx = new double[n];
        vy = new double[n];
        vz = new double[n];
        new Maxwellian(rng).fill(1, 1, 0, 0, 0, vx, vy, vz, 0, n);
        groupStart = new int[groups + 1];
        for (int c = 0; c < cells; c++) {
            int[] count = new int[SPECIES];
            for (int p = 0; p < PER_CELL; p++) {
                count[rng.nextInt(SPECIES)]++;
            }
            for (int s = 0; s < SPECIES; s++) {
                int g = c * SPECIES + s;
                groupStart[g + 1] = groupStart[g] + count[s];
            }
        }
        sums = new double[groups * MomentAccumulator.SLOTS];
    }

    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public double acrossGroups() {
        for (int repeat = 0; repeat < SWEEP / (cells * PER_CELL); repeat++) {
            accumulator.storeGroups(vx, vy, vz, groupStart, 0, cells * SPECIES, sqrtMass, sums);
        }
        return sums[MomentAccumulator.SUM_SQUARES + 4];
    }

    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public double groupByGroup() {
        for (int repeat = 0; repeat < SWEEP / (cells * PER_CELL); repeat++) {
            java.util.Arrays.fill(sums, 0);
            for (int g = 0, groups = cells * SPECIES; g < groups; g++) {
                accumulator.accumulate(vx, vy, vz, groupStart[g], groupStart[g + 1], sqrtMass[g % SPECIES], sums,
                        g * MomentAccumulator.SLOTS);
            }
        }
        return sums[MomentAccumulator.SUM_SQUARES + 4];
    }

    /** The zeroing of the sums alone (the memory traffic of the output, which neither kernel avoids). */
    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public double zeroingOnly() {
        for (int repeat = 0; repeat < SWEEP / (cells * PER_CELL); repeat++) {
            java.util.Arrays.fill(sums, 0);
        }
        return sums[7];
    }
}
