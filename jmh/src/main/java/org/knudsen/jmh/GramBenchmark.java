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
 * The Gram update of the importance weights' smoothing ({@link GramKernel}) as {@code WeightProjection} calls it:
 * blocks of 16 particles, 23 values per particle on the default 1-D grid (17 velocity and 5 position functions, then
 * the weight, whose column is the right-hand side), 18 for a homogeneous cell, rows of stride 40, over a species group
 * of 1024 particles. Score: ns per particle; the scalar twin against the provider's vector kernel (the same bits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GramBenchmark {
    private static final int BLOCK = 16;
    private static final int STRIDE = 40;
    private static final int GROUP = 1024;

    @Param({"23", "18"})
    public int size;

    @Param({"scalar", "vector"})
    public String kernel;

    private GramKernel gram;
    private double[][] blocks;
    private double[] matrix;

    @Setup
    public void setUp() {
        gram = kernel.equals("scalar") ? VectorizationProvider.scalar().gramKernel()
                : VectorizationProvider.vector().gramKernel();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        blocks = new double[GROUP / BLOCK][BLOCK * STRIDE];
        for (double[] block : blocks) {
            for (int i = 0; i < block.length; i++) {
                block[i] = 6 * rng.nextDouble() - 3;
            }
        }
        matrix = new double[STRIDE * STRIDE];
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public double group() {
        java.util.Arrays.fill(matrix, 0);
        for (double[] block : blocks) { // WeightProjection's block layout: vector k at [k·STRIDE, k·STRIDE + size)
            gram.addOuterProducts(block, BLOCK, size, STRIDE, matrix);
        }
        return matrix[0];
    }
}
