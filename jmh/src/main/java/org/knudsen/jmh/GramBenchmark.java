package org.knudsen.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.simd.GramKernel;
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
 * The importance weights' smoothing kernels ({@link GramKernel}) as {@code WeightProjection} calls them, over a species
 * group of 800 particles (the default scenario's at 2000 per cell): the Gram partials of 23 columns (17 velocity and 5
 * position functions on the default 1-D grid, then the weight, whose column is the right-hand side) or 18 (a
 * homogeneous cell), their reduction, and the smoothed weights of the 22 (17) functions. Score: ns per particle; the
 * scalar twin against the provider's vector kernel (the same bits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GramBenchmark {
    private static final int GROUP = 800;
    /** WeightProjection's partial stride: its largest basis (17 velocity + 3 × 5 position functions) and the weight. */
    private static final int COLUMNS = GramKernel.tileColumns(GramKernel.VELOCITY_FUNCTIONS + 3 * 5 + 1);
    /** WeightProjection's Gram matrix stride (the same count rounded up to 8). */
    private static final int GRAM_STRIDE = (GramKernel.VELOCITY_FUNCTIONS + 3 * 5 + 1 + 7) / 8 * 8;

    @Param({"23", "18"})
    public int size;

    @Param({"scalar", "vector"})
    public String kernel;

    private GramKernel gram;
    private double[] columns;
    private double[] partials;
    private double[] matrix;
    private double[] coefficient;
    private double[] weights;

    @Setup
    public void setUp() {
        gram = kernel.equals("scalar") ? VectorizationProvider.scalar().gramKernel()
                : VectorizationProvider.vector().gramKernel();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        columns = new double[COLUMNS * GROUP];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = 6 * rng.nextDouble() - 3;
        }
        partials = new double[COLUMNS * COLUMNS * GramKernel.PARTIALS];
        matrix = new double[GRAM_STRIDE * GRAM_STRIDE];
        coefficient = new double[size];
        for (int f = 0; f < size; f++) {
            coefficient[f] = rng.nextDouble() - 0.5;
        }
        weights = new double[GROUP];
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public double gram() {
        gram.accumulate(columns, GROUP, GROUP, size, partials, COLUMNS, true);
        GramKernel.reduce(partials, COLUMNS, size, matrix, GRAM_STRIDE);
        return matrix[size - 1];
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public double smoothedWeights() {
        gram.combine(columns, GROUP, GROUP, coefficient, size - 1, weights, 0);
        return weights[GROUP - 1];
    }
}
