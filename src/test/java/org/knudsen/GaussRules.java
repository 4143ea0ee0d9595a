package org.knudsen;

import org.apache.commons.numbers.gamma.LogGamma;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Gauss quadrature rules for the tests' independent integrals: Golub–Welsch on a Jacobi matrix (EJML's symmetric
 * eigensolver), as {nodes, weights}. The main code's own rules (linear.GaussLaguerre) are not reused, so a test of it
 * stays independent.
 */
public final class GaussRules {
    private GaussRules() {
    }

    /** Rule {nodes, weights} from a Jacobi matrix (diagonal, sub-diagonal off[1..n)), weights summing to mass. */
    public static double[][] golubWelsch(double[] diag, double[] off, double mass) {
        int n = diag.length;
        DMatrixRMaj jm = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            jm.set(i, i, diag[i]);
            if (i > 0) {
                jm.set(i, i - 1, off[i]);
                jm.set(i - 1, i, off[i]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(jm)) {
            throw new ArithmeticException("Golub-Welsch: eigendecomposition failed (n=" + n + ")");
        }
        double[][] rule = new double[2][n];
        for (int i = 0; i < n; i++) {
            rule[0][i] = eig.getEigenvalue(i).real;
            DMatrixRMaj v = eig.getEigenVector(i);
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += v.get(j) * v.get(j);
            }
            rule[1][i] = mass * v.get(0) * v.get(0) / norm;
        }
        return rule;
    }

    /** Probabilists' Gauss–Hermite for the standard normal density (weights summing to 1), exact to degree 2n − 1. */
    public static double[][] hermite(int n) {
        double[] d = new double[n], o = new double[n];
        for (int i = 1; i < n; i++) {
            o[i] = Math.sqrt(i);
        }
        return golubWelsch(d, o, 1);
    }

    /** Gauss–Laguerre for ∫_0^∞ t^a e^{−t} (unnormalised: weights summing to Γ(a + 1)). */
    public static double[][] laguerre(int n, double a) {
        double[] d = new double[n], o = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 2 * i + a + 1;
            if (i > 0) {
                o[i] = Math.sqrt(i * (i + a));
            }
        }
        return golubWelsch(d, o, Math.exp(LogGamma.value(a + 1)));
    }
}
