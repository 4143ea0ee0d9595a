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
 * Hermite moment accumulation (degree ≤ 3, sums and sums of squares) over particles sorted into cells of 1000
 * particles: the Vector-API kernel at each width against its scalar twin ("vector" = the width the provider
 * chooses on this machine, "vector-256" ... = that width). Score: ns per particle. 10^7 particles (10^4 cells,
 * 240 MB of velocities) stream from memory; 10^5 particles (100 cells, 2.4 MB) stay in the L2/L3 caches, which
 * separates the kernels' arithmetic from the memory bandwidth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MomentBenchmark {
    private static final int PARTICLES_PER_CELL = 1000;
    /** Invocations per JMH operation, so that every score is per particle of a 10^7-particle sweep. */
    private static final int SWEEP = 10_000_000;

    @Param({"10000000", "100000"})
    public int particles;

    @Param({"scalar", "vector", "vector-128", "vector-256", "vector-512"})
    public String kernel;

    private MomentAccumulator accumulator;
    private double[] vx, vy, vz, sums;

    @Setup
    public void setUp() {
        accumulator = switch (kernel) {
            case "scalar" -> VectorizationProvider.scalar().momentAccumulator();
            case "vector" -> VectorizationProvider.vector().momentAccumulator();
            default -> VectorizationProvider.vectorMomentAccumulator(Integer.parseInt(kernel.substring("vector-".length())));
        };
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        vx = new double[particles];
        vy = new double[particles];
        vz = new double[particles];
        new Maxwellian(rng).fill(1, 1, 0, 0, 0, vx, vy, vz, 0, particles);
        sums = new double[particles / PARTICLES_PER_CELL * MomentAccumulator.SLOTS];
    }

    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public double accumulateAllCells() {
        int cells = particles / PARTICLES_PER_CELL;
        for (int repeat = 0; repeat < SWEEP / particles; repeat++) {
            java.util.Arrays.fill(sums, 0);
            for (int c = 0; c < cells; c++) {
                accumulator.accumulate(vx, vy, vz, c * PARTICLES_PER_CELL, (c + 1) * PARTICLES_PER_CELL, 1.0, sums,
                        c * MomentAccumulator.SLOTS);
            }
        }
        return sums[MomentAccumulator.SUM_SQUARES + 4];
    }
}
