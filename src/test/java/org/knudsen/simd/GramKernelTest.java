package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The smoothing's kernels ({@link GramKernel}): the scalar twin computes the Gram matrix Σ φ φᵀ and the smoothed weights
 * Σ a_f φ_f to rounding, and the vector kernel gives the twin's bits at every width.
 */
class GramKernelTest {
    private static final int PARTIALS = GramKernel.PARTIALS;

    /** Basis values of the size a smoothing sees, by function: rows [0, count) random, zeros up to columnStride. */
    private static double[] columns(UniformRandomProvider rng, int functions, int count, int columnStride) {
        double[] c = new double[functions * columnStride];
        for (int f = 0; f < functions; f++) {
            for (int q = 0; q < count; q++) {
                c[f * columnStride + q] = 6 * rng.nextDouble() - 3;
            }
        }
        return c;
    }

    private static int tiles(int size) {
        return GramKernel.tileColumns(size);
    }

    /**
     * The twin's partials, reduced, are Σ_q φ_r φ_s (compensated sums as the reference, to 1e-14 of Σ|φ_r φ_s|), and a
     * group accumulated in two chunks of rows gives the bits of one pass.
     */
    @Test
    void scalarTwinSumsTheOuterProductsAndChunksContinueThePartials() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int size = 23, count = 203, rows = 208, stride = 216, ps = tiles(size);
        double[] c = columns(rng, tiles(size), count, stride);
        GramKernel twin = new ScalarGramKernel();
        double[] partials = new double[ps * ps * PARTIALS], gram = new double[ps * ps];
        twin.accumulate(c, stride, rows, size, partials, ps, true);
        GramKernel.reduce(partials, ps, size, gram, ps);
        for (int r = 0; r < size; r++) {
            for (int s = r; s < size; s++) {
                double sum = 0, compensation = 0, magnitude = 0;
                for (int q = 0; q < count; q++) {
                    double term = c[r * stride + q] * c[s * stride + q], y = term - compensation, t = sum + y;
                    compensation = (t - sum) - y;
                    sum = t;
                    magnitude += Math.abs(term);
                }
                assertEquals(sum, gram[r * ps + s], 1e-14 * magnitude, "entry " + r + "," + s);
            }
        }
        // the same rows as two chunks, 104 + 104 rows (multiples of 8), the second continuing the first's partials
        double[] first = new double[tiles(size) * 104], second = new double[tiles(size) * 104];
        for (int f = 0; f < size; f++) {
            System.arraycopy(c, f * stride, first, f * 104, 104);
            System.arraycopy(c, f * stride + 104, second, f * 104, 104);
        }
        double[] chunked = new double[partials.length];
        twin.accumulate(first, 104, 104, size, chunked, ps, true);
        twin.accumulate(second, 104, 104, size, chunked, ps, false);
        for (int r = 0; r < size; r++) {
            for (int s = r; s < size; s++) {
                for (int j = 0; j < PARTIALS; j++) {
                    int p = (r * ps + s) * PARTIALS + j;
                    assertEquals(partials[p], chunked[p], 0.0, "entry " + r + "," + s + ", partial " + j);
                }
            }
        }
    }

    /**
     * The twin's columns hold Grad's 13, the second Sonine terms, the degree-4 stress and the harmonic cubics of
     * c = √m v, function f of particle q at f·stride + q: checked against the polynomials written out here (1e-12
     * relative: another order of operations).
     */
    @Test
    void scalarTwinWritesGradsThirteenTheSonineTermsTheDegreeFourStressAndTheCubicsAsColumns() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9L);
        int count = 13, stride = 16, first = 2, f = GramKernel.VELOCITY_FUNCTIONS;
        double[] vx = columns(rng, 1, count + first, count + first), vy = columns(rng, 1, count + first, count + first);
        double[] vz = columns(rng, 1, count + first, count + first), out = new double[f * stride];
        new ScalarGramKernel().velocityColumns(vx, vy, vz, first, count, 2.0, f, out, stride);
        for (int q = 0; q < count; q++) {
            double x = 2 * vx[first + q], y = 2 * vy[first + q], z = 2 * vz[first + q];
            double r2 = x * x + y * y + z * z, r4 = r2 * r2;
            double[] expected = {1, x, y, z, r2 - 3, x * r2 - 5 * x, y * r2 - 5 * y, z * r2 - 5 * z, x * y, x * z,
                    y * z, 2 * x * x - y * y - z * z, y * y - z * z, x * r4 - 14 * x * r2 + 35 * x,
                    y * r4 - 14 * y * r2 + 35 * y, z * r4 - 14 * z * r2 + 35 * z, r4 - 10 * r2 + 15,
                    x * y * r2 - 7 * x * y, x * z * r2 - 7 * x * z, y * z * r2 - 7 * y * z,
                    (2 * x * x - y * y - z * z) * r2 - 7 * (2 * x * x - y * y - z * z), (y * y - z * z) * r2 - 7 * (y * y - z * z),
                    x * x * x - 3 * x * y * y, 3 * x * x * y - y * y * y, x * x * z - y * y * z, x * y * z,
                    4 * x * z * z - x * x * x - x * y * y, 4 * y * z * z - x * x * y - y * y * y,
                    2 * z * z * z - 3 * x * x * z - 3 * y * y * z};
            assertEquals(f, expected.length, "the written-out polynomials cover the basis");
            for (int k = 0; k < f; k++) {
                assertEquals(expected[k], out[k * stride + q], 1e-12 * (1 + r4 * (1 + Math.sqrt(r2))),
                        "function " + k + " of particle " + q);
            }
        }
    }

    @Test
    void scalarTwinCombinesTheBasisValuesIntoTheSmoothedWeights() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int functions = 22, count = 37, stride = 40;
        double[] c = columns(rng, functions, count, stride), a = new double[functions];
        for (int f = 0; f < functions; f++) {
            a[f] = rng.nextDouble() - 0.5;
        }
        double[] out = new double[count + 3];
        new ScalarGramKernel().combine(c, stride, count, a, functions, out, 3);
        for (int q = 0; q < count; q++) {
            double sum = 0, magnitude = 0;
            for (int f = 0; f < functions; f++) {
                sum += a[f] * c[f * stride + q];
                magnitude += Math.abs(a[f] * c[f * stride + q]);
            }
            assertEquals(sum, out[3 + q], 1e-14 * magnitude, "row " + q);
        }
        assertEquals(0.0, out[0], 0.0, "nothing written before the offset");
    }

    @TestFactory
    Stream<DynamicTest> vectorKernelAtEveryWidthGivesTheTwinsBitsOnEveryUsedEntryAndWeight() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        GramKernel scalar = new ScalarGramKernel();
        return KernelWidths.build(VectorKernels::gram, 128).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            GramKernel kernel = w.kernelOrSkip();
            assertEquals("vector-" + w.bits(), kernel.name());
            for (int size = 0; size <= 36; size++) {
                for (int count : new int[] {0, 1, 7, 8, 9, 31, 33, 64, 101}) {
                    int rows = (count + PARTIALS - 1) / PARTIALS * PARTIALS, stride = rows + 8, ps = tiles(size) + 4;
                    double[] c = columns(rng, tiles(size), count, stride);
                    for (boolean start : new boolean[] {true, false}) {
                        double[] a = columns(rng, 1, ps * ps * PARTIALS, ps * ps * PARTIALS), b = a.clone();
                        scalar.accumulate(c, stride, rows, size, a, ps, start);
                        kernel.accumulate(c, stride, rows, size, b, ps, start);
                        for (int r = 0; r < size; r++) {
                            for (int s = r; s < size; s++) {
                                for (int j = 0; j < PARTIALS; j++) {
                                    int p = (r * ps + s) * PARTIALS + j;
                                    assertEquals(Double.doubleToRawLongBits(a[p]), Double.doubleToRawLongBits(b[p]),
                                            kernel.name() + ": size " + size + ", count " + count + ", start " + start
                                            + ", entry " + r + "," + s + ", partial " + j);
                                }
                            }
                        }
                    }
                    double[] vx = columns(rng, 1, count + 3, count + 3), vy = columns(rng, 1, count + 3, count + 3);
                    double[] vz = columns(rng, 1, count + 3, count + 3);
                    for (int functions : new int[] {GramKernel.SONINE_FUNCTIONS, GramKernel.VELOCITY_FUNCTIONS}) {
                        // NaN beyond the requested functions stays NaN: a kernel writes those functions only
                        double[] basisA = new double[GramKernel.VELOCITY_FUNCTIONS * stride];
                        java.util.Arrays.fill(basisA, Double.NaN);
                        double[] basisB = basisA.clone();
                        scalar.velocityColumns(vx, vy, vz, 3, count, 1.7, functions, basisA, stride);
                        kernel.velocityColumns(vx, vy, vz, 3, count, 1.7, functions, basisB, stride);
                        for (int i = 0; i < basisA.length; i++) {
                            assertEquals(Double.doubleToRawLongBits(basisA[i]), Double.doubleToRawLongBits(basisB[i]),
                                    kernel.name() + ": count " + count + ", " + functions + " functions, basis value " + i);
                            if (i >= functions * stride) {
                                assertTrue(Double.isNaN(basisB[i]), kernel.name() + ": wrote beyond its functions at " + i);
                            }
                        }
                    }
                    double[] coefficient = columns(rng, 1, size, size);
                    double[] x = new double[count + 2], y = new double[count + 2];
                    scalar.combine(c, stride, count, coefficient, size, x, 2);
                    kernel.combine(c, stride, count, coefficient, size, y, 2);
                    for (int q = 0; q < x.length; q++) {
                        assertEquals(Double.doubleToRawLongBits(x[q]), Double.doubleToRawLongBits(y[q]),
                                kernel.name() + ": size " + size + ", count " + count + ", weight " + q);
                    }
                }
            }
        }));
    }
}
