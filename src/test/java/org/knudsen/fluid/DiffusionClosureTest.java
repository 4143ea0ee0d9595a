package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knudsen.linear.ChapmanEnskog;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.ParameterException;
import org.knudsen.physics.TransportCoefficients;

/** The two closures of the Maxwell–Stefan solver (PHYSICS.md §1, §5.4): agreement for γ = 0, CE rates for γ = 1. */
class DiffusionClosureTest {
    static Mixture ternary(double gamma) {
        return Mixture.builder().species("a", 1, 0.4).species("b", 4, 0.3).species("c", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    static Mixture four(double gamma) {
        return Mixture.builder().species("a", 1, 0.1).species("b", 2, 0.2).species("c", 4, 0.3).species("d", 40, 0.4)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.vss(1.5)))
                .pairKernel("a", "b", new CollisionKernel(0.7, gamma, AngularLaw.isotropic()))
                .pairKernel("b", "d", new CollisionKernel(1.9, gamma, AngularLaw.strongCutoff())).build();
    }

    /** Maxwell molecules: the Sonine-converged Chapman–Enskog closure is Δ_ij itself (N = 2, 3, 4). */
    @Test
    void maxwellMoleculesGiveTheSameDeltaUnderBothClosures() {
        Mixture binary = Mixture.builder().species("a", 1, 0.3).species("b", 4, 0.7)
                .defaultKernel(new CollisionKernel(2, 0, AngularLaw.isotropic())).build();
        for (Mixture m : new Mixture[] {binary, ternary(0), four(0)}) {
            double[][] ms = DiffusionClosure.MAXWELL_STEFAN.delta(m), ce = DiffusionClosure.CHAPMAN_ENSKOG.delta(m);
            for (int i = 0; i < m.size(); i++) {
                for (int j = 0; j < m.size(); j++) {
                    assertEquals(ms[i][j], ce[i][j], 1e-10 * Math.max(1, ms[i][j]), "Delta_" + i + j);
                }
            }
        }
    }

    /** Δ → Fick matrix (MS, PHYSICS.md §5.2) → Δ is the identity, for unequal kernels and concentrations. */
    @Test
    void fickMatrixInversionRecoversDelta() {
        Mixture m = four(1);
        double[][] delta = TransportCoefficients.deltaMatrix(m);
        double[][] back = DiffusionClosure.deltaFromFickMatrix(MaxwellStefanLinear.of(m).fickMatrix(),
                m.concentrations());
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                assertEquals(delta[i][j], back[i][j], 1e-12 * Math.max(1, delta[i][j]));
            }
        }
    }

    /**
     * Hard spheres: the Maxwell–Stefan solver under the Chapman–Enskog closure decays at the isothermal Chapman–Enskog
     * rates of PHYSICS.md §5.4 (≈ 12.5204 and ≈ 21.004, +2.7 % and +6.4 % above Δ_ij's 12.1902 and 19.7477).
     */
    @Test
    void hardSphereClosureHasTheChapmanEnskogRates() {
        Mixture m = ternary(1);
        int[] k = {1, 0, 0};
        double[] lengths = {1, 1, 1};
        double[] ms = DiffusionClosure.MAXWELL_STEFAN.linear(m).decayRates(k, lengths);
        double[] ce = DiffusionClosure.CHAPMAN_ENSKOG.linear(m).decayRates(k, lengths);
        double[] iso = ChapmanEnskog.of(m, DiffusionClosure.SONINE_TERMS).modeRates(2 * Math.PI).isothermalRates();
        assertEquals(12.190236, ms[0], 1e-5);
        assertEquals(19.747728, ms[1], 1e-5);
        for (int q = 0; q < 2; q++) {
            assertEquals(iso[q], ce[q], 1e-9 * iso[q], "closure rate = CE isothermal rate");
        }
        assertEquals(12.5204, ce[0], 2e-3);
        assertEquals(21.004, ce[1], 5e-3);
    }

    @Test
    void unknownClosureNamesTheKey() {
        ParameterException e = assertThrows(ParameterException.class, () -> DiffusionClosure.ofKey("fick"));
        assertEquals("closure", e.parameter());
        assertEquals(DiffusionClosure.CHAPMAN_ENSKOG, DiffusionClosure.ofKey("chapman-enskog"));
    }
}
