package org.knudsen.moments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.HermiteBasis;
import org.knudsen.physics.Maxwellian;

class MomentAccumulatorTest {

    private static double[][] randomVelocities(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Maxwellian maxwellian = new Maxwellian(rng);
        double[][] v = new double[3][n];
        maxwellian.fill(4.0, 1.3, 0.2, -0.1, 0.05, v[0], v[1], v[2], 0, n);
        return v;
    }

    /** Reference sums straight from HermiteBasis.heProduct, plus Σ|He_α| as the scale of each signed sum. */
    private static double[][] directSums(double[][] v, int from, int to, double sqrtMass) {
        double[] s = new double[MomentAccumulator.SLOTS];
        double[] scale = new double[MomentAccumulator.SLOTS];
        for (int p = from; p < to; p++) {
            double wx = sqrtMass * v[0][p], wy = sqrtMass * v[1][p], wz = sqrtMass * v[2][p];
            for (int a = 0; a < HermiteBasis.SIZE; a++) {
                double h = HermiteBasis.heProduct(a, wx, wy, wz);
                s[MomentAccumulator.SUM + a] += h;
                scale[MomentAccumulator.SUM + a] += Math.abs(h);
                s[MomentAccumulator.SUM_SQUARES + a] += h * h;
                scale[MomentAccumulator.SUM_SQUARES + a] += h * h;
            }
            double e = wx * wx + wy * wy + wz * wz - 3;
            s[MomentAccumulator.ENERGY_SQUARES] += e * e;
            scale[MomentAccumulator.ENERGY_SQUARES] += e * e;
        }
        return new double[][] {s, scale};
    }

    @Test
    void vectorAndScalarKernelsAgreeWithTheHermiteBasisOnEveryGroupSize() {
        double[][] v = randomVelocities(5000, 7);
        MomentAccumulator scalar = MomentAccumulators.scalar();
        MomentAccumulator vector = MomentAccumulators.vector();
        int[] sizes = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001, 4000};
        int[] starts = {0, 1, 3, 13};
        double sqrtMass = 2.0;
        for (int size : sizes) {
            for (int start : starts) {
                double[] fromScalar = new double[MomentAccumulator.SLOTS + 3];
                double[] fromVector = new double[MomentAccumulator.SLOTS + 3];
                scalar.accumulate(v[0], v[1], v[2], start, start + size, sqrtMass, fromScalar, 3);
                vector.accumulate(v[0], v[1], v[2], start, start + size, sqrtMass, fromVector, 3);
                double[][] direct = directSums(v, start, start + size, sqrtMass);
                for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                    double tolerance = 1e-12 * direct[1][k] + 1e-300;
                    String where = "slot " + k + ", group [" + start + ", " + (start + size) + ")";
                    assertEquals(direct[0][k], fromScalar[3 + k], tolerance, "scalar " + where);
                    assertEquals(fromScalar[3 + k], fromVector[3 + k], tolerance, "vector vs scalar " + where);
                }
                for (int k = 0; k < 3; k++) {
                    assertEquals(0.0, fromVector[k], 0.0, "accumulator wrote before its offset");
                }
            }
        }
    }

    @Test
    void accumulationAddsToExistingSums() {
        double[][] v = randomVelocities(100, 8);
        for (MomentAccumulator kernel : new MomentAccumulator[] {MomentAccumulators.scalar(), MomentAccumulators.vector()}) {
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

    @Test
    void theVectorKernelIsAvailableUnderTheBuild() {
        assertTrue(MomentAccumulators.best().name().startsWith("vector"), MomentAccumulators.best().name());
    }
}
