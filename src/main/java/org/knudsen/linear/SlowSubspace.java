package org.knudsen.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.knudsen.physics.Mixture;

/**
 * The ε → 0 (Chapman–Enskog) reduction of A = −(i/ε) k·v + L/ε² (PHYSICS.md §12) on the slow subspace W: the l = 0
 * collision invariants with no pressure perturbation (first-order streaming P₀SP₀ vanishes on them; the two others
 * with momentum carry the sound pair ±i c_s k/ε). In the real form of A, W's modes have eigenvalues λ → k² g with g the
 * eigenvalues of the symmetric N×N matrix G = ⟨V w_a, L₁⁺ V w_b⟩ (≤ 0), V the streaming v·k̂ from l = 0 to l = 1 and L₁⁺
 * the pseudo-inverse of the l = 1 block (null vector: momentum). Basis of W, in coordinates x = Σ a_i Ψ_{i,00} + b Ê with
 * Ê = Σ_i √(c_i/C) Ψ_{i,10} (the energy direction orthogonal to the numbers): w_1..w_{N−1} orthonormal with
 * Σ √c_i a_i = 0, b = 0 (pure composition changes at fixed T and p), and w_N = x̂_T with a_i = −√(2/5)√(c_i/C),
 * b = √(3/5) (temperature at fixed p and composition; δT = √(2/5)/√C).
 */
final class SlowSubspace {
    final Mixture mixture;
    final int species;
    /** W basis in (a_1..a_N, b) coordinates: rows w_0..w_{N−1}, the last one thermal. */
    final double[][] basis;

    SlowSubspace(Mixture mixture) {
        this.mixture = mixture;
        this.species = mixture.size();
        this.basis = new double[species][species + 1];
        double total = mixture.totalConcentration();
        // orthonormal complement of (√c_i) in R^N by Gram–Schmidt on the unit vectors
        double[][] q = new double[species][];
        double[] u = new double[species];
        for (int i = 0; i < species; i++) {
            u[i] = Math.sqrt(mixture.concentration(i) / total);
        }
        q[0] = u;
        int found = 1;
        for (int e = 0; e < species && found < species; e++) {
            double[] v = new double[species];
            v[e] = 1;
            for (int k = 0; k < found; k++) {
                double dot = 0;
                for (int i = 0; i < species; i++) {
                    dot += q[k][i] * v[i];
                }
                for (int i = 0; i < species; i++) {
                    v[i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            if (norm > 1e-6) {
                norm = Math.sqrt(norm);
                for (int i = 0; i < species; i++) {
                    v[i] /= norm;
                }
                q[found++] = v;
            }
        }
        for (int m = 0; m < species - 1; m++) {
            System.arraycopy(q[m + 1], 0, basis[m], 0, species);
        }
        for (int i = 0; i < species; i++) {
            basis[species - 1][i] = -Math.sqrt(0.4) * u[i];
        }
        basis[species - 1][species] = Math.sqrt(0.6);
    }

    /** Temperature amplitude of the thermal basis vector x̂_T: √(2/5)/√C. */
    double thermalTemperature() {
        return Math.sqrt(0.4 / mixture.totalConcentration());
    }

    /** V w in the l = 1 coordinates (p·rc + n), n < rc (rc ≥ 1; the n = 1 part needs rc ≥ 2). */
    double[] streamed(double[] w, int rc) {
        double[] out = new double[species * rc];
        double total = mixture.totalConcentration();
        for (int i = 0; i < species; i++) {
            double sm = Math.sqrt(mixture.mass(i)), e = w[species] * Math.sqrt(mixture.concentration(i) / total);
            out[i * rc] = (w[i] * BurnettBasis.streaming(0, 0, false) + e * BurnettBasis.streaming(1, 0, true)) / sm;
            if (rc > 1) {
                out[i * rc + 1] = e * BurnettBasis.streaming(1, 0, false) / sm;
            }
        }
        return out;
    }

    /** The momentum null vector of the l = 1 block, normalised: √(m_i c_i/ρ) on (i, n = 0). */
    double[] momentum(int rc) {
        double rho = 0;
        for (int i = 0; i < species; i++) {
            rho += mixture.mass(i) * mixture.concentration(i);
        }
        double[] p = new double[species * rc];
        for (int i = 0; i < species; i++) {
            p[i * rc] = Math.sqrt(mixture.mass(i) * mixture.concentration(i) / rho);
        }
        return p;
    }

    /**
     * Solves L₁ y = r for the l = 1 block (row-major, species·rc square) with y ⊥ momentum, for several right-hand
     * sides r ⊥ momentum: Cholesky of −L₁ + p pᵀ, which is positive definite.
     */
    double[][] pseudoInverseSolve(double[] block, int rc, double[][] rhs) {
        int size = species * rc;
        double[] p = momentum(rc);
        DMatrixRMaj m = new DMatrixRMaj(size, size);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                m.set(r, c, -block[r * size + c] + p[r] * p[c]);
            }
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(size);
        if (!chol.setA(m)) {
            throw new ArithmeticException("l=1 collision block is not negative definite off momentum");
        }
        DMatrixRMaj b = new DMatrixRMaj(size, rhs.length), x = new DMatrixRMaj(size, rhs.length);
        for (int k = 0; k < rhs.length; k++) {
            for (int r = 0; r < size; r++) {
                b.set(r, k, -rhs[k][r]);
            }
        }
        chol.solve(b, x);
        double[][] out = new double[rhs.length][size];
        for (int k = 0; k < rhs.length; k++) {
            for (int r = 0; r < size; r++) {
                out[k][r] = x.get(r, k);
            }
        }
        return out;
    }

    /** The reduced operator G (N×N, symmetric, ≤ 0) from an l = 1 block with rc radial functions per species. */
    double[][] reducedOperator(double[] block, int rc) {
        double[][] v = new double[species][];
        for (int a = 0; a < species; a++) {
            v[a] = streamed(basis[a], rc);
        }
        double[][] y = pseudoInverseSolve(block, rc, v);
        double[][] g = new double[species][species];
        for (int a = 0; a < species; a++) {
            for (int b = 0; b < species; b++) {
                double s = 0;
                for (int r = 0; r < v[a].length; r++) {
                    s += v[a][r] * y[b][r];
                }
                g[a][b] = s;
            }
        }
        for (int a = 0; a < species; a++) {          // symmetrise the rounding
            for (int b = 0; b < a; b++) {
                double s = 0.5 * (g[a][b] + g[b][a]);
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        return g;
    }

    /** Sub-block of a row-major (species·rc)² block keeping radial indices n < count. */
    static double[] leading(double[] block, int species, int rc, int count) {
        int size = species * rc, sub = species * count;
        double[] out = new double[sub * sub];
        for (int p = 0; p < species; p++) {
            for (int n = 0; n < count; n++) {
                for (int q = 0; q < species; q++) {
                    for (int m = 0; m < count; m++) {
                        out[(p * count + n) * sub + q * count + m] = block[(p * rc + n) * size + q * rc + m];
                    }
                }
            }
        }
        return out;
    }
}
