package org.knudsen.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/**
 * Two independent assemblies of the linearized operator agree (PHYSICS.md §12 "Check"): the oscillator-bracket
 * algebra of {@link CollisionAssembler} and the brute quadrature of {@link QuadratureAssembly}, at low degree, for
 * Maxwell molecules, hard spheres, VSS, the (H4) law and a tabulated law, with unequal masses.
 */
class AssemblyRoutesTest {
    static Mixture mixture(double gamma, AngularLaw law) {
        return Mixture.builder().species("a", 1, 0.4).species("b", 4, 0.6)
                .defaultKernel(new CollisionKernel(1.3, gamma, law)).build();
    }

    static void assertSameBlocks(Mixture mixture, int degree, double tol) {
        LinearizedBoltzmann op = LinearizedBoltzmann.assemble(mixture, degree);
        double[][] quad = QuadratureAssembly.blocks(mixture, degree);
        double worst = 0, scale = 0;
        for (int l = 0; l <= degree; l++) {
            for (double v : quad[l]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int l = 0; l <= degree; l++) {
            double[] alg = op.block(l);
            for (int e = 0; e < alg.length; e++) {
                worst = Math.max(worst, Math.abs(alg[e] - quad[l][e]));
                assertEquals(quad[l][e], alg[e], tol * scale, "l=" + l + " entry " + e);
            }
        }
        System.out.println("max |algebraic - quadrature| = " + worst);
    }

    @Test
    void maxwellMolecules() {
        assertSameBlocks(mixture(0, AngularLaw.isotropic()), 4, 1e-12);
    }

    @Test
    void hardSpheres() {
        assertSameBlocks(mixture(1, AngularLaw.isotropic()), 4, 1e-11);
    }

    @Test
    void variableSoftSphereAtGammaHalf() {
        assertSameBlocks(mixture(0.5, AngularLaw.vss(1.5)), 4, 1e-11);
    }

    @Test
    void strongCutoffLawHardSpheres() {
        assertSameBlocks(mixture(1, AngularLaw.strongCutoff()), 4, 1e-11);
    }

    @Test
    void tabulatedLawAndPairKernels() {
        double[] x = {-1, -0.2, 0.5, 1};
        QuadratureAssembly.tabulatedKinks = new double[] {-0.2, 0.5};
        Mixture m = Mixture.builder().species("a", 1, 0.3).species("b", 7, 0.7)
                .defaultKernel(new CollisionKernel(0.8, 0.3, AngularLaw.tabulated(x, new double[] {0.3, 1, 0.2, 2})))
                .pairKernel("a", "a", new CollisionKernel(1.1, 0, AngularLaw.vss(2.2)))
                .pairKernel("b", "b", new CollisionKernel(2.0, 1, AngularLaw.isotropic())).build();
        assertSameBlocks(m, 4, 1e-11);
    }
}
