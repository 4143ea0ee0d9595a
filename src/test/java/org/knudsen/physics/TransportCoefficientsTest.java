package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportCoefficientsTest {

    static Mixture pair(double m1, double m2, double gamma) {
        return Mixture.builder().species("a", m1, 0.5).species("b", m2, 0.5)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    static Mixture ternary(double gamma) {
        return Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    /** Half a unit in the 8th decimal: the rounding of the PHYSICS.md tables. */
    private static final double TABLE_ROUNDING = 5.000001e-9;

    /** The Δ_ij table of PHYSICS.md §1 (C = 1, isotropic). */
    @ParameterizedTest
    @CsvSource({
        "1,1,0,2", "1,4,0,1.25", "1,40,0,1.025", "4,40,0,0.275", "1,2,0,1.5", "2,4,0,0.75",
        "1,1,0.5,1.16887505", "1,4,0.5,0.82163343", "1,40,0.5,0.70800853", "4,40,0.5,0.26393386",
        "1,2,0.5,0.94202849", "2,4,0.5,0.56013349",
        "1,1,1,0.66467019", "1,4,1,0.52546793", "1,40,1,0.47583145", "4,40,1,0.24646630",
        "1,2,1,0.57562127", "2,4,1,0.40702571"})
    void deltaMatchesThePhysicsTable(double m1, double m2, double gamma, double expected) {
        Mixture m = pair(m1, m2, gamma);
        assertEquals(expected, TransportCoefficients.delta(m, 0, 1), TABLE_ROUNDING);
        assertEquals(TransportCoefficients.delta(m, 0, 1), TransportCoefficients.delta(m, 1, 0), 0);
    }

    @Test
    void hardSphereDeltaIsTheChapmanEnskogFirstApproximation() {
        // C‖b‖ = π d² with isotropic b: Δ = 3 / (8 d² √(2π μ)) (PHYSICS.md §1)
        double d = 0.37, m1 = 3, m2 = 11, mu = m1 * m2 / (m1 + m2);
        Mixture m = Mixture.builder().species("a", m1, 1).species("b", m2, 1)
                .defaultKernel(new CollisionKernel(Math.PI * d * d, 1, AngularLaw.isotropic())).build();
        assertEquals(3 / (8 * d * d * Math.sqrt(2 * Math.PI * mu)), TransportCoefficients.delta(m, 0, 1), 1e-13);
    }

    @Test
    void deltaUsesOnlyTheMomentumTransferIntegral() {
        // γ = 0: 1/Δ = μ C b^(1); VSS α = 1.5 has b^(1) = 0.8
        Mixture m = Mixture.builder().species("a", 1, 1).species("b", 4, 1)
                .defaultKernel(new CollisionKernel(2, 0, AngularLaw.vss(1.5))).build();
        assertEquals(1 / (0.8 * 2 * 0.8), TransportCoefficients.delta(m, 0, 1), 1e-14);
    }

    @Test
    void kappaMatchesItsQuotedValues() {
        assertEquals(1, TransportCoefficients.kappa(0), 1e-15);
        assertEquals(1.43881318, TransportCoefficients.kappa(0.5), 1e-8);
        assertEquals(8.0 / 3 * Math.sqrt(2 / Math.PI), TransportCoefficients.kappa(1), 1e-14);
    }

    /** E|g|^γ for g ~ N(0, I/μ) against an independent radial quadrature (PHYSICS.md §3). */
    @ParameterizedTest
    @CsvSource({"0,0.8", "0.5,0.8", "1,0.8", "0.38,20", "1,3.6"})
    void meanRelativeSpeedPowerMatchesRadialQuadrature(double gamma, double mu) {
        double s = 1 / Math.sqrt(mu);
        double integral = AngularLawTest.simpson(r -> 4 * Math.PI * r * r * Math.pow(r, gamma)
                * Math.pow(2 * Math.PI * s * s, -1.5) * Math.exp(-r * r / (2 * s * s)), 0, 14 * s, 200_000);
        assertEquals(integral, TransportCoefficients.meanRelativeSpeedPower(gamma, mu), 1e-10 * integral);
    }

    /** The ν_ij, per-particle rates and mean free paths of the PHYSICS.md §3 example. */
    @Test
    void equilibriumCollisionFrequenciesMatchTheHardSphereAndMaxwellExamples() {
        double[][] hs = TransportCoefficients.collisionFrequencyMatrix(ternary(1));
        double[] expectedHs = {0.18054067, 0.21409489, 0.19387117, 0.05077706, 0.07531455, 0.01605712};
        double[][] mm = TransportCoefficients.collisionFrequencyMatrix(ternary(0));
        double[] expectedMm = {0.08, 0.12, 0.12, 0.045, 0.09, 0.045};
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++, k++) {
                assertEquals(expectedHs[k], hs[i][j], TABLE_ROUNDING, "hard spheres " + i + j);
                assertEquals(hs[i][j], hs[j][i], 0);
                assertEquals(expectedMm[k], mm[i][j], 1e-14, "Maxwell " + i + j);
            }
        }
        Mixture m = ternary(1);
        double[] rates = {1.922618, 1.303212, 1.004333};
        double[] paths = {0.829998, 0.612245, 0.251225};
        for (int i = 0; i < 3; i++) {
            assertEquals(rates[i], TransportCoefficients.perParticleRate(m, i), 5.000001e-7);
            assertEquals(0.1 * paths[i], TransportCoefficients.meanFreePath(m, i, 0.1), 0.1 * 5.000001e-7);
        }
        // PHYSICS.md §10: Δt = 0.2 ε²/max ν_i, the largest rate being species A's
        assertEquals(0.2 * 0.01 / 1.922618, TransportCoefficients.resolvedTimeStep(m, 0.1), 1e-6 * 0.2 * 0.01 / 1.922618);
    }

    @Test
    void kummerSeriesMatchesElementaryClosedForms() {
        assertEquals(Math.exp(-2.5), SpecialFunctions.hypergeometric1F1(1.3, 1.3, -2.5), 1e-15);
        double z = -3.7;
        assertEquals((Math.exp(z) - 1) / z, SpecialFunctions.hypergeometric1F1(1, 2, z), 1e-15);
        // small-argument expansion used in PHYSICS.md §1: 1 + γ μ ε²|Δu|²/10 + O(z²)
        assertEquals(1 + 0.5 * 1e-4 / 5, SpecialFunctions.hypergeometric1F1(-0.25, 2.5, -1e-4), 1e-9);
    }

    @Test
    void mixtureKernelsAreSymmetricAndPairOverridesApply() {
        CollisionKernel special = new CollisionKernel(2, 0.5, AngularLaw.vss(1.4));
        Mixture m = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic()))
                .pairKernel("C", "A", special).build();
        assertSame(special, m.kernel(0, 2));
        assertSame(special, m.kernel(2, 0));
        assertEquals(1, m.kernel(1, 2).strength());
        assertEquals(0.8, m.reducedMass(0, 1), 1e-15);
    }

    @Test
    void invalidMixturesAreRejectedWithTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Mixture.builder().species("A", -1, 0.4)).getMessage().contains("mass"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Mixture.builder().species("A", 1, 0)).getMessage().contains("concentration"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Mixture.builder().species("A", 1, 1).species("A", 2, 1)).getMessage().contains("duplicate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CollisionKernel(1, 1.5, AngularLaw.isotropic())).getMessage().contains("gamma"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CollisionKernel(0, 1, AngularLaw.isotropic())).getMessage().contains("strength"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Mixture.builder().species("A", 1, 1).defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic()))
                        .pairKernel("A", "Z", new CollisionKernel(1, 0, AngularLaw.isotropic())).build())
                .getMessage().contains("'Z'"));
    }
}
