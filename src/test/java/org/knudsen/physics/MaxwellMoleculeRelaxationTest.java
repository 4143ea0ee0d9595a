package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaxwellMoleculeRelaxationTest {

    private static Mixture binary() {
        return Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.5)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
    }

    /** PHYSICS.md §2 N = 2 test vector (m = (1,4), n = (0.5,0.5), C = 1 isotropic): ν_U = 0.5, ν_T = 0.32. */
    @Test
    void rk4ReproducesTheTwoSpeciesTestVectorOfPhysicsSection2() {
        var ode = new MaxwellMoleculeRelaxation(binary(), new double[] {0.5, 0.5}, 1.0);
        double[][] u0 = {{1, 0, 0}, {-0.25, 0, 0}};
        double[] t0 = {2, 0.5};
        double[][] table = {
                {0.5, 0.778801, -0.194700, 2.016230, 0.647715},
                {1, 0.606531, -0.151633, 1.992162, 0.771222},
                {2, 0.367879, -0.091970, 1.897659, 0.962618},
                {4, 0.135335, -0.033834, 1.710789, 1.198247}};
        for (double[] row : table) {
            var s = ode.solve(u0, t0, row[0], 1e-3);
            assertEquals(row[1], s.velocity()[0][0], 1e-5, "U1x at t=" + row[0]);
            assertEquals(row[2], s.velocity()[1][0], 1e-5, "U2x at t=" + row[0]);
            assertEquals(row[3], s.temperature()[0], 1e-5, "T1 at t=" + row[0]);
            assertEquals(row[4], s.temperature()[1], 1e-5, "T2 at t=" + row[0]);
            assertEquals(0, s.velocity()[0][1], 0);
        }
    }

    /** Independent check: the N = 2 closed form of §2 (ΔU, T̄, ΔT) at arbitrary times and ε. */
    @Test
    void rk4AgreesWithTheTwoSpeciesClosedFormInTheScaledEquation() {
        double eps = 0.3;
        var ode = new MaxwellMoleculeRelaxation(binary(), new double[] {0.5, 0.5}, eps);
        double m1 = 1, m2 = 4, n1 = 0.5, n2 = 0.5, lambda = 1, mm = m1 + m2, mu = m1 * m2 / mm;
        double rho = m1 * n1 + m2 * n2, n = n1 + n2;
        double nuU = lambda * rho / mm / (eps * eps), nuT = 2 * mu * lambda * n / mm / (eps * eps);
        double du0 = 1.25, dt0 = 1.5, tbar0 = (n1 * 2 + n2 * 0.5) / n, ucm = (m1 * n1 - m2 * n2 * 0.25) / rho;
        double a = 2 * mu * lambda * (m2 * n2 - m1 * n1) / (3 * mm) / (eps * eps);
        for (double t : new double[] {0.01, 0.05, 0.2, 0.6}) {
            var s = ode.solve(new double[][] {{1, 0, 0}, {-0.25, 0, 0}}, new double[] {2, 0.5}, t, 1e-5);
            double du = du0 * Math.exp(-nuU * t);
            double tbar = tbar0 + m1 * n1 * m2 * n2 / (3 * n * rho) * du0 * du0 * (1 - Math.exp(-2 * nuU * t));
            double dT = dt0 * Math.exp(-nuT * t) + a * du0 * du0 * (Math.exp(-2 * nuU * t) - Math.exp(-nuT * t))
                    / (nuT - 2 * nuU);
            assertEquals(ucm + m2 * n2 / rho * du, s.velocity()[0][0], 1e-9);
            assertEquals(ucm - m1 * n1 / rho * du, s.velocity()[1][0], 1e-9);
            assertEquals(tbar + n2 / n * dT, s.temperature()[0], 1e-9);
            assertEquals(tbar - n1 / n * dT, s.temperature()[1], 1e-9);
        }
    }

    @Test
    void refusesNonMaxwellMolecules() {
        Mixture hs = Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.5)
                .defaultKernel(new CollisionKernel(1, 1, AngularLaw.isotropic())).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MaxwellMoleculeRelaxation(hs, new double[] {0.5, 0.5}, 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("gamma"));
    }
}
