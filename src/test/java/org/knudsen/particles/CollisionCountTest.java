package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Maxwellian;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * PHYSICS.md §3: at equilibrium the NTC collider produces ν_ij/ε² i–j collision events per unit volume and
 * time, with the ½ for like pairs. The sample is kept exactly at equilibrium by redrawing all velocities
 * from the Maxwellians every step. SE from 40 batch means (measured, not assumed Poisson); the test also
 * checks that the batch SE is at most Poisson-like (√count). With N_i fixed, like pairs carry the exact
 * finite-N factor (N_i − 1)/N_i (½N_i(N_i − 1) pairs).
 */
class CollisionCountTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void equilibriumCollisionCountsPerPairMatchNuIjOverEpsilonSquared(double gamma) {
        countAndCompare(gamma, false);
    }

    /**
     * No under-count when the majorant is too low: B_max is forced every step to C·(0.6 ⟨|g|⟩)^γ, below the
     * B̄ of most candidates, so most collisions go through the repeated-event path; the counts still match ν_ij.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0})
    void tooLowMajorantStillGivesTheEquilibriumCollisionCounts(double gamma) {
        countAndCompare(gamma, true);
    }

    /**
     * Unequal weights (docs/weights.md): candidates use W_max, so the simulated events of pair (i, j) times W_min
     * are the real events, n_i n_j E[B̄] V Δt/ε² = ν_ij V Δt/ε². Using W_min instead of W_max in the candidate count
     * (or counting real events as W_max × simulated) fails this.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void unequalWeightsGiveTheRealCollisionRatesThroughWMin(double gamma) {
        Mixture mixture = Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.3).species("C", 40, 0.2)
                .defaultKernel(new CollisionKernel(1.0, gamma, AngularLaw.isotropic())).build();
        double eps = 0.7, volume = 2.0, dt = 0.05;
        double[] weights = {1e-3, 3e-3, 0.5e-3};
        int[] particles = new int[3];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L + (long) gamma);
        ParticleStore store = new ParticleStore(3, 3000, weights);
        int[] first = new int[3];
        for (int i = 0; i < 3; i++) {
            particles[i] = (int) Math.round(mixture.concentration(i) * volume / weights[i]);
            first[i] = store.append(i, particles[i]);
        }
        Maxwellian maxwellian = new Maxwellian(rng);
        CellCollider collider = new CellCollider(mixture, store.weights(), 1);
        int batches = 40, stepsPerBatch = 40;
        double[][] perBatch = new double[6][batches];
        long[] previous = new long[6];
        for (int b = 0; b < batches; b++) {
            for (int s = 0; s < stepsPerBatch; s++) {
                for (int i = 0; i < 3; i++) { // redraw: keep the sample exactly at equilibrium
                    maxwellian.fill(mixture.mass(i), 1, 0, 0, 0, store.vx(), store.vy(), store.vz(), first[i],
                            first[i] + particles[i]);
                }
                collider.collide(store, 0, 0, store.size(), volume, dt, eps, rng);
            }
            for (int i = 0, q = 0; i < 3; i++) {
                for (int j = i; j < 3; j++, q++) {
                    long c = collider.collisions(i, j);
                    perBatch[q][b] = (c - previous[q]) * Math.min(weights[i], weights[j]);
                    previous[q] = c;
                }
            }
        }
        for (int i = 0, q = 0; i < 3; i++) {
            for (int j = i; j < 3; j++, q++) {
                double nu = TransportCoefficients.collisionFrequency(mixture, i, j, mixture.concentration(i),
                        mixture.concentration(j)) / (eps * eps);
                double finiteN = i == j ? (particles[i] - 1.0) / particles[i] : 1.0;
                double expectedPerBatch = finiteN * nu * volume * stepsPerBatch * dt;
                double mean = Stats.mean(perBatch[q]);
                // false-failure probability: 6 pair counts per γ at 4 SE with the SE from 40 batch means (Student t,
                // 39 dof), P(|t_39| > 4) = 2.7e-4 each, <= 3.3e-3 over γ = 0 and 1 (union bound); seed 77 + γ fixed,
                // so the outcome is deterministic; the probability is over the choice of seed (docs/testing.md)
                assertEquals(expectedPerBatch, mean, 4 * Stats.standardError(perBatch[q]),
                        "real events of pair " + i + j + ", gamma " + gamma + ": ratio " + mean / expectedPerBatch);
            }
        }
    }

    private static void countAndCompare(double gamma, boolean lowMajorant) {
        AngularLaw vss = AngularLaw.vss(1.5);
        Mixture mixture = Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.3).species("C", 40, 0.2)
                .defaultKernel(new CollisionKernel(1.0, gamma, vss))
                .pairKernel("A", "C", new CollisionKernel(1.7, gamma, vss))
                .pairKernel("B", "B", new CollisionKernel(0.6, gamma, vss)).build();
        double eps = 0.7, volume = 2.0, dt = 0.05;
        int[] particles = {1000, 600, 400}; // equal weights W = c_i V / N_i = 1e-3
        double w = 1e-3;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1234L + (long) (gamma * 10));
        ParticleStore store = new ParticleStore(3, 2000, new double[] {w, w, w});
        int[] first = new int[3];
        for (int i = 0; i < 3; i++) {
            first[i] = store.append(i, particles[i]);
        }
        Maxwellian maxwellian = new Maxwellian(rng);
        CellCollider collider = new CellCollider(mixture, store.weights(), 1);
        int batches = 40, stepsPerBatch = 60;
        double[][] perBatch = new double[6][batches];
        long[] previous = new long[6];
        for (int b = 0; b < batches; b++) {
            for (int s = 0; s < stepsPerBatch; s++) {
                for (int i = 0; i < 3; i++) {
                    maxwellian.fill(mixture.mass(i), 1, 0, 0, 0, store.vx(), store.vy(), store.vz(), first[i],
                            first[i] + particles[i]);
                }
                if (lowMajorant) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = i; j < 3; j++) {
                            double meanSpeed = TransportCoefficients.meanRelativeSpeedPower(1.0, mixture.reducedMass(i, j));
                            collider.setMajorant(0, i, j,
                                    mixture.kernel(i, j).strength() * Math.pow(0.6 * meanSpeed, gamma));
                        }
                    }
                }
                collider.collide(store, 0, 0, store.size(), volume, dt, eps, rng);
            }
            int q = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = i; j < 3; j++, q++) {
                    long c = collider.collisions(i, j);
                    perBatch[q][b] = c - previous[q];
                    previous[q] = c;
                }
            }
        }
        int q = 0;
        StringBuilder report = new StringBuilder("gamma=" + gamma + (lowMajorant ? " (low majorant)" : ""));
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++, q++) {
                double nu = TransportCoefficients.collisionFrequency(mixture, i, j, mixture.concentration(i),
                        mixture.concentration(j)) / (eps * eps);
                // fixed N_i: a like pair has ½N_i(N_i − 1) partners, not ½N_i², so ν_ii carries (N_i − 1)/N_i
                double finiteN = i == j ? (particles[i] - 1.0) / particles[i] : 1.0;
                double expectedPerBatch = finiteN * nu * volume * stepsPerBatch * dt / w;
                double mean = Stats.mean(perBatch[q]);
                double se = Stats.standardError(perBatch[q]);
                double poisson = Math.sqrt(mean / batches);
                report.append(String.format(" | %d%d: ratio=%.4f±%.4f (batchSE/poissonSE=%.2f)", i, j,
                        mean / expectedPerBatch, se / expectedPerBatch, se / poisson));
                // false-failure probability: per call 6 pair counts at 4 SE with the SE from 40 batch means (Student
                // t, 39 dof), P(|t_39| > 4) = 2.7e-4 each; the batch-SE/Poisson-SE ratio of each pair is a χ²_39
                // statistic: "< 1.6" fails with < 1e-6, "> 0.4" (γ > 0, NTC majorant) with 1.7e-5..1.3e-4 per pair at
                // γ = 0.5 and < 3e-7 at γ = 1 (true ratios 0.66..0.71 and 0.82..0.87, pooled over 25 other seeds). In
                // all: equilibriumCollisionCounts... (γ = 0, 0.5, 1) 18 counts + 12 lower and 18 upper ratio checks
                // <= 5.3e-3, tooLowMajorant... (γ = 0.5, 1) 12 counts + 12 upper ratio checks <= 3.3e-3 (union
                // bounds); seed 1234 + 10γ fixed, so the outcome is deterministic; the probability is over the choice
                // of seed (docs/testing.md)
                assertEquals(expectedPerBatch, mean, 4 * se, "pair " + i + j + " gamma " + gamma + ": " + report);
                // γ > 0: binomial thinning of an almost fixed candidate number, so at most Poisson-like;
                // γ = 0: every candidate collides and the count is fixed up to the Bernoulli remainder
                assertTrue(se / poisson < 1.6, report.toString());
                assertTrue(gamma == 0 || lowMajorant || se / poisson > 0.4, report.toString());
            }
        }
        System.out.println(report);
    }
}
