package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Gram update of the weights' smoothing ({@link GramKernel}): the vector kernel gives the scalar twin's bits. */
class GramKernelTest {
    private static double[] values(UniformRandomProvider rng, int count, int stride) {
        double[] v = new double[count * stride];
        for (int i = 0; i < v.length; i++) {
            v[i] = 6 * rng.nextDouble() - 3; // basis values of the size a smoothing sees
        }
        return v;
    }

    /** The twin is the definition: every entry r ≤ s the block's products added in order onto what it held. */
    @Test
    void scalarTwinAddsTheOuterProductsEntryByEntryInParticleOrder() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int size = 18, stride = 32, count = 16;
        double[] v = values(rng, count, stride), gram = values(rng, stride, stride), expected = gram.clone();
        new ScalarGramKernel().addOuterProducts(v, count, size, stride, gram);
        for (int r = 0; r < size; r++) {
            for (int s = 0; s < stride; s++) {
                double e = expected[r * stride + s];
                if (s >= r && s < size) {
                    for (int k = 0; k < count; k++) {
                        e += v[k * stride + r] * v[k * stride + s];
                    }
                }
                assertEquals(e, gram[r * stride + s], 0.0, "entry " + r + "," + s);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorKernelAtEveryWidthGivesTheTwinsBitsOnEveryUsedEntry() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        GramKernel scalar = new ScalarGramKernel();
        return KernelWidths.build(VectorKernels::gram, 128).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            GramKernel kernel = w.kernelOrSkip();
            assertEquals("vector-" + w.bits(), kernel.name());
            for (int stride : new int[] {8, 16, 32, 29}) { // 29: not whole vectors, the twin's path
                for (int size = 0; size <= stride; size++) {
                    for (int count : new int[] {0, 1, 3, 16, 17}) {
                        double[] v = values(rng, count, stride), start = values(rng, stride, stride);
                        double[] a = start.clone(), b = start.clone();
                        scalar.addOuterProducts(v, count, size, stride, a);
                        kernel.addOuterProducts(v, count, size, stride, b);
                        for (int r = 0; r < size; r++) {
                            for (int s = r; s < size; s++) {
                                assertEquals(Double.doubleToRawLongBits(a[r * stride + s]),
                                        Double.doubleToRawLongBits(b[r * stride + s]), kernel.name() + ": stride "
                                        + stride + ", size " + size + ", count " + count + ", entry " + r + "," + s);
                            }
                        }
                    }
                }
            }
        }));
    }
}
