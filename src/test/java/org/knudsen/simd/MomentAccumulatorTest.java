package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.knudsen.physics.HermiteBasis;
import org.knudsen.physics.Maxwellian;

/**
 * The moment kernel: the scalar twin against the Hermite basis evaluated directly, and the Vector-API kernel at
 * every width this CPU offers against the twin on group sizes 0…4096 with every remainder modulo every lane
 * count ({@link KernelWidths#sizes}), within 1e-12 of Σ|term| of each slot.
 */
class MomentAccumulatorTest {
    private static final int MAX_SIZE = KernelWidths.MAX_SIZE;
    private static final double SQRT_MASS = 2.0;

    private static double[][] randomVelocities(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Maxwellian maxwellian = new Maxwellian(rng);
        double[][] v = new double[3][n];
        maxwellian.fill(4.0, 1.3, 0.2, -0.1, 0.05, v[0], v[1], v[2], 0, n);
        return v;
    }

    /** Per particle p, the 41 terms of the slots (He_α, He_α², (|w|² − 3)²), as the definition gives them. */
    private static double[][] terms(double[][] v, double sqrtMass) {
        int n = v[0].length;
        double[][] t = new double[n][MomentAccumulator.SLOTS];
        for (int p = 0; p < n; p++) {
            double wx = sqrtMass * v[0][p], wy = sqrtMass * v[1][p], wz = sqrtMass * v[2][p];
            for (int a = 0; a < HermiteBasis.SIZE; a++) {
                double h = HermiteBasis.heProduct(a, wx, wy, wz);
                t[p][MomentAccumulator.SUM + a] = h;
                t[p][MomentAccumulator.SUM_SQUARES + a] = h * h;
            }
            double e = wx * wx + wy * wy + wz * wz - 3;
            t[p][MomentAccumulator.ENERGY_SQUARES] = e * e;
        }
        return t;
    }

    /** Prefix sums of |term| per slot: scale[p][k] = Σ_{q < p} |t[q][k]|. */
    private static double[][] absolutePrefix(double[][] t) {
        double[][] s = new double[t.length + 1][MomentAccumulator.SLOTS];
        for (int p = 0; p < t.length; p++) {
            for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                s[p + 1][k] = s[p][k] + Math.abs(t[p][k]);
            }
        }
        return s;
    }

    @Test
    void scalarTwinAgreesWithTheHermiteBasis() {
        double[][] v = randomVelocities(5000, 7);
        double[][] t = terms(v, SQRT_MASS);
        double[][] scale = absolutePrefix(t);
        int[] sizes = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001, 4000};
        for (int size : sizes) {
            for (int start : new int[] {0, 1, 3, 13}) {
                double[] sums = new double[MomentAccumulator.SLOTS + 3];
                new ScalarMomentAccumulator().accumulate(v[0], v[1], v[2], start, start + size, SQRT_MASS, sums, 3);
                for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                    double direct = 0;
                    for (int p = start; p < start + size; p++) {
                        direct += t[p][k];
                    }
                    double tolerance = 1e-12 * (scale[start + size][k] - scale[start][k]) + 1e-300;
                    assertEquals(direct, sums[3 + k], tolerance, "slot " + k + ", group [" + start + ", " + (start + size) + ")");
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorKernelAtEveryWidthAgreesWithTheScalarTwinOnGroupSizesUpTo4096() {
        double[][] v = randomVelocities(MAX_SIZE + 8, 7);
        double[][] scale = absolutePrefix(terms(v, SQRT_MASS));
        MomentAccumulator scalar = new ScalarMomentAccumulator();
        return KernelWidths.build(VectorKernels::moments, 128).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            MomentAccumulator kernel = w.kernelOrSkip();
            assertEquals("vector-" + w.bits(), kernel.name());
            for (int size : KernelWidths.sizes()) {
                int start = size % 7;
                double[] fromScalar = new double[MomentAccumulator.SLOTS + 3];
                double[] fromVector = new double[MomentAccumulator.SLOTS + 3];
                scalar.accumulate(v[0], v[1], v[2], start, start + size, SQRT_MASS, fromScalar, 3);
                kernel.accumulate(v[0], v[1], v[2], start, start + size, SQRT_MASS, fromVector, 3);
                for (int k = 0; k < 3; k++) {
                    assertEquals(0.0, fromVector[k], 0.0, "accumulator wrote before its offset");
                }
                for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                    double tolerance = 1e-12 * (scale[start + size][k] - scale[start][k]) + 1e-300;
                    assertEquals(fromScalar[3 + k], fromVector[3 + k], tolerance,
                            kernel.name() + " vs scalar, slot " + k + ", group [" + start + ", " + (start + size) + ")");
                }
            }
        }));
    }

    /** Group starts of {@code sizes} laid end to end from {@code first}. */
    private static int[] starts(int first, int[] sizes) {
        int[] starts = new int[sizes.length + 1];
        starts[0] = first;
        for (int g = 0; g < sizes.length; g++) {
            starts[g + 1] = starts[g] + sizes[g];
        }
        return starts;
    }

    private static final double[] SQRT_MASSES = {1.0, 2.0, Math.sqrt(40)};

    /**
     * Across groups (the sorted store's layout: groups of 3 species one after the other), at every width: groups of
     * 0…32 particles (Poisson-like and every size) in runs of every length modulo the lane count are summed bit for
     * bit as the scalar twin sums them.
     */
    @TestFactory
    Stream<DynamicTest> groupsOfUpTo32ParticlesAreSummedExactlyAsTheScalarTwinAtEveryWidth() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        double[][] v = randomVelocities(40 * 200 + 64, 9);
        MomentAccumulator scalar = new ScalarMomentAccumulator();
        return KernelWidths.build(VectorKernels::moments, 128).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            MomentAccumulator kernel = w.kernelOrSkip();
            for (int groups = 0; groups <= 40; groups++) {
                int[] sizes = new int[groups];
                for (int g = 0; g < groups; g++) {
                    sizes[g] = groups % 2 == 0 ? rng.nextInt(MomentAccumulator.EXACT_GROUP_SIZE + 1)
                            : (g * 7 + groups) % (MomentAccumulator.EXACT_GROUP_SIZE + 1);
                }
                int[] starts = starts(groups % 5, sizes);
                for (int first = 0; first <= Math.min(groups, 3); first++) {
                    double[] fromScalar = new double[(groups + 1) * MomentAccumulator.SLOTS];
                    double[] fromVector = new double[(groups + 1) * MomentAccumulator.SLOTS];
                    java.util.Arrays.fill(fromScalar, 0.25);
                    java.util.Arrays.fill(fromVector, 0.25);
                    scalar.storeGroups(v[0], v[1], v[2], starts, first, groups, SQRT_MASSES, fromScalar);
                    kernel.storeGroups(v[0], v[1], v[2], starts, first, groups, SQRT_MASSES, fromVector);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(fromScalar, fromVector,
                            kernel.name() + ", groups [" + first + ", " + groups + ") of sizes "
                                    + java.util.Arrays.toString(sizes));
                }
            }
        }));
    }

    /**
     * Stored group sums replace what the array held (the callers do not zero it): into an array of NaNs, groups of
     * 0…40 particles (small ones, empty ones and ones for the range kernel) give the same bits as into zeros, for the
     * scalar twin and at every width.
     */
    @TestFactory
    Stream<DynamicTest> storedGroupSumsReplaceWhatTheArrayHeld() {
        int[] sizes = {0, 3, 40, 1, 0, 33, 7, 2, 0, 12, 5, 32};
        int[] starts = starts(2, sizes);
        double[][] v = randomVelocities(starts[sizes.length], 21);
        List<KernelWidths.Width<MomentAccumulator>> widths = new java.util.ArrayList<>();
        widths.add(new KernelWidths.Width<>(0, new ScalarMomentAccumulator(), null, null));
        widths.addAll(KernelWidths.build(VectorKernels::moments, 128));
        return widths.stream().map(w -> dynamicTest(w.bits() == 0 ? "scalar" : w.bits() + "-bit", () -> {
            MomentAccumulator kernel = w.kernelOrSkip();
            double[] clean = new double[sizes.length * MomentAccumulator.SLOTS];
            double[] dirty = new double[clean.length];
            java.util.Arrays.fill(dirty, Double.NaN);
            kernel.storeGroups(v[0], v[1], v[2], starts, 0, sizes.length, SQRT_MASSES, clean);
            kernel.storeGroups(v[0], v[1], v[2], starts, 0, sizes.length, SQRT_MASSES, dirty);
            org.junit.jupiter.api.Assertions.assertArrayEquals(clean, dirty, kernel.name());
            assertEquals(40, clean[2 * MomentAccumulator.SLOTS + MomentAccumulator.SUM], 0.0, "count of group 2");
        }));
    }

    /**
     * Across groups with groups of every size 0…4096 ({@link KernelWidths#sizes}, each between two small groups):
     * the vector kernel at every width against the scalar twin within 1e-12 of Σ|term| of each slot, and the scalar
     * twin's groups against its ranges.
     */
    @TestFactory
    Stream<DynamicTest> groupsOfEverySizeUpTo4096AgreeWithTheScalarTwinAtEveryWidth() {
        int[] large = KernelWidths.sizes();
        int[] sizes = new int[3 * large.length];
        for (int i = 0; i < large.length; i++) {
            sizes[3 * i] = i % 4;
            sizes[3 * i + 1] = large[i];
            sizes[3 * i + 2] = (i * 5) % 9;
        }
        int[] starts = starts(1, sizes);
        int n = starts[sizes.length];
        double[][] v = randomVelocities(n, 12);
        double[][] t0 = terms(v, 1.0), t1 = terms(v, 2.0), t2 = terms(v, Math.sqrt(40));
        double[][][] scale = {absolutePrefix(t0), absolutePrefix(t1), absolutePrefix(t2)};
        MomentAccumulator scalar = new ScalarMomentAccumulator();
        double[] fromScalar = new double[sizes.length * MomentAccumulator.SLOTS];
        scalar.storeGroups(v[0], v[1], v[2], starts, 0, sizes.length, SQRT_MASSES, fromScalar);
        for (int g = 0; g < sizes.length; g++) {
            double[] range = new double[MomentAccumulator.SLOTS];
            scalar.accumulate(v[0], v[1], v[2], starts[g], starts[g + 1], SQRT_MASSES[g % 3], range, 0);
            for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                assertEquals(range[k], fromScalar[g * MomentAccumulator.SLOTS + k], 0.0, "scalar group " + g);
            }
        }
        return KernelWidths.build(VectorKernels::moments, 128).stream().map(w -> dynamicTest(w.bits() + "-bit", () -> {
            MomentAccumulator kernel = w.kernelOrSkip();
            double[] fromVector = new double[sizes.length * MomentAccumulator.SLOTS];
            kernel.storeGroups(v[0], v[1], v[2], starts, 0, sizes.length, SQRT_MASSES, fromVector);
            for (int g = 0; g < sizes.length; g++) {
                double[][] s = scale[g % 3];
                for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                    double tolerance = 1e-12 * (s[starts[g + 1]][k] - s[starts[g]][k]) + 1e-300;
                    assertEquals(fromScalar[g * MomentAccumulator.SLOTS + k], fromVector[g * MomentAccumulator.SLOTS + k],
                            tolerance, kernel.name() + ", group " + g + " of " + sizes[g] + ", slot " + k);
                }
            }
        }));
    }

    @Test
    void accumulationAddsToExistingSums() {
        double[][] v = randomVelocities(100, 8);
        for (MomentAccumulator kernel : new MomentAccumulator[] {new ScalarMomentAccumulator(),
                VectorizationProvider.get().momentAccumulator()}) {
            double[] once = new double[MomentAccumulator.SLOTS];
            double[] split = new double[MomentAccumulator.SLOTS];
            kernel.accumulate(v[0], v[1], v[2], 0, 100, 1.5, once, 0);
            kernel.accumulate(v[0], v[1], v[2], 0, 37, 1.5, split, 0);
            kernel.accumulate(v[0], v[1], v[2], 37, 100, 1.5, split, 0);
            for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                assertEquals(once[k], split[k], 1e-11 * Math.max(1, Math.abs(once[k])), kernel.name() + " slot " + k);
            }
        }
    }
}
