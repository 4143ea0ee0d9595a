package org.knudsen.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.moments.MomentAccumulator;
import org.knudsen.moments.MomentAccumulators;
import org.knudsen.physics.Maxwellian;
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
 * Hermite moment accumulation (degree ≤ 3, sums and sums of squares) over 10^7 particles sorted into 10^4
 * cells of 1000 particles: the Vector-API kernel against its scalar twin. Score: ns per particle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MomentBenchmark {
    private static final int PARTICLES = 10_000_000;
    private static final int CELLS = 10_000;

    @Param({"scalar", "vector"})
    public String kernel;

    private MomentAccumulator accumulator;
    private double[] vx, vy, vz, sums;

    @Setup
    public void setUp() {
        accumulator = kernel.equals("vector") ? MomentAccumulators.vector() : MomentAccumulators.scalar();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        vx = new double[PARTICLES];
        vy = new double[PARTICLES];
        vz = new double[PARTICLES];
        new Maxwellian(rng).fill(1, 1, 0, 0, 0, vx, vy, vz, 0, PARTICLES);
        sums = new double[CELLS * MomentAccumulator.SLOTS];
    }

    @Benchmark
    @OperationsPerInvocation(PARTICLES)
    public double accumulateAllCells() {
        java.util.Arrays.fill(sums, 0);
        int per = PARTICLES / CELLS;
        for (int c = 0; c < CELLS; c++) {
            accumulator.accumulate(vx, vy, vz, c * per, (c + 1) * per, 1.0, sums, c * MomentAccumulator.SLOTS);
        }
        return sums[MomentAccumulator.SUM_SQUARES + 4];
    }
}
