package org.knudsen.moments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/** An unperturbed equilibrium run by the spatial DSMC stays at M^ε = μ: the noise-corrected norms are consistent with 0. */
class EquilibriumDeviationTest {

    @Test
    void unperturbedEquilibriumGivesDeviationNormsConsistentWithZeroAtEverySample() {
        Mixture mixture = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 1, AngularLaw.isotropic())).build();
        int[] cells = {32, 1, 1};
        double[] lengths = {1, 1, 1};
        double epsilon = 0.3;
        Grid grid = Grid.of(cells, lengths);
        MaxwellStefanSolver fluid = MaxwellStefanSolver.forMixture(mixture, Grid.of(cells, lengths), null, epsilon,
                List.of(), IntegratorOptions.defaults());
        LocalMaxwellian maxwellian = new LocalMaxwellian(fluid, new double[] {1, 4, 40}, epsilon);
        double w = mixture.totalConcentration() * grid.cellVolume() / 400;
        DeviationMonitor monitor = new DeviationMonitor(mixture, grid, new int[] {1, 0, 0});
        double dt = TransportCoefficients.resolvedTimeStep(mixture, epsilon);
        try (SpatialDsmc dsmc = new SpatialDsmc(mixture, grid, epsilon, new double[] {w, w, w}, 2, 99L)) {
            dsmc.initialise(InitialProfile.uniform(mixture.concentrations()));
            for (int sample = 0; sample <= 10; sample++) {
                DeviationMonitor.Sample s = monitor.sample(sample * 10 * dt, dsmc, maxwellian);
                Deviation d = s.deviation();
                // false-failure probability: 55 comparisons (11 samples × (2 norms + 3 modes)) at 4 SE. With Poisson
                // initial cell counts (SpatialDsmc.initialise) the noise correction is exact from t = 0: over 300 other
                // seeds the t = 0 fluid-norm z has mean 0.005, sd 0.71 and the norm z mean 0.008, sd 0.63, and no seed
                // failed; with z ~ N(0, 0.71²) each check fails with P(|z| > 4) ≈ 2e-8, the mode SE is conservative
                // (<= 6.3e-5 each), so <= 2.1e-3 in all (union bound), almost all from the 33 mode checks. (With the
                // earlier floor + Bernoulli counts the t = 0 fluid z was N(−3.6, 0.74²) and 30 % of seeds failed.)
                // Seed 99 fixed, so the outcome is deterministic; the probability is over the choice of seed
                // (docs/testing.md)
                assertTrue(Math.abs(d.normSquared()) < 4 * d.normSquaredSe(),
                        "sample " + sample + ": norm² " + d.normSquared() + " ± " + d.normSquaredSe());
                assertTrue(Math.abs(d.fluidNormSquared()) < 4 * d.fluidNormSquaredSe(),
                        "sample " + sample + ": fluid norm² " + d.fluidNormSquared() + " ± " + d.fluidNormSquaredSe());
                for (int i = 0; i < 3; i++) {
                    assertTrue(Math.abs(s.modeParticles()[i]) < 4 * s.modeParticlesSe()[i], "mode of species " + i);
                }
                for (int k = 0; k < 10; k++) {
                    dsmc.step(dt);
                }
            }
        }
    }
}
