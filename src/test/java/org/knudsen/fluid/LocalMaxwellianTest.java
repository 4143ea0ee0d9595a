package org.knudsen.fluid;

import org.knudsen.GaussRules;
import org.knudsen.physics.HermiteBasis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.Grid;

/**
 * Moments of M^ε by a Gauss–Hermite product rule over v (nodes from the Golub–Welsch eigenproblem), which uses
 * only the pointwise value of M^ε and the Hermite polynomials, against the closed forms of PHYSICS.md §7.
 */
class LocalMaxwellianTest {
    private static final int NODES = 30;
    private static final double[] Z;
    private static final double[] W;

    static {
        double[][] rule = GaussRules.hermite(NODES);
        Z = rule[0];
        W = rule[1];
    }

    interface VelocityFunction {
        double at(double vx, double vy, double vz);
    }

    /** ∫ f(v) dv with the weight φ_m(v) = (m/2π)^{3/2} e^{−m|v|²/2} divided out. */
    private static double integrate(double mass, VelocityFunction f) {
        double s = Math.sqrt(mass);
        double norm = Math.pow(mass / (2 * Math.PI), 1.5);
        double sum = 0;
        for (int a = 0; a < NODES; a++) {
            for (int b = 0; b < NODES; b++) {
                for (int c = 0; c < NODES; c++) {
                    double vx = Z[a] / s, vy = Z[b] / s, vz = Z[c] / s;
                    double phi = norm * Math.exp(-0.5 * mass * (vx * vx + vy * vy + vz * vz));
                    sum += W[a] * W[b] * W[c] * f.at(vx, vy, vz) / phi;
                }
            }
        }
        return sum;
    }

    @Test
    void quadratureMomentsOfTheLocalMaxwellianMatchTheClosedForms() {
        double[][] cases = { // mass, c, cInf, w = ε u (3)
            {1.0, 0.43, 0.4, 0.05, -0.02, 0.01},
            {4.0, 0.27, 0.3, -0.1, 0.2, 0.0},
            {40.0, 0.31, 0.3, 0.03, 0.01, -0.12}};
        double[] closed = new double[HermiteBasis.SIZE];
        for (double[] k : cases) {
            double m = k[0], c = k[1], cInf = k[2], wx = k[3], wy = k[4], wz = k[5];
            VelocityFunction mx = (vx, vy, vz) -> LocalMaxwellian.value(m, c, wx, wy, wz, vx, vy, vz);
            double[] mom = LocalMaxwellian.velocityMoments(m, c, wx, wy, wz);
            assertEquals(mom[0], integrate(m, mx), 1e-10);
            assertEquals(mom[1], integrate(m, (x, y, z) -> x * mx.at(x, y, z)), 1e-10);
            assertEquals(mom[2], integrate(m, (x, y, z) -> y * mx.at(x, y, z)), 1e-10);
            assertEquals(mom[3], integrate(m, (x, y, z) -> z * mx.at(x, y, z)), 1e-10);
            assertEquals(mom[4], integrate(m, (x, y, z) -> (x * x + y * y + z * z) * mx.at(x, y, z)), 1e-10);
            assertEquals(3 * c / m + c * (wx * wx + wy * wy + wz * wz), mom[4], 1e-15);
            LocalMaxwellian.hermiteMoments(m, cInf, c, wx, wy, wz, closed, 0);
            for (int a = 0; a < HermiteBasis.SIZE; a++) {
                final int al = a;
                double q = integrate(m, (x, y, z) -> HermiteBasis.value(al, m, cInf, x, y, z) * mx.at(x, y, z));
                assertEquals(q, closed[a], 1e-10, "Hermite moment " + java.util.Arrays.toString(HermiteBasis.index(a)));
            }
            // ‖M − μ‖² = ∫ (M − μ)²/μ, μ = c_∞ φ_m
            double norm = integrate(m, (x, y, z) -> {
                double mu = LocalMaxwellian.value(m, cInf, 0, 0, 0, x, y, z);
                double d = mx.at(x, y, z) - mu;
                return d * d / mu;
            });
            assertEquals(norm, LocalMaxwellian.deviationNormSquared(m, cInf, c, wx * wx + wy * wy + wz * wz), 1e-12);
        }
    }

    @Test
    void gridMaxwellianUsesTheDriftEpsilonTimesTheFluidVelocity() {
        double eps = 0.2;
        MaxwellStefanSolver s = MaxwellStefanSolver.forMixture(FluidTestSupport.example3(0), Grid.of1D(16, 1),
                new double[] {0.5, 0, 0}, eps, List.of(new FourierMode(new int[] {1}, new double[] {0.2, -0.1, -0.1})),
                IntegratorOptions.defaults());
        double[] masses = {1, 4, 40};
        LocalMaxwellian lm = new LocalMaxwellian(s, masses, eps);
        lm.update(0.01);
        double[][] c = new double[3][16];
        double[][][] u = new double[3][3][16];
        s.concentrationsAt(0.01, c);
        s.velocitiesAt(0.01, u);
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 16; p += 5) {
                assertEquals(eps * u[i][0][p], lm.drift(i, 0, p), 1e-15);
                assertEquals(LocalMaxwellian.value(masses[i], c[i][p], eps * u[i][0][p], 0, 0, 0.3, -0.1, 0.2),
                        lm.value(i, p, 0.3, -0.1, 0.2), 1e-15);
                double w2 = eps * eps * u[i][0][p] * u[i][0][p];
                assertEquals(LocalMaxwellian.deviationNormSquared(masses[i], s.referenceConcentrations()[i], c[i][p], w2),
                        lm.deviationNormSquared(i, p), 1e-15);
            }
        }
    }
}
