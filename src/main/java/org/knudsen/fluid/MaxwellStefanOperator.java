package org.knudsen.fluid;

import org.knudsen.physics.Grid;

/**
 * The right-hand side of the nonlinear Maxwell–Stefan system in flux form (PHYSICS.md §5.1), on full
 * concentrations c_i on a periodic grid:
 * <pre>
 *   ∂_t c_i = −∇·N_i,   −∇c_i = Σ_j (c_j N_i − c_i N_j)/Δ_ij,   Σ_i N_i = C0 ū.
 * </pre>
 * Writing N_i = c_i ū + J_i, the ū part drops out of the friction sum, so J solves the singular MS system
 * B(c) J = −∇c with B_ii = Σ_{j≠i} c_j/Δ_ij, B_ij = −c_i/Δ_ij (columns of B sum to zero, so its rows are
 * dependent), closed by Σ_i J_i = 0. We replace the last row by that closure ("row replacement", §5.1) and solve
 * the N×N system per grid point by Gaussian elimination with partial pivoting (N is small; no allocation).
 *
 * Flat layouts: a concentration field c[i·P + p]; a vector field v[(i·3 + d)·P + p] (d = 0,1,2 always, the
 * components along axes with one point are c_i ū_d for fluxes and 0 for gradients). Not thread-safe.
 */
final class MaxwellStefanOperator {
    private final int n;
    private final int points;
    private final double[] invDelta;   // 1/Δ_ij, zero diagonal
    private final double[] meanVelocity;
    private final int[] activeAxes;
    private final SpectralDerivative spectral;
    private final double[] grad;
    private final double[] mat;
    private final double[] rhs;
    private final double[] cp;

    MaxwellStefanOperator(double[][] delta, double[] meanVelocity, Grid grid) {
        this.n = delta.length;
        this.points = grid.points();
        this.invDelta = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                invDelta[i * n + j] = i == j ? 0 : 1 / delta[i][j];
            }
        }
        this.meanVelocity = meanVelocity.clone();
        int count = 0;
        for (int d = 0; d < 3; d++) {
            count += grid.cells(d) > 1 ? 1 : 0;
        }
        activeAxes = new int[count];
        for (int d = 0, k = 0; d < 3; d++) {
            if (grid.cells(d) > 1) {
                activeAxes[k++] = d;
            }
        }
        this.spectral = new SpectralDerivative(grid);
        this.grad = new double[n * 3 * points];
        this.mat = new double[n * n];
        this.rhs = new double[n * 3];
        this.cp = new double[n];
    }

    int species() {
        return n;
    }

    int points() {
        return points;
    }

    double[] meanVelocity() {
        return meanVelocity.clone();
    }

    SpectralDerivative spectral() {
        return spectral;
    }

    /** out[(i·3+d)·P + p] = ∂_d f_i for a species field f (components along trivial axes are 0). */
    void gradient(double[] f, double[] out) {
        java.util.Arrays.fill(out, 0, n * 3 * points, 0.0);
        for (int d : activeAxes) {
            for (int i = 0; i < n; i += 2) {
                boolean pair = i + 1 < n;
                spectral.derivative(d, f, i * points, pair ? f : null, (i + 1) * points,
                        out, (i * 3 + d) * points, pair ? out : null, ((i + 1) * 3 + d) * points, false);
            }
        }
    }

    /** out[i·P + p] = −∇·v_i for a species vector field v (layout (i·3+d)·P + p). */
    void negativeDivergence(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0, n * points, 0.0);
        for (int d : activeAxes) {
            for (int i = 0; i < n; i += 2) {
                boolean pair = i + 1 < n;
                spectral.derivative(d, v, (i * 3 + d) * points, pair ? v : null, ((i + 1) * 3 + d) * points,
                        out, i * points, pair ? out : null, (i + 1) * points, true);
            }
        }
        for (int k = 0; k < n * points; k++) {
            out[k] = -out[k];
        }
    }

    /** Fluxes N_i = c_i u_i at every point, from the MS relation at concentrations c. */
    void fluxes(double[] c, double[] flux) {
        gradient(c, grad);
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < n; i++) {
                cp[i] = c[i * points + p];
            }
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < activeAxes.length; a++) {
                    rhs[i * 3 + a] = -grad[(i * 3 + activeAxes[a]) * points + p];
                }
            }
            solveConstrained(cp, rhs, activeAxes.length);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) {
                    flux[(i * 3 + d) * points + p] = cp[i] * meanVelocity[d];
                }
                for (int a = 0; a < activeAxes.length; a++) {
                    flux[(i * 3 + activeAxes[a]) * points + p] += rhs[i * 3 + a];
                }
            }
        }
    }

    /** ∂_t c = −∇·N(c): the MS right-hand side; flux is scratch of size N·3·P and holds N(c) afterwards. */
    void rhs(double[] c, double[] flux, double[] dcdt) {
        fluxes(c, flux);
        negativeDivergence(flux, dcdt);
    }

    /**
     * ∂_t N given c, N(c) and ċ = ∂_t c: differentiate B(c) J = −∇c in time, B(c) ∂_tJ = −∇ċ − B(ċ) J with
     * Σ ∂_tJ_i = 0 (B is linear in c), and ∂_tN_i = ∂_tJ_i + ċ_i ū. dFlux has the vector layout.
     */
    void fluxTimeDerivative(double[] c, double[] flux, double[] dcdt, double[] dFlux) {
        gradient(dcdt, grad);
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < n; i++) {
                cp[i] = c[i * points + p];
            }
            for (int a = 0; a < activeAxes.length; a++) {
                int d = activeAxes[a];
                for (int i = 0; i < n; i++) {
                    // (B(ċ) J)_i = Σ_j (ċ_j J_i − ċ_i J_j)/Δ_ij with J = N − c ū
                    double ji = flux[(i * 3 + d) * points + p] - cp[i] * meanVelocity[d];
                    double dci = dcdt[i * points + p];
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            double jj = flux[(j * 3 + d) * points + p] - cp[j] * meanVelocity[d];
                            s += (dcdt[j * points + p] * ji - dci * jj) * invDelta[i * n + j];
                        }
                    }
                    rhs[i * 3 + a] = -grad[(i * 3 + d) * points + p] - s;
                }
            }
            solveConstrained(cp, rhs, activeAxes.length);
            for (int i = 0; i < n; i++) {
                double dci = dcdt[i * points + p];
                for (int d = 0; d < 3; d++) {
                    dFlux[(i * 3 + d) * points + p] = dci * meanVelocity[d];
                }
                for (int a = 0; a < activeAxes.length; a++) {
                    dFlux[(i * 3 + activeAxes[a]) * points + p] += rhs[i * 3 + a];
                }
            }
        }
    }

    /**
     * Solves B(c) X = R with the last row replaced by Σ_i X_i = 0, for m right-hand sides stored in r[i·3 + a]
     * (overwritten with X). Gaussian elimination with partial pivoting on the scratch matrix.
     */
    void solveConstrained(double[] c, double[] r, int m) {
        double[] a = mat;
        for (int i = 0; i < n - 1; i++) {
            double diag = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double w = invDelta[i * n + j];
                    diag += c[j] * w;
                    a[i * n + j] = -c[i] * w;
                }
            }
            a[i * n + i] = diag;
        }
        for (int j = 0; j < n; j++) {
            a[(n - 1) * n + j] = 1.0;
        }
        for (int q = 0; q < m; q++) {
            r[(n - 1) * 3 + q] = 0.0;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            double best = Math.abs(a[col * n + col]);
            for (int row = col + 1; row < n; row++) {
                double v = Math.abs(a[row * n + col]);
                if (v > best) {
                    best = v;
                    piv = row;
                }
            }
            if (piv != col) {
                for (int j = 0; j < n; j++) {
                    double t = a[col * n + j];
                    a[col * n + j] = a[piv * n + j];
                    a[piv * n + j] = t;
                }
                for (int q = 0; q < m; q++) {
                    double t = r[col * 3 + q];
                    r[col * 3 + q] = r[piv * 3 + q];
                    r[piv * 3 + q] = t;
                }
            }
            double inv = 1 / a[col * n + col];
            for (int row = col + 1; row < n; row++) {
                double f = a[row * n + col] * inv;
                if (f != 0) {
                    for (int j = col + 1; j < n; j++) {
                        a[row * n + j] -= f * a[col * n + j];
                    }
                    for (int q = 0; q < m; q++) {
                        r[row * 3 + q] -= f * r[col * 3 + q];
                    }
                }
            }
        }
        for (int col = n - 1; col >= 0; col--) {
            double inv = 1 / a[col * n + col];
            for (int q = 0; q < m; q++) {
                double s = r[col * 3 + q];
                for (int j = col + 1; j < n; j++) {
                    s -= a[col * n + j] * r[j * 3 + q];
                }
                r[col * 3 + q] = s * inv;
            }
        }
    }
}
