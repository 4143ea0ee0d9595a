package org.knudsen.fluid;

import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * Linearised flux-incompressible Maxwell–Stefan around c_∞ (PHYSICS.md §5.2): a perturbation
 * ĉ e^{ik·x} with Σ ĉ_i = 0 obeys dĉ/dt = −|k|² D ĉ with the Fick matrix D = diag(c_∞) A^#,
 * A^# = P_c A^+. The nonzero eigenvalues of D are 1/θ_m, with θ_m the N−1 nonzero eigenvalues of the symmetric
 * Ã = C^{-1/2} A C^{-1/2} (Ã_ii = Σ_{j≠i} c_j/Δ_ij, Ã_ij = −√(c_i c_j)/Δ_ij). With y_m the unit eigenvectors of
 * Ã, r_m = C^{1/2} y_m are right eigenvectors of D and w_m = C^{-1/2} y_m − mean (shifted along 1, which D
 * annihilates from the left on 1^⊥) left eigenvectors, biorthonormal (w_m·r_n = δ_mn, w_m·1 = 0): a_m = w_m·ĉ decays as exp(−|k|² t/θ_m). A constant ū only adds −ik·ū.
 * Everything is ordered by ascending decay rate (descending θ).
 */
public final class MaxwellStefanLinear {
    private final int n;
    private final double[] cInf;
    private final double[] theta;          // N−1 nonzero eigenvalues of Ã, descending (so 1/θ ascending)
    private final double[][] left;         // w_m
    private final double[][] right;        // r_m

    public MaxwellStefanLinear(double[][] delta, double[] cInf) {
        this.n = cInf.length;
        MaxwellStefanSolver.validateDelta(delta, n);
        this.cInf = cInf.clone();
        double[][] at = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    at[i][i] += cInf[j] / delta[i][j];
                    at[i][j] = -Math.sqrt(cInf[i] * cInf[j]) / delta[i][j];
                }
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(at);
        // drop the θ = 0 eigenvector, which is C^{1/2} 1 (pick the one most parallel to it, not just the smallest)
        double norm = 0;
        for (double c : cInf) {
            norm += c;
        }
        int drop = 0;
        double best = -1;
        for (int k = 0; k < n; k++) {
            double[] y = eig.vector(k);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += y[i] * Math.sqrt(cInf[i]);
            }
            double overlap = Math.abs(dot) / Math.sqrt(norm);
            if (overlap > best) {
                best = overlap;
                drop = k;
            }
        }
        theta = new double[n - 1];
        left = new double[n - 1][n];
        right = new double[n - 1][n];
        double[] values = eig.values();
        int m = 0;
        for (int k = n - 1; k >= 0; k--) {   // descending θ = ascending rate
            if (k == drop) {
                continue;
            }
            theta[m] = values[k];
            double[] y = eig.vector(k);
            for (int i = 0; i < n; i++) {
                left[m][i] = y[i] / Math.sqrt(cInf[i]);
                right[m][i] = y[i] * Math.sqrt(cInf[i]);
            }
            // shift w_m along 1 (the left null vector of D) so that it is also orthogonal to the right null vector
            // 1: then w_m is a left eigenvector of D on all of R^N, and still w_m · r_n = δ_mn since Σ_i r_n,i = 0
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += left[m][i] / n;
            }
            for (int i = 0; i < n; i++) {
                left[m][i] -= mean;
            }
            m++;
        }
    }

    public static MaxwellStefanLinear of(Mixture mixture) {
        return new MaxwellStefanLinear(TransportCoefficients.deltaMatrix(mixture), mixture.concentrations());
    }

    /** The N−1 nonzero eigenvalues θ_m of Ã, in the order of ascending decay rate. */
    public double[] thetas() {
        return theta.clone();
    }

    /** Nonzero eigenvalues 1/θ_m of the Fick matrix D, ascending. */
    public double[] fickEigenvalues() {
        double[] r = new double[n - 1];
        for (int m = 0; m < n - 1; m++) {
            r[m] = 1 / theta[m];
        }
        return r;
    }

    /** Decay rates |k|²/θ_m of a mode with integer wavevector k on a box of the given lengths, ascending. */
    public double[] decayRates(int[] wavevector, double[] lengths) {
        double[] k = FourierMode.angularWavevector(wavevector, lengths);
        double k2 = k[0] * k[0] + k[1] * k[1] + k[2] * k[2];
        double[] r = new double[n - 1];
        for (int m = 0; m < n - 1; m++) {
            r[m] = k2 / theta[m];
        }
        return r;
    }

    /** {@link #decayRates(int[], double[])} for a mixture, with Δ_ij from TransportCoefficients.deltaMatrix. */
    public static double[] decayRates(Mixture mixture, int[] wavevector, double[] lengths) {
        return of(mixture).decayRates(wavevector, lengths);
    }

    /**
     * Fastest Maxwell–Stefan decay rate over the slowest momentum relaxation rate (both scaled): Maxwell–Stefan is the
     * limit of the particles only when this is small; at 0.3 and above the species' inertia (a heavy species' velocity
     * lagging its Maxwell–Stefan value) changes the concentration decay by tens of per cent. NaN without rates.
     */
    public static double diffusiveSeparation(java.util.List<double[]> decayRates, double[] momentumRelaxationRates) {
        double fastest = Double.NaN;
        for (double[] r : decayRates) {
            for (double x : r) {
                fastest = Double.isNaN(fastest) ? x : Math.max(fastest, x);
            }
        }
        double slowest = Double.POSITIVE_INFINITY;
        for (double r : momentumRelaxationRates) {
            slowest = Math.min(slowest, r);
        }
        return fastest / slowest;
    }

    /** Left eigenvector w_m of D (project species amplitudes: a_m = w_m · ĉ). */
    public double[] leftEigenvector(int m) {
        return left[m].clone();
    }

    /** Right eigenvector r_m of D (a mode of pure decay: ĉ = r_m, Σ_i r_m,i = 0). */
    public double[] rightEigenvector(int m) {
        return right[m].clone();
    }

    /** The Fick matrix D = diag(c_∞) A^# = Σ_m r_m w_m^T / θ_m (acts on 1^⊥; zero on the 1 direction's dual). */
    public double[][] fickMatrix() {
        double[][] d = new double[n][n];
        for (int m = 0; m < n - 1; m++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[i][j] += right[m][i] * left[m][j] / theta[m];
                }
            }
        }
        return d;
    }

    /** Projection a_m = w_m · ĉ of species amplitudes on the eigen-combinations. */
    public double[] project(double[] amplitudes) {
        double[] a = new double[n - 1];
        for (int m = 0; m < n - 1; m++) {
            for (int i = 0; i < n; i++) {
                a[m] += left[m][i] * amplitudes[i];
            }
        }
        return a;
    }
}
