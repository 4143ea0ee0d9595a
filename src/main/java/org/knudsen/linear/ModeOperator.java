package org.knudsen.linear;

/**
 * The real form of A = −(i/ε) k v·k̂ + L/ε² for one Fourier mode (PHYSICS.md §12): with complex Burnett
 * coefficients c = i^l d (functions odd in v·k̂ multiplied by i), d' = Ã d with Ã = L/ε² + (k/ε) S, S the streaming
 * matrix V made antisymmetric: S_{l+1,l} = −V_{l+1,l}, S_{l,l+1} = +V_{l,l+1}. Ã is block-tridiagonal in l; its
 * symmetric part L/ε² is ≤ 0, so e^{tÃ} is a contraction; Ãᵀ = P Ã P with P = diag((−1)^l), so x ↦ P x maps right
 * eigenvectors to left ones (bilinear, no conjugation).
 */
final class ModeOperator {
    final LinearizedBoltzmann op;
    final BurnettBasis basis;
    final double wavenumber;
    final double epsilon;
    /** L blocks scaled by 1/ε². */
    final double[][] diag;
    /** (k/ε) V_{l+1,l}: per l, per species, per n: coupling to (l+1, n) and to (l+1, n−1). */
    final double[][] upperSame, upperLower;

    ModeOperator(LinearizedBoltzmann op, double wavenumber, double epsilon) {
        if (!(epsilon > 0) || !(wavenumber >= 0)) {
            throw new IllegalArgumentException("need epsilon > 0 and |k| >= 0, got " + epsilon + ", " + wavenumber);
        }
        this.op = op;
        this.basis = op.basis();
        this.wavenumber = wavenumber;
        this.epsilon = epsilon;
        int degree = basis.degree(), species = basis.species();
        diag = new double[degree + 1][];
        double inv = 1 / (epsilon * epsilon);
        for (int l = 0; l <= degree; l++) {
            diag[l] = op.block(l);
            for (int e = 0; e < diag[l].length; e++) {
                diag[l][e] *= inv;
            }
        }
        upperSame = new double[degree][];
        upperLower = new double[degree][];
        double scale = wavenumber / epsilon;
        for (int l = 0; l < degree; l++) {
            int rc = basis.radialCount(l);
            upperSame[l] = new double[species * rc];
            upperLower[l] = new double[species * rc];
            for (int i = 0; i < species; i++) {
                for (int n = 0; n < rc; n++) {
                    // (l+1, n) exists iff 2n + l + 1 ≤ K; (l+1, n−1) always for n ≥ 1
                    if (2 * n + l + 1 <= degree) {
                        upperSame[l][i * rc + n] = scale * op.streaming(i, n, l, false);
                    }
                    if (n >= 1) {
                        upperLower[l][i * rc + n] = scale * op.streaming(i, n, l, true);
                    }
                }
            }
        }
    }

    int size() {
        return basis.size();
    }

    /** y = Ã x. */
    void apply(double[] x, double[] y) {
        op.applyScaled(x, y, diag);
        int degree = basis.degree(), species = basis.species();
        for (int l = 0; l < degree; l++) {
            int rc = basis.radialCount(l), rcUp = basis.radialCount(l + 1);
            int off = basis.blockOffset(l), offUp = basis.blockOffset(l + 1);
            for (int i = 0; i < species; i++) {
                for (int n = 0; n < rc; n++) {
                    int low = off + i * rc + n;
                    double a = upperSame[l][i * rc + n], b = upperLower[l][i * rc + n];
                    if (a != 0) {
                        int up = offUp + i * rcUp + n;
                        y[up] -= a * x[low];
                        y[low] += a * x[up];
                    }
                    if (b != 0) {
                        int up = offUp + i * rcUp + n - 1;
                        y[up] -= b * x[low];
                        y[low] += b * x[up];
                    }
                }
            }
        }
    }

    /** ‖Ã − μ I‖₁ (largest column sum). */
    double norm1(double mu) {
        double[] col = new double[size()];
        int degree = basis.degree(), species = basis.species();
        for (int l = 0; l <= degree; l++) {
            int off = basis.blockOffset(l), s = basis.blockSize(l);
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s; c++) {
                    double v = diag[l][r * s + c] - (r == c ? mu : 0);
                    col[off + c] += Math.abs(v);
                }
            }
        }
        for (int l = 0; l < degree; l++) {
            int rc = basis.radialCount(l), rcUp = basis.radialCount(l + 1);
            int off = basis.blockOffset(l), offUp = basis.blockOffset(l + 1);
            for (int i = 0; i < species; i++) {
                for (int n = 0; n < rc; n++) {
                    double a = Math.abs(upperSame[l][i * rc + n]), b = Math.abs(upperLower[l][i * rc + n]);
                    col[off + i * rc + n] += a + b;
                    if (a != 0) {
                        col[offUp + i * rcUp + n] += a;
                    }
                    if (b != 0) {
                        col[offUp + i * rcUp + n - 1] += b;
                    }
                }
            }
        }
        double max = 0;
        for (double v : col) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Mean of the diagonal of Ã (the shift that centres the spectrum for the Taylor series). */
    double meanDiagonal() {
        double sum = 0;
        for (int l = 0; l <= basis.degree(); l++) {
            int s = basis.blockSize(l);
            for (int r = 0; r < s; r++) {
                sum += diag[l][r * s + r];
            }
        }
        return sum / size();
    }

    /** Ã as a dense row-major matrix (small degrees, tests). */
    double[][] dense() {
        int n = size();
        double[][] a = new double[n][n];
        double[] e = new double[n], y = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            apply(e, y);
            for (int r = 0; r < n; r++) {
                a[r][c] = y[r];
            }
        }
        return a;
    }

    /** (−1)^l of each basis index (the parity P). */
    double parity(int index) {
        int l = 0;
        while (basis.blockOffset(l + 1) <= index) {
            l++;
        }
        return l % 2 == 0 ? 1 : -1;
    }
}
