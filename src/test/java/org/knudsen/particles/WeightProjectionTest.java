package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.knudsen.GaussRules;
import org.knudsen.simd.GramKernel;

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
        new WeightProjection(new int[] {0}, WeightProjection.VELOCITY_BASIS).project(w, vx, vy, vz, 1.0, position, frame, null, 0, N, mass);
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

    /**
     * The 29 velocity functions are orthogonal under the unit Maxwellian (a tensor Gauss–Hermite rule with 8 nodes
     * per axis, exact for the products, of degree ≤ 10): so the projection of a weight field near 1 is its
     * Hermite–Sonine expansion in those functions. A wrong coefficient in S₂ (14 → 13) breaks orthogonality to c, a
     * wrong one in the degree-4 stress (7 → 6) to the stress, in a cubic (3 → 2) to c (both measured).
     */
    @Test
    void theVelocityBasisIsOrthogonalUnderTheUnitMaxwellian() {
        int n = 8, size = WeightProjection.VELOCITY_BASIS;
        double[][] rule = GaussRules.hermite(n);
        double[] phi = new double[32];
        double[][] gram = new double[size][size];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < n; c++) {
                    double weight = rule[1][a] * rule[1][b] * rule[1][c];
                    GramKernel.velocityBasis(rule[0][a], rule[0][b], rule[0][c], WeightProjection.VELOCITY_BASIS, phi,
                            0, 1);
                    for (int k = 0; k < size; k++) {
                        for (int l = 0; l < size; l++) {
                            gram[k][l] += weight * phi[k] * phi[l];
                        }
                    }
                }
            }
        }
        for (int k = 0; k < size; k++) {
            assertTrue(gram[k][k] > 0.5, "norm of function " + k + ": " + gram[k][k]);
            for (int l = 0; l < k; l++) {
                assertEquals(0, gram[k][l] / Math.sqrt(gram[k][k] * gram[l][l]), 1e-12, "functions " + k + ", " + l);
            }
        }
        assertEquals(120, gram[16][16], 1e-9, "∫ (|c|⁴ − 10|c|² + 15)² μ = 8 · 15");
    }

    /**
     * A weight field with the degree-4 stress c_x c_y (|c|² − 7) and the cubic c_x c_y c_z is kept by the full velocity
     * basis; the sonine span (17 functions) cannot hold it, nor can the fallback to those 17 below 5 particles per
     * function of the full basis.
     */
    @Test
    void weightsWithTheDegreeFourStressAndACubicAreKeptByTheVelocityBasisOnly() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
        for (int n : new int[] {1500, 5 * WeightProjection.VELOCITY_BASIS - 1}) {
            double[][] v = unitMaxwellian(rng, n);
            double[] vx = v[0], vy = v[1], vz = v[2], expected = new double[n];
            double mass = 0;
            for (int p = 0; p < n; p++) {
                double c2 = vx[p] * vx[p] + vy[p] * vy[p] + vz[p] * vz[p];
                expected[p] = 1 + 0.01 * vx[p] + 0.003 * vx[p] * vy[p] * (c2 - 7) + 0.002 * vx[p] * vy[p] * vz[p];
                mass += expected[p];
            }
            double[] w = expected.clone();
            new WeightProjection().project(w, vx, vy, vz, 1.0, null, 0, n, mass);
            double worst = 0;
            for (int p = 0; p < n; p++) {
                worst = Math.max(worst, Math.abs(expected[p] - w[p]));
            }
            if (n >= 5 * WeightProjection.VELOCITY_BASIS) {
                assertEquals(0, worst, 1e-11, n + " particles");
                double[] sonine = expected.clone();
                new WeightProjection(new int[0], WeightProjection.SONINE).project(sonine, vx, vy, vz, 1.0, null, 0, n,
                        mass);
                double off = 0;
                for (int p = 0; p < n; p++) {
                    off = Math.max(off, Math.abs(expected[p] - sonine[p]));
                }
                assertTrue(off > 1e-3, "the sonine span (17 functions) holds the field to " + off);
            } else {
                assertTrue(worst > 1e-3, n + " particles: the 17 functions hold the field to " + worst);
            }
        }
    }

    /**
     * A weight field with the second Sonine terms of the diffusive and thermal parts is kept, also by particles beyond
     * the cached basis rows; Grad's 13 (the fallback below 5 particles per function of the 17) cannot hold it, and what it gives is
     * the least-squares fit: the shadow mass and the 12 other weighted moments of Grad's basis are those of the field.
     */
    @Test
    void weightsWithTheSecondSonineTermsAreKeptByTheVelocityBasisAndFittedByGrads13() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        int n = WeightProjection.CACHED_ROWS + 1000;
        double[][] v = unitMaxwellian(rng, n);
        double[] vx = v[0], vy = v[1], vz = v[2], expected = new double[n];
        double mass = 0;
        for (int p = 0; p < n; p++) {
            double c2 = vx[p] * vx[p] + vy[p] * vy[p] + vz[p] * vz[p];
            expected[p] = 1 + 0.01 * vx[p] + 0.002 * vx[p] * (c2 * c2 - 14 * c2 + 35) - 0.003 * (c2 * c2 - 10 * c2 + 15);
            mass += expected[p];
        }
        double[] w = expected.clone();
        new WeightProjection().project(w, vx, vy, vz, 1.0, null, 0, n, mass);
        for (int p = 0; p < n; p++) {
            assertEquals(expected[p], w[p], 1e-11, "particle " + p);
        }
        int few = 5 * WeightProjection.SONINE - 1;
        double fewMass = 0;
        for (int p = 0; p < few; p++) {
            fewMass += expected[p];
        }
        System.arraycopy(expected, 0, w, 0, few);
        new WeightProjection().project(w, vx, vy, vz, 1.0, null, 0, few, fewMass);
        double worst = 0;
        double[] phi = new double[32];
        double[] fitted = new double[13], field = new double[13];
        for (int p = 0; p < few; p++) {
            worst = Math.max(worst, Math.abs(expected[p] - w[p]));
            GramKernel.velocityBasis(vx[p], vy[p], vz[p], WeightProjection.VELOCITY_BASIS, phi, 0, 1);
            for (int k = 0; k < 13; k++) {
                fitted[k] += w[p] * phi[k];
                field[k] += expected[p] * phi[k];
            }
        }
        assertTrue(worst > 0.01, "Grad's 13 cannot hold the S₂ terms: " + worst);
        for (int k = 0; k < 13; k++) {
            assertEquals(field[k], fitted[k], 1e-10 * few, "weighted moment " + k + " of the 13-function fit");
        }
    }

    /**
     * A group larger than the kept rows (so taken in chunks), with position functions along three axes, reached
     * through an index list in reverse order, gives the bits of the same particles in store order: the weights depend
     * on the particles and their order, not on how they are reached; the scratch stays within its documented bound.
     */
    @Test
    void anIndexedGroupInChunksGivesTheWeightsOfTheSameParticlesInStoreOrder() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 2 * WeightProjection.CACHED_ROWS + 301;
        double[] vx = new double[n], vy = new double[n], vz = new double[n], w = new double[n];
        float[] x = new float[n], y = new float[n], z = new float[n];
        for (int p = 0; p < n; p++) {
            vx[p] = gauss.sample();
            vy[p] = gauss.sample();
            vz[p] = gauss.sample();
            x[p] = (float) rng.nextDouble();
            y[p] = (float) rng.nextDouble();
            z[p] = (float) rng.nextDouble();
            w[p] = 1 + 0.05 * (rng.nextDouble() - 0.5) + 0.02 * vx[p] * (x[p] - 0.5);
        }
        double[] frame = {0.5, 0.5, 0.5, 1, 1, 1};
        double mass = 0;
        for (double wp : w) {
            mass += wp;
        }
        // store order reversed: index[q] = n - 1 - q, and the arrays reversed so that the q-th particle is the same
        double[] rx = new double[n], ry = new double[n], rz = new double[n], rw = new double[n];
        float[] sx = new float[n], sy = new float[n], sz = new float[n];
        int[] index = new int[n];
        for (int q = 0; q < n; q++) {
            int p = n - 1 - q;
            index[q] = p;
            rx[p] = vx[q];
            ry[p] = vy[q];
            rz[p] = vz[q];
            rw[p] = w[q];
            sx[p] = x[q];
            sy[p] = y[q];
            sz[p] = z[q];
        }
        int[] axes = {0, 1, 2};
        int functions = WeightProjection.MAX_BASIS;
        double[] before = weightedMoments(w, vx, vy, vz, x, y, z, functions);
        WeightProjection direct = new WeightProjection(axes, WeightProjection.VELOCITY_BASIS);
        WeightProjection indexed = new WeightProjection(axes, WeightProjection.VELOCITY_BASIS);
        direct.project(w, vx, vy, vz, 1.0, new float[][] {x, y, z}, frame, null, 0, n, mass);
        indexed.project(rw, rx, ry, rz, 1.0, new float[][] {sx, sy, sz}, frame, index, 0, n, mass);
        for (int q = 0; q < n; q++) {
            assertEquals(w[q], rw[n - 1 - q], 0.0, "particle " + q);
        }
        assertTrue(Math.abs(w[0] - 1) > 1e-6, "the weights were smoothed, not left alone");
        double[] after = weightedMoments(w, vx, vy, vz, x, y, z, functions); // a projection keeps them all
        for (int k = 0; k < functions; k++) {
            assertEquals(before[k], after[k], 1e-10 * n, "weighted moment " + k + " of the chunked projection");
        }
        assertEquals(0, WeightProjection.CACHED_ROWS % GramKernel.PARTIALS, "a chunk keeps each row's partial");
        assertTrue(indexed.scratchBytes() <= WeightProjection.MAX_SCRATCH_BYTES,
                indexed.scratchBytes() + " bytes of scratch > " + WeightProjection.MAX_SCRATCH_BYTES);
    }

    /** Σ_p w_p φ_k(c_p, ξ_p) over the velocity functions and ξ_a (1, c, |c|² − 3) for a = x, y, z (frame: [0, 1)). */
    private static double[] weightedMoments(double[] w, double[] vx, double[] vy, double[] vz, float[] x, float[] y,
                                            float[] z, int functions) {
        double[] sums = new double[functions], phi = new double[functions];
        for (int p = 0; p < w.length; p++) {
            GramKernel.velocityBasis(vx[p], vy[p], vz[p], WeightProjection.VELOCITY_BASIS, phi, 0, 1);
            double[] xi = {x[p] - 0.5, y[p] - 0.5, z[p] - 0.5};
            for (int a = 0; a < 3; a++) {
                for (int j = 0; j < WeightProjection.PER_AXIS; j++) {
                    phi[WeightProjection.VELOCITY_BASIS + WeightProjection.PER_AXIS * a + j] = xi[a] * phi[j];
                }
            }
            for (int k = 0; k < functions; k++) {
                sums[k] += w[p] * phi[k];
            }
        }
        return sums;
    }

    /** n velocities (vx, vy, vz columns) from the unit Maxwellian. */
    private static double[][] unitMaxwellian(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] v = new double[3][n];
        for (int p = 0; p < n; p++) {
            v[0][p] = gauss.sample();
            v[1][p] = gauss.sample();
            v[2][p] = gauss.sample();
        }
        return v;
    }
}
