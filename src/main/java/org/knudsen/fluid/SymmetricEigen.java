package org.knudsen.fluid;

/**
 * Eigenvalues and orthonormal eigenvectors of a small real symmetric matrix by cyclic Jacobi rotations
 * (accurate to a few ulps of the largest eigenvalue; meant for N ≤ ~10).
 */
public final class SymmetricEigen {
    private final double[] values;
    private final double[][] vectors; // vectors[k] is the k-th eigenvector (unit length)

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix a (not modified); eigenpairs sorted by ascending eigenvalue. */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix row " + i + " has " + a[i].length + " entries, need " + n);
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        off += m[i][j] * m[i][j];
                    }
                    scale += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-32 * scale || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    // rotation angle that zeroes m[p][q] (Golub & Van Loan, Alg. 8.4.1)
                    double tau = (m[q][q] - m[p][p]) / (2 * apq);
                    double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    if (tau == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[][] mm = m;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(mm[x][x], mm[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    public double[] values() {
        return values.clone();
    }

    /** The k-th unit eigenvector (same order as {@link #values()}). */
    public double[] vector(int k) {
        return vectors[k].clone();
    }
}
