package org.knudsen.moments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.FDistribution;
import org.junit.jupiter.api.Test;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Grid;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * Window means of the deviation estimators on an unperturbed equilibrium (docs/averaging.md): the noise-corrected
 * norms of window means are consistent with 0, and the batch-means standard error of a window mean agrees with the
 * spread of the window means over independent replicas (a variance ratio, F-distributed), while the formula for
 * independent steps (one step per batch) does not. The mixture of {@link EquilibriumDeviationTest} (1:4:40, ε = 0.3),
 * whose slowest correlation (the heavy species' momentum relaxation) lasts about 135 steps, so the batches here are
 * 300 steps long.
 */
class WindowDeviationTest {
    private static final Mixture MIXTURE = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3)
            .species("C", 40, 0.3).defaultKernel(new CollisionKernel(1, 1, AngularLaw.isotropic())).build();
    private static final double EPSILON = 0.3;

    private record Setup(Grid grid, LocalMaxwellian maxwellian, double[] weights, double dt) {
        static Setup of(int cells, int perCell) {
            Grid grid = Grid.of(new int[] {cells, 1, 1}, new double[] {1, 1, 1});
            MaxwellStefanSolver fluid = MaxwellStefanSolver.forMixture(MIXTURE, grid, null, EPSILON, List.of(),
                    IntegratorOptions.defaults());
            double w = MIXTURE.totalConcentration() * grid.cellVolume() / perCell;
            return new Setup(grid, new LocalMaxwellian(fluid, new double[] {1, 4, 40}, EPSILON), new double[] {w, w, w},
                    TransportCoefficients.resolvedTimeStep(MIXTURE, EPSILON));
        }
    }

    /** Steps the particles through one window, feeding every state to each window; returns nothing (windows hold it). */
    private static void runWindow(SpatialDsmc dsmc, Setup s, long steps, DeviationWindow... windows) {
        for (DeviationWindow w : windows) {
            w.start(steps);
        }
        for (long j = 1; j <= steps; j++) {
            dsmc.step(s.dt());
            double t = dsmc.steps() * s.dt();
            for (DeviationWindow w : windows) {
                w.add(t, dsmc, s.maxwellian());
            }
        }
    }

    @Test
    void windowMeansOfAnUnperturbedEquilibriumGiveNormsConsistentWithZeroAndSmallerErrors() {
        Setup s = Setup.of(32, 400);
        DeviationMonitor monitor = new DeviationMonitor(MIXTURE, s.grid(), new int[] {1, 0, 0});
        DeviationWindow window = new DeviationWindow(MIXTURE, s.grid(), s.weights(), new int[] {1, 0, 0}, 4);
        try (SpatialDsmc dsmc = new SpatialDsmc(MIXTURE, s.grid(), EPSILON, s.weights(), 2, 99L)) {
            dsmc.initialise(InitialProfile.uniform(MIXTURE.concentrations()));
            for (int k = 0; k < 3; k++) {
                runWindow(dsmc, s, 400, window);
                DeviationWindow.Mean m = window.finish();
                Deviation d = m.deviation();
                Deviation instant = monitor.sample(dsmc.steps() * s.dt(), dsmc, s.maxwellian()).deviation();
                // false-failure probability: 6 comparisons (3 windows × 2 norms) at 4 SE. The norms' z is dominated by
                // the conserved totals (one draw per run, so the windows are strongly correlated): z ≈ (χ²_7 − 7)/√14
                // at worst, P(z > 4) = P(χ²_7 > 22.0) = 2.6e-3, and z cannot reach −4 (z ≥ −7/√14 = −1.9); ≤ 5.2e-3 for
                // the two norms, whatever the windows. Over 3 other seeds (1..3, K = 400 and 2000) every |z| < 1.3.
                // Seed 99 fixed, so the outcome is deterministic; the probability is over the choice of seed
                // (docs/testing.md)
                assertTrue(Math.abs(d.normSquared()) < 4 * d.normSquaredSe(),
                        "window " + k + ": norm² " + d.normSquared() + " ± " + d.normSquaredSe());
                assertTrue(Math.abs(d.fluidNormSquared()) < 4 * d.fluidNormSquaredSe(),
                        "window " + k + ": fluid norm² " + d.fluidNormSquared() + " ± " + d.fluidNormSquaredSe());
                // averaging 400 correlated steps leaves the conserved totals' noise: the norm SE falls, but far less
                // than 400-fold (deterministic for this seed; measured 0.1 to 0.2)
                assertTrue(d.normSquaredSe() < 0.5 * instant.normSquaredSe(),
                        "window SE " + d.normSquaredSe() + " against instant " + instant.normSquaredSe());
            }
        }
    }

    @Test
    void batchMeansStandardErrorOfAWindowMeanMatchesTheReplicaSpread() {
        int replicas = 40, batches = 4;
        long steps = 1200;
        Setup s = Setup.of(16, 100);
        double[][] mean = new double[3][replicas], batchVariance = new double[3][replicas];
        double[][] independentVariance = new double[3][replicas];
        for (int r = 0; r < replicas; r++) {
            DeviationWindow window = new DeviationWindow(MIXTURE, s.grid(), s.weights(), new int[] {1, 0, 0}, batches);
            // the formula for independent steps: one batch per step
            DeviationWindow independent = new DeviationWindow(MIXTURE, s.grid(), s.weights(), new int[] {1, 0, 0},
                    (int) steps);
            try (SpatialDsmc dsmc = new SpatialDsmc(MIXTURE, s.grid(), EPSILON, s.weights(), 1, 5000L + r)) {
                dsmc.initialise(InitialProfile.uniform(MIXTURE.concentrations()));
                runWindow(dsmc, s, steps, window, independent);
            }
            DeviationWindow.Mean m = window.finish(), naive = independent.finish();
            for (int i = 0; i < 3; i++) {
                mean[i][r] = m.modeParticles()[i];
                batchVariance[i][r] = m.modeParticlesSe()[i] * m.modeParticlesSe()[i];
                independentVariance[i][r] = naive.modeParticlesSe()[i] * naive.modeParticlesSe()[i];
            }
        }
        // ratio = (replica variance of the window means) / (mean batch-means variance) ~ F(R − 1, R(B − 1)) when the
        // batch means are independent and normal; two-sided, 1e-3 / 3 per species
        FDistribution f = FDistribution.of(replicas - 1, replicas * (batches - 1));
        double alpha = 1e-3 / 3;
        double low = f.inverseCumulativeProbability(alpha / 2), high = f.inverseSurvivalProbability(alpha / 2);
        for (int i = 0; i < 3; i++) {
            double spread = variance(mean[i]);
            double ratio = spread / average(batchVariance[i]);
            double naiveRatio = spread / average(independentVariance[i]);
            String what = String.format(Locale.ROOT, "species %d: replica variance / batch-means variance = %.3f, "
                    + "allowed [%.3f, %.3f]; for independent steps %.3f", i, ratio, low, high, naiveRatio);
            // false-failure probability: 3 two-sided F(39, 120) checks at 1e-3/3 each, ≤ 1.0e-3 (union bound; exact
            // for normal, independent batch means). Seeds 5000..5039 fixed, so the outcome is deterministic; the
            // probability is over the choice of seeds (docs/testing.md)
            assertTrue(ratio > low && ratio < high, what);
            // power: treating the steps as independent underestimates the variance several-fold (deterministic here)
            assertTrue(naiveRatio > high, what);
        }
    }

    private static double average(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = average(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
