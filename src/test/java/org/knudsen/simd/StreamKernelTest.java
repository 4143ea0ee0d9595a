package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The stream kernel: the Vector-API kernel at every width this CPU offers against the scalar twin (bit-identical
 * positions and keys on range sizes 0…4096 with every remainder modulo every lane count, {@link KernelWidths#sizes}), and the chosen
 * kernel against the definition (translation modulo the box, cell of the new position).
 */
class StreamKernelTest {
    private static final double[] L = {1.0, 0.3, 2.7};
    private static final int[] CELLS = {13, 7, 5};
    private static final int MAX_SIZE = KernelWidths.MAX_SIZE;

    /** Particles, their velocities and three species columns (for 1, 3 and 127 species). */
    private static final class Particles {
        final float[][] pos = new float[3][];
        final double[][] vel = new double[3][];
        final byte[][] species = new byte[3][];
        static final int[] SPECIES_COUNTS = {3, 1, 127};

        Particles(long seed, int n) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            for (int a = 0; a < 3; a++) {
                pos[a] = new float[n];
                vel[a] = new double[n];
            }
            for (int s = 0; s < 3; s++) {
                species[s] = new byte[n];
            }
            for (int p = 0; p < n; p++) {
                for (int a = 0; a < 3; a++) {
                    pos[a][p] = PeriodicWrap.stored(rng.nextDouble() * L[a], L[a]);
                    // mostly thermal, some far jumps (several box lengths per step), both signs
                    double scale = p % 17 == 0 ? 40 : 1;
                    vel[a][p] = scale * (2 * rng.nextDouble() - 1);
                }
                species[0][p] = (byte) rng.nextInt(3);
                species[2][p] = (byte) rng.nextInt(127);
            }
            // edge cases, repeated along the arrays so that they fall into vector lanes and tails alike
            for (int p = 0; p + 2 < n; p += 61) {
                pos[0][p] = Math.nextDown(1.0f); // moved up by more than half an ulp: rounds onto L, must become 0
                vel[0][p] = 4e-8 / 0.37;
                pos[0][p + 1] = 0f;
                vel[0][p + 1] = -1e-12 / 0.37; // just below 0: wraps to the float nearest L, which must become 0
                pos[0][p + 2] = Math.nextDown(1.0f); // moved up by less: rounds back below L
                vel[0][p + 2] = 1e-9;
            }
        }

        Particles copy() {
            Particles c = new Particles(0, 0);
            for (int a = 0; a < 3; a++) {
                c.pos[a] = pos[a].clone();
                c.vel[a] = vel[a].clone();
                c.species[a] = species[a].clone();
            }
            return c;
        }

        void stream(StreamKernel kernel, int speciesColumn, int[] key, int from, int to, double factor) {
            kernel.streamAndKey(pos[0], pos[1], pos[2], vel[0], vel[1], vel[2], species[speciesColumn], key, from, to,
                    factor, L[0], L[1], L[2], CELLS[0] / L[0], CELLS[1] / L[1], CELLS[2] / L[2], CELLS[0], CELLS[1],
                    CELLS[2], SPECIES_COUNTS[speciesColumn]);
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorKernelAtEveryWidthAgreesBitForBitWithTheScalarTwin() {
        Particles initial = new Particles(7L, MAX_SIZE + 8);
        StreamKernel scalar = new ScalarStreamKernel();
        return KernelWidths.build(VectorKernels::stream, 256).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            StreamKernel kernel = w.kernelOrSkip();
            assertEquals("vector-" + w.bits(), kernel.name());
            for (int size : KernelWidths.sizes()) {
                int from = size % 7, to = from + size, column = size % 3;
                Particles a = initial.copy(), b = initial.copy();
                int[] ka = new int[MAX_SIZE + 8], kb = new int[MAX_SIZE + 8];
                Arrays.fill(ka, -5);
                Arrays.fill(kb, -5);
                a.stream(scalar, column, ka, from, to, 0.37);
                b.stream(kernel, column, kb, from, to, 0.37);
                String where = kernel.name() + ", particles [" + from + ", " + to + "), "
                        + Particles.SPECIES_COUNTS[column] + " species";
                for (int d = 0; d < 3; d++) {
                    assertArrayEquals(a.pos[d], b.pos[d], where + ", axis " + d); // outside [from, to) untouched too
                }
                assertArrayEquals(ka, kb, where + ", keys");
            }
        }));
    }

    /** Repeated steps: positions produced by the kernel (edges included) stream on identically. */
    @TestFactory
    Stream<DynamicTest> vectorKernelAtEveryWidthAgreesOverRepeatedSteps() {
        Particles initial = new Particles(9L, 3001);
        return KernelWidths.build(VectorKernels::stream, 256).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            StreamKernel kernel = w.kernelOrSkip();
            Particles a = initial.copy(), b = initial.copy();
            int[] ka = new int[3001], kb = new int[3001];
            for (int step = 0; step < 5; step++) {
                a.stream(new ScalarStreamKernel(), 0, ka, 0, 3001, 0.37);
                b.stream(kernel, 0, kb, 0, 3001, 0.37);
                for (int d = 0; d < 3; d++) {
                    assertArrayEquals(a.pos[d], b.pos[d], "step " + step + ", axis " + d);
                }
                assertArrayEquals(ka, kb, "step " + step + ", keys");
            }
        }));
    }

    /**
     * Free streaming is x + v·factor modulo the box, to the float precision of a stored position (half an
     * ulp of L), every position stays in [0, L), and the key is the (cell, species) group of the new position;
     * for the scalar twin and the kernel this JVM chose.
     */
    @Test
    void streamingIsTranslationModuloTheBoxToFloatPrecision() {
        for (StreamKernel kernel : new StreamKernel[] {new ScalarStreamKernel(), VectorizationProvider.get().streamKernel()}) {
            Particles particles = new Particles(11L, 2000);
            double factor = 0.37;
            float[][] before = {particles.pos[0].clone(), particles.pos[1].clone(), particles.pos[2].clone()};
            int[] key = new int[2000];
            particles.stream(kernel, 0, key, 0, 2000, factor);
            for (int p = 0; p < 2000; p++) {
                int[] k = new int[3];
                for (int d = 0; d < 3; d++) {
                    float after = particles.pos[d][p];
                    double exact = before[d][p] + particles.vel[d][p] * factor;
                    double diff = after - exact;
                    diff -= L[d] * Math.rint(diff / L[d]); // periodic distance
                    assertTrue(Math.abs(diff) <= Math.ulp((float) L[d]) * 0.5 + 1e-15 * Math.abs(exact),
                            kernel.name() + ": particle " + p + " axis " + d + ": off by " + diff);
                    assertTrue(after >= 0 && after < L[d], "inside the box");
                    k[d] = Math.min((int) (after * (CELLS[d] / L[d])), CELLS[d] - 1);
                }
                int cell = (k[2] * CELLS[1] + k[1]) * CELLS[0] + k[0];
                assertEquals(cell * 3 + particles.species[0][p], key[p], kernel.name() + ": key of particle " + p);
            }
        }
    }

    /** The wrap of one coordinate on the edge cases that the kernels' fix-ups exist for. */
    @Test
    void periodicWrapEdgeCases() {
        assertEquals(0f, PeriodicWrap.step(-1e-12, 1.0, 1.0), "just below 0 rounds to L, which is 0");
        assertEquals(0f, PeriodicWrap.step(Math.nextDown(1.0f) + 4e-8, 1.0, 1.0), "rounds onto L, which is 0");
        assertEquals(Math.nextDown(1.0f), PeriodicWrap.step(Math.nextDown(1.0f) + 1e-9, 1.0, 1.0), "rounds back");
        assertEquals(0.25f, PeriodicWrap.step(3.25, 1.0, 1.0));
        assertEquals(0.75f, PeriodicWrap.step(-3.25, 1.0, 1.0));
        assertEquals(0f, PeriodicWrap.stored(1.0, 1.0));
    }
}
