package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.physics.Grid;

class MaxwellStefanLinearTest {

    @Test
    void ternaryExampleDecayRatesMatchThePhysicsTable() {
        double[] maxwell = MaxwellStefanLinear.decayRates(FluidTestSupport.example3(0), new int[] {1, 0, 0},
                new double[] {1, 1, 1});
        assertEquals(15.549981, maxwell[0], 1e-6 * 15.549981);
        assertEquals(44.561202, maxwell[1], 1e-6 * 44.561202);
        double[] hard = MaxwellStefanLinear.decayRates(FluidTestSupport.example3(1), new int[] {1, 0, 0},
                new double[] {1, 1, 1});
        assertEquals(12.190236, hard[0], 1e-6 * 12.190236);
        assertEquals(19.747728, hard[1], 1e-6 * 19.747728);
    }

    @Test
    void binaryRateIsDeltaOverTotalConcentration() {
        Mixture m = FluidTestSupport.binary();
        double k2 = 4 * Math.PI * Math.PI * (4 + 1 / 4.0);
        double expected = k2 * TransportCoefficients.delta(m, 0, 1) / m.totalConcentration();
        double[] r = MaxwellStefanLinear.decayRates(m, new int[] {2, 1}, new double[] {1, 2, 1});
        assertEquals(1, r.length);
        assertEquals(expected, r[0], 1e-13 * expected);
    }

    @Test
    void ternaryRatesSolveTheClosedFormQuadratic() {
        Mixture m = FluidTestSupport.example3(1);
        double[][] d = TransportCoefficients.deltaMatrix(m);
        double c1 = 0.4, c2 = 0.3, c3 = 0.3;
        double tau = (c1 + c2) / d[0][1] + (c1 + c3) / d[0][2] + (c2 + c3) / d[1][2];
        double s2 = (c1 + c2 + c3) * (c1 / (d[0][1] * d[0][2]) + c2 / (d[0][1] * d[1][2]) + c3 / (d[0][2] * d[1][2]));
        double disc = Math.sqrt(tau * tau - 4 * s2);
        double[] r = MaxwellStefanLinear.of(m).fickEigenvalues();
        assertEquals((tau - disc) / (2 * s2), r[0], 1e-14);
        assertEquals((tau + disc) / (2 * s2), r[1], 1e-14);
    }

    @Test
    void fickMatrixEqualsConcentrationTimesConstrainedInverseAndEigenvectorsAreBiorthonormal() {
        Mixture m = FluidTestSupport.quaternary();
        double[][] delta = TransportCoefficients.deltaMatrix(m);
        double[] c = m.concentrations();
        MaxwellStefanLinear lin = new MaxwellStefanLinear(delta, c);
        double[][] fick = lin.fickMatrix();
        // D x = C A^# x = J where B(c) J = x, Σ J = 0 (the flux form of A u = x, c·u = 0), for x ⊥ 1
        MaxwellStefanOperator op = new MaxwellStefanOperator(delta, new double[3], Grid.of1D(4, 1));
        double[] x = {0.3, -0.7, 0.1, 0.3};
        double[] r = new double[4 * 3];
        for (int i = 0; i < 4; i++) {
            r[i * 3] = x[i];
        }
        op.solveConstrained(c, r, 1);
        for (int i = 0; i < 4; i++) {
            double dx = 0;
            for (int j = 0; j < 4; j++) {
                dx += fick[i][j] * x[j];
            }
            assertEquals(r[i * 3], dx, 1e-13);
        }
        double[] lambda = lin.fickEigenvalues();
        for (int a = 0; a < 3; a++) {
            double[] w = lin.leftEigenvector(a);
            for (int b = 0; b < 3; b++) {
                double[] v = lin.rightEigenvector(b);
                double dot = 0;
                for (int i = 0; i < 4; i++) {
                    dot += w[i] * v[i];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-13);
            }
            // w^T D = λ w^T on all of R^N
            for (int j = 0; j < 4; j++) {
                double wd = 0;
                for (int i = 0; i < 4; i++) {
                    wd += w[i] * fick[i][j];
                }
                assertEquals(lambda[a] * w[j], wd, 1e-13);
            }
        }
    }

    @Test
    void jacobiDiagonalisesASymmetricMatrix() {
        double[][] a = {{4, 1, -2, 0.5}, {1, 3, 0.2, 0}, {-2, 0.2, 5, 1}, {0.5, 0, 1, -1}};
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] v = e.values();
        for (int k = 0; k < 4; k++) {
            double[] x = e.vector(k);
            for (int i = 0; i < 4; i++) {
                double ax = 0;
                for (int j = 0; j < 4; j++) {
                    ax += a[i][j] * x[j];
                }
                assertEquals(v[k] * x[i], ax, 1e-13);
            }
        }
        assertEquals(4 + 3 + 5 - 1, v[0] + v[1] + v[2] + v[3], 1e-13);
    }
}
