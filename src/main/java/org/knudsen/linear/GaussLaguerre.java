package org.knudsen.linear;

import org.apache.commons.numbers.gamma.LogGamma;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Generalised Gauss–Laguerre rules for the probability measure t^a e^{−t} dt / Γ(a+1) on (0, ∞): n nodes,
 * exact for polynomials of degree ≤ 2n − 1. Nodes are the eigenvalues of the Jacobi matrix (Golub–Welsch,
 * EJML's symmetric eigensolver), polished by Newton on the orthonormal p_n; the weights come from the
 * Christoffel function 1/Σ_j p_j(t_k)², which keeps full relative accuracy for the tiny weights far out
 * (eigenvector components would not). Hand-written because no library here gives these rules.
 */
final class GaussLaguerre {
    final double[] nodes;
    final double[] weights;

    private GaussLaguerre(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The n-point rule for t^a e^{−t}/Γ(a+1), a > −1. */
    static GaussLaguerre of(int n, double a) {
        if (n < 1 || !(a > -1)) {
            throw new IllegalArgumentException("Gauss-Laguerre needs n >= 1 and a > -1, got n=" + n + ", a=" + a);
        }
        DMatrixRMaj jacobi = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            jacobi.set(k, k, 2 * k + a + 1);
            if (k > 0) {
                double off = Math.sqrt(k * (k + a));
                jacobi.set(k, k - 1, off);
                jacobi.set(k - 1, k, off);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(jacobi)) {
            throw new ArithmeticException("Gauss-Laguerre: Jacobi matrix eigendecomposition failed (n=" + n + ")");
        }
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = eig.getEigenvalue(k).real;
        }
        java.util.Arrays.sort(t);
        double[] w = new double[n];
        double[] p = new double[n + 1];
        for (int k = 0; k < n; k++) {
            for (int it = 0; it < 3; it++) {          // Newton on p_n: the eigenvalues are already close
                double[] pd = orthonormalWithDerivative(n, a, t[k], p);
                if (pd[1] != 0) {
                    t[k] -= pd[0] / pd[1];
                }
            }
            orthonormal(n - 1, a, t[k], p);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += p[j] * p[j];
            }
            w[k] = 1 / sum;
        }
        return new GaussLaguerre(t, w);
    }

    /** p_0..p_m at t, orthonormal for t^a e^{−t}/Γ(a+1) with positive leading coefficients, into out. */
    static void orthonormal(int m, double a, double t, double[] out) {
        out[0] = 1;
        double prev = 0;
        for (int j = 0; j < m; j++) {
            double bj = Math.sqrt(j * (j + a)), bj1 = Math.sqrt((j + 1) * (j + 1 + a));
            double next = ((t - (2 * j + a + 1)) * out[j] - bj * prev) / bj1;
            prev = out[j];
            out[j + 1] = next;
        }
    }

    /** {p_n(t), p_n'(t)} (work array of length n+1). */
    private static double[] orthonormalWithDerivative(int n, double a, double t, double[] work) {
        double p = 1, pPrev = 0, d = 0, dPrev = 0;
        for (int j = 0; j < n; j++) {
            double bj = Math.sqrt(j * (j + a)), bj1 = Math.sqrt((j + 1) * (j + 1 + a));
            double pNext = ((t - (2 * j + a + 1)) * p - bj * pPrev) / bj1;
            double dNext = (p + (t - (2 * j + a + 1)) * d - bj * dPrev) / bj1;
            pPrev = p;
            p = pNext;
            dPrev = d;
            d = dNext;
        }
        return new double[] {p, d};
    }

    /**
     * The radial matrix of |B|^γ between Burnett functions of angular momentum l (PHYSICS.md §12):
     * ρ_l(n, n') = ∫ φ(B) |B|^γ ψ_{nlm}(B) ψ_{n'lm}(B) dB = 2^{γ/2} Γ(α+γ/2+1)/Γ(α+1) ∫ p_n p_n' dν_{α+γ/2},
     * α = l + 1/2, with p orthonormal for t^α e^{−t}/Γ(α+1) (t = |B|²/2) and ν the normalised measure of the rule;
     * the sign (−1)^n of the Burnett convention cancels in the product. Exact: n_max + 1 nodes.
     */
    static double[][] radialPowerMatrix(int l, int count, double gamma) {
        double[][] rho = new double[count][count];
        if (gamma == 0) {
            for (int n = 0; n < count; n++) {
                rho[n][n] = 1;
            }
            return rho;
        }
        double alpha = l + 0.5, shifted = alpha + gamma / 2;
        GaussLaguerre rule = of(count, shifted);
        double scale = Math.pow(2, gamma / 2) * Math.exp(LogGamma.value(shifted + 1) - LogGamma.value(alpha + 1));
        double[] p = new double[count];
        for (int k = 0; k < count; k++) {
            orthonormal(count - 1, alpha, rule.nodes[k], p);
            double wk = rule.weights[k] * scale;
            for (int n = 0; n < count; n++) {
                double wp = wk * p[n];
                for (int m = 0; m <= n; m++) {
                    rho[n][m] += wp * p[m];
                }
            }
        }
        for (int n = 0; n < count; n++) {
            for (int m = 0; m < n; m++) {
                rho[m][n] = rho[n][m];
            }
        }
        return rho;
    }
}
