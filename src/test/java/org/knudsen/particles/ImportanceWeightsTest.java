package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Grid;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/** Importance weights w = μ/f (docs/variance-reduction.md): exactness, conservation, unbiasedness, state. */
class ImportanceWeightsTest {
    /** Every kernel family knudsen has: Maxwell molecules, hard spheres with VSS, γ = ½ with a tabulated law. */
    static List<Mixture> mixtures() {
        AngularLaw tabulated = AngularLaw.tabulated(new double[] {-1, 0, 1}, new double[] {0.5, 1, 1.5});
        return List.of(ternary(new CollisionKernel(1, 0, AngularLaw.isotropic())),
                ternary(new CollisionKernel(1, 1, AngularLaw.vss(1.4))),
                ternary(new CollisionKernel(1, 0.5, tabulated)));
    }

    private static Mixture ternary(CollisionKernel kernel) {
        return Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(kernel).build();
    }

    private static double[] equalWeights(Mixture m, Grid grid, int perCell) {
        double[] w = new double[m.size()];
        java.util.Arrays.fill(w, m.totalConcentration() * grid.cellVolume() / perCell);
        return w;
    }

    /** c_i(x) = c_∞,i (1 + a_i cos 2πx) with a drift d_i along x in every cell. */
    private static InitialProfile profile(Mixture m, double[] a, double[] drift) {
        return new InitialProfile() {
            @Override
            public double density(int i, double x, double y, double z) {
                return m.concentration(i) * (1 + a[i] * Math.cos(2 * Math.PI * x));
            }

            @Override
            public double densityBound(int i, int cell) {
                return m.concentration(i) * (1 + Math.abs(a[i]));
            }

            @Override
            public void drift(int i, int cell, double[] out) {
                out[0] = drift[i];
                out[1] = out[2] = 0;
            }
        };
    }

    /** In the reference equilibrium every weight is 1 and stays exactly 1 (the update and the smoothing keep it). */
    @ParameterizedTest
    @MethodSource("mixtures")
    void equilibriumWeightsStayExactlyOne(Mixture m) {
        Grid grid = Grid.of(new int[] {8, 1, 1}, new double[] {1, 1, 1});
        try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 100), 1, 3L)) {
            dsmc.enableImportanceWeights(m.concentrations());
            dsmc.initialise(InitialProfile.uniform(m.concentrations()));
            for (int s = 0; s < 30; s++) {
                dsmc.step(TransportCoefficients.resolvedTimeStep(m, 0.3));
            }
            double[] w = dsmc.store().importance();
            for (int p = 0; p < dsmc.store().size(); p++) {
                assertEquals(1.0, w[p], 0.0, "weight of particle " + p);
            }
        }
    }

    /**
     * A weight beyond CellCollider.KAPPA_LIMIT stops the step with a message that names the weight, the cell, its
     * particles per species and the keys to change, instead of raising the cell's candidates without bound.
     */
    @Test
    void divergedWeightsStopTheStepNamingTheCellAndTheRemedy() {
        Mixture m = mixtures().get(0);
        Grid grid = Grid.of(new int[] {8, 1, 1}, new double[] {1, 1, 1});
        try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 100), 1, 3L)) {
            dsmc.enableImportanceWeights(m.concentrations());
            dsmc.initialise(InitialProfile.uniform(m.concentrations()));
            double dt = TransportCoefficients.resolvedTimeStep(m, 0.3);
            dsmc.step(dt);
            double[] w = dsmc.store().importance();
            java.util.Arrays.fill(w, 0, dsmc.store().size(), 1.0);
            w[0] = CellCollider.KAPPA_LIMIT; // at the limit: still a step
            dsmc.step(dt);
            dsmc.store().importance()[0] = 1.01 * CellCollider.KAPPA_LIMIT; // the sort swaps the column's buffers
            ImportanceWeightsDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ImportanceWeightsDivergedException.class, () -> dsmc.step(dt));
            assertTrue(e.weight() > CellCollider.KAPPA_LIMIT, "weight " + e.weight());
            assertTrue(e.cell() >= 0 && e.cell() < grid.cellCount(), "cell " + e.cell());
            for (String part : List.of("diverged", "particles per species", "particles.per_cell",
                    "particles.variance_reduction")) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
        }
    }

    /** The initial weights are μ/f: (c_∞/c(x)) exp(m(d²/2 − v_x d)) at each particle. */
    @Test
    void initialWeightsAreTheRatioOfTheEquilibriumToTheSampledDensity() {
        Mixture m = mixtures().get(1);
        Grid grid = Grid.of(new int[] {4, 1, 1}, new double[] {1, 1, 1});
        double[] a = {0.2, -0.1, -0.1}, d = {0.05, -0.02, 0.01};
        try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 50), 1, 4L)) {
            dsmc.enableImportanceWeights(m.concentrations());
            dsmc.initialise(profile(m, a, d));
            ParticleStore st = dsmc.store();
            for (int p = 0; p < st.size(); p++) {
                int i = st.species()[p];
                double expected = 1 / (1 + a[i] * Math.cos(2 * Math.PI * st.x()[p]))
                        * Math.exp(m.mass(i) * (d[i] * d[i] / 2 - st.vx()[p] * d[i]));
                assertEquals(expected, st.importance()[p], 1e-12 * expected);
            }
        }
    }

    /**
     * Collisions conserve each species' shadow mass Σ w in every cell (the smoothing restores it; streaming carries
     * weights along), so the shadow mass per species is constant to rounding; the particle counts are exact.
     */
    @ParameterizedTest
    @MethodSource("mixtures")
    void shadowMassPerSpeciesIsConservedToRounding(Mixture m) {
        Grid grid = Grid.of(new int[] {10, 1, 1}, new double[] {1, 1, 1});
        try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 120), 2, 5L)) {
            dsmc.enableImportanceWeights(m.concentrations());
            dsmc.initialise(profile(m, new double[] {0.3, -0.2, -0.2}, new double[] {0.05, 0, -0.03}));
            double[] before = shadowMass(dsmc.store());
            int[] counts = counts(dsmc.store());
            for (int s = 0; s < 40; s++) {
                dsmc.step(TransportCoefficients.resolvedTimeStep(m, 0.3));
            }
            double[] after = shadowMass(dsmc.store());
            for (int i = 0; i < m.size(); i++) {
                assertEquals(before[i], after[i], 1e-11 * before[i], "shadow mass of species " + i);
                assertEquals(counts[i], counts(dsmc.store())[i], "particles of species " + i);
            }
        }
    }

    private static double[] shadowMass(ParticleStore st) {
        double[] s = new double[st.speciesCount()];
        for (int p = 0; p < st.size(); p++) {
            s[st.species()[p]] += st.importance()[p];
        }
        return s;
    }

    private static int[] counts(ParticleStore st) {
        int[] c = new int[st.speciesCount()];
        for (int p = 0; p < st.size(); p++) {
            c[st.species()[p]]++;
        }
        return c;
    }

    /**
     * Unbiasedness of the collision update, against an exact result: species A and B start with drifts and densities
     * off the reference (so both carry weights ≠ 1), the particles' A-momentum relaxes (momentum exchange), while the shadow is the equilibrium at rest, whose A-momentum must stay
     * 0 in expectation. In one cell the smoothing keeps the shadow's per-species momentum, so only the update changes
     * it. Over R = 16 seeds the change of the shadow's A-momentum is consistent with 0 within 4 replica SE (t_15),
     * while the particles' A-momentum changes by > 5 SE (measured 9 to 10; the test has power: without the rejection factor
     * (1 − w' p)/(1 − p) the shadow's change is ~10 SE).
     */
    @ParameterizedTest
    @MethodSource("mixtures")
    void shadowMomentumOfADriftingSpeciesStaysAtTheEquilibriumValue(Mixture m) {
        Grid grid = Grid.of(new int[] {1, 1, 1}, new double[] {1, 1, 1});
        int seeds = 16;
        double[] shadow = new double[seeds], plain = new double[seeds];
        for (int r = 0; r < seeds; r++) {
            try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 1, equalWeights(m, grid, 3000), 1, 600L + r)) {
                dsmc.enableImportanceWeights(m.concentrations());
                dsmc.initialise(profile(m, new double[] {0.3, -0.3, 0}, new double[] {0.15, -0.1, 0}));
                double[] s0 = momentumA(dsmc.store());
                for (int s = 0; s < 20; s++) {
                    dsmc.step(0.05);
                }
                double[] s1 = momentumA(dsmc.store());
                shadow[r] = s1[0] - s0[0];
                plain[r] = s1[1] - s0[1];
            }
        }
        double[] ms = meanSe(shadow), mp = meanSe(plain);
        // false-failure probability: 1.2e-3 (|t_15| > 4); seeds 600..615 fixed, so the outcome is deterministic; the
        // probability is over the choice of seed
        assertTrue(Math.abs(ms[0]) < 4 * ms[1], "shadow A-momentum change " + ms[0] + " +- " + ms[1]);
        // power check: fails with probability 4.7e-4 (noncentral t_15 at the measured 9.5 SE)
        assertTrue(Math.abs(mp[0]) > 5 * mp[1], "particle A-momentum change " + mp[0] + " +- " + mp[1]);
    }

    /** (Σ_A w v_x, Σ_A v_x): the shadow's and the particles' A-momentum per unit mass. */
    private static double[] momentumA(ParticleStore st) {
        double shadow = 0, plain = 0;
        for (int p = 0; p < st.size(); p++) {
            if (st.species()[p] == 0) {
                shadow += st.importance()[p] * st.vx()[p];
                plain += st.vx()[p];
            }
        }
        return new double[] {shadow, plain};
    }

    private static double[] meanSe(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / (x.length - 1);
        }
        return new double[] {mean, Math.sqrt(var / x.length)};
    }

    /** 1 and 2 threads give bit-identical particles and weights; a state written and read continues bit-identically. */
    @Test
    void weightsAreThreadIndependentAndSurviveTheSolverState() throws IOException {
        Mixture m = mixtures().get(1);
        Grid grid = Grid.of(new int[] {6, 1, 1}, new double[] {1, 1, 1});
        double dt = TransportCoefficients.resolvedTimeStep(m, 0.3);
        double[][] w = new double[3][];
        for (int run = 0; run < 3; run++) {
            try (SpatialDsmc dsmc = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 400), run == 1 ? 2 : 1, 8L)) {
                dsmc.enableImportanceWeights(m.concentrations());
                dsmc.initialise(profile(m, new double[] {0.3, -0.2, -0.2}, new double[] {0.04, 0, 0}));
                for (int s = 0; s < 15; s++) {
                    dsmc.step(dt);
                }
                if (run == 2) { // through the state into a fresh solver
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    dsmc.writeState(new DataOutputStream(bytes));
                    try (SpatialDsmc resumed = new SpatialDsmc(m, grid, 0.3, equalWeights(m, grid, 400), 1, 8L)) {
                        resumed.enableImportanceWeights(m.concentrations());
                        resumed.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                        for (int s = 0; s < 15; s++) {
                            resumed.step(dt);
                        }
                        w[run] = java.util.Arrays.copyOf(resumed.store().importance(), resumed.store().size());
                    }
                    continue;
                }
                for (int s = 0; s < 15; s++) {
                    dsmc.step(dt);
                }
                w[run] = java.util.Arrays.copyOf(dsmc.store().importance(), dsmc.store().size());
            }
        }
        assertArrayEquals(w[0], w[1], "1 vs 2 threads");
        assertArrayEquals(w[0], w[2], "uninterrupted vs through the state");
    }
}
