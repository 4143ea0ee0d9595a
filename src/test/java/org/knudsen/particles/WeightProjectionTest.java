package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The smoothing of importance weights is a projection: what lies in its span comes back unchanged. */
class WeightProjectionTest {
    private static final int N = 2000;

    /**
     * A weight field that varies linearly with the position inside the cell (as μ/f of a perturbation does), times
     * 1, c and |c|² − 3, lies in the span of the position functions and is reproduced to rounding; the velocity-only
     * basis cannot represent it and leaves an error of the size of the variation.
     */
    @Test
    void weightsLinearInThePositionWithinTheCellAreKeptByThePositionBasisOnly() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] vx = new double[N], vy = new double[N], vz = new double[N], w = new double[N];
        float[] x = new float[N], y = new float[N], z = new float[N];
        double centre = 0.3, width = 0.05;
        for (int p = 0; p < N; p++) {
            vx[p] = gauss.sample();
            vy[p] = gauss.sample();
            vz[p] = gauss.sample();
            x[p] = (float) (centre + (rng.nextDouble() - 0.5) * width);
            y[p] = (float) rng.nextDouble();
            z[p] = (float) rng.nextDouble();
        }
        double[] frame = {centre, 0.5, 0.5, 1 / width, 1, 1};
        float[][] position = {x, y, z};
        double[] expected = new double[N];
        for (int p = 0; p < N; p++) {
            double xi = (x[p] - centre) / width;
            double c2 = vx[p] * vx[p] + vy[p] * vy[p] + vz[p] * vz[p];
            expected[p] = 1 + 0.04 * xi + 0.03 * xi * vx[p] - 0.02 * xi * (c2 - 3) + 0.01 * vx[p];
        }
        double mass = 0; // the shadow mass the projection keeps
        for (double e : expected) {
            mass += e;
        }
        System.arraycopy(expected, 0, w, 0, N);
        new WeightProjection(new int[] {0}).project(w, vx, vy, vz, 1.0, position, frame, null, 0, N, mass);
        for (int p = 0; p < N; p++) {
            assertEquals(expected[p], w[p], 1e-12, "particle " + p);
        }
        System.arraycopy(expected, 0, w, 0, N);
        new WeightProjection().project(w, vx, vy, vz, 1.0, null, null, null, 0, N, mass);
        double worst = 0;
        for (int p = 0; p < N; p++) {
            worst = Math.max(worst, Math.abs(expected[p] - w[p]));
        }
        assertTrue(worst > 0.01, "the velocity-only basis cannot hold the position variation: " + worst);
    }
}
