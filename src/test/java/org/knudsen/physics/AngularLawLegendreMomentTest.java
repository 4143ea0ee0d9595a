package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Legendre moments β_l = 2π ∫ b P_l (Funk–Hecke coefficients of the angular law, PHYSICS.md §12) of every
 * law equal an independent tanh–sinh quadrature of 2π b(x) P_l(x), and reproduce b^(1) = β_0 − β_1 and
 * b^(2) = (2/3)(β_0 − β_2) of PHYSICS.md §0.
 */
class AngularLawLegendreMomentTest {
    private static final double[] TABLE_X = {-1, -0.6, -0.1, 0.3, 0.75, 1};
    private static final double[] TABLE_B = {0.2, 0.1, 0.5, 0.4, 1.3, 2.0};

    private static List<AngularLaw> laws() {
        return List.of(AngularLaw.isotropic(), AngularLaw.vss(1.5), AngularLaw.vss(2.7), AngularLaw.vss(3),
                AngularLaw.strongCutoff(), AngularLaw.tabulated(TABLE_X, TABLE_B));
    }

    private static double quadrature(AngularLaw law, int l) {
        double[] kinks = law instanceof TabulatedAngularLaw ? new double[] {-0.6, -0.1, 0.3, 0.75} : new double[] {0};
        return TanhSinh.integrateSplit(x -> 2 * Math.PI * law.density(x) * TanhSinh.legendre(l, x), kinks);
    }

    @Test
    void momentsEqualQuadratureUpToDegree40() {
        for (AngularLaw law : laws()) {
            for (int l = 0; l <= 40; l++) {
                assertEquals(quadrature(law, l), law.legendreMoment(l), 2e-14, law.describe() + " l=" + l);
            }
        }
    }

    @Test
    void lowMomentsGiveTheMomentumAndViscosityIntegrals() {
        for (AngularLaw law : laws()) {
            assertEquals(1, law.legendreMoment(0), 1e-14, law.describe());
            assertEquals(law.momentumTransfer(), law.legendreMoment(0) - law.legendreMoment(1), 1e-14, law.describe());
            assertEquals(law.viscosityIntegral(), 2.0 / 3 * (law.legendreMoment(0) - law.legendreMoment(2)), 1e-14,
                    law.describe());
        }
    }

    @Test
    void closedFormsOfSpecialCases() {
        // integer VSS exponent: b is a polynomial of degree α−1, so β_l = 0 for l ≥ α
        assertEquals(0, AngularLaw.vss(3).legendreMoment(3), 0);
        assertEquals(0, AngularLaw.isotropic().legendreMoment(1), 0);
        // (H4) law is even in x: odd moments vanish; β_2 = 1 − (3/2) b^(2) = 0.1
        assertEquals(0, AngularLaw.strongCutoff().legendreMoment(5), 0);
        assertEquals(0.1, AngularLaw.strongCutoff().legendreMoment(2), 1e-15);
    }
}
