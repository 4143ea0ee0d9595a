package org.knudsen.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.knudsen.physics.Mixture;

/**
 * Chapman–Enskog transport of the mixture from the ε → 0 limit of the linearized operator (PHYSICS.md §5.4, §12), in
 * the units of PHYSICS.md §0 (θ = 1, masses m_i, strengths C_ij, ε = 1), each quantity as a {@link SonineSeries} in the
 * number P of Sonine terms (Burnett radial functions n < P of the l = 1 block for diffusion, thermal diffusion and heat
 * conduction, of the l = 2 block for viscosity). P = 1 is the first approximation for diffusion (the drifted
 * Maxwellian: Maxwell–Stefan with Δ_ij, exactly) and viscosity; heat conduction and thermal diffusion need the heat-flux
 * function n = 1, so their first approximation is P = 2.
 * <ul>
 * <li>Fick matrix D (comparable with Maxwell–Stefan's of PHYSICS.md §5.2, at c_∞): isothermal, at fixed pressure,
 *     number fluxes with Σ J_i = 0, dĉ/dt = −|k|² D ĉ on 1^⊥, D 1 = 0.</li>
 * <li>Thermal-diffusion ratios k_T,i: the steady zero-flux (Soret) state ∇x_i = −k_T,i ∇ln T, Σ k_T,i = 0
 *     (Chapman & Cowling's sign: positive for the species that goes to the cold side).</li>
 * <li>Shear viscosity η: traceless stress −2η (∇u)° ; η = −(3/4) ⟨s, L₂⁻¹ s⟩ with s = Σ_i m_i(v_z² − |v|²/3).</li>
 * <li>Thermal conductivity λ at zero diffusion flux: q = −λ ∇T in the Soret state.</li>
 * <li>ε → 0 mode rates for a wavenumber |k| (unscaled time of the scaled equation, as knudsen's ms_decay_rates):
 *     isothermal (temperature held fixed: N−1 concentration rates) and coupled (concentrations and temperature,
 *     N rates, thermal diffusion couples them for γ &gt; 0; PHYSICS.md §5.4 "Correction").</li>
 * </ul>
 * Immutable; computed on construction.
 */
public final class ChapmanEnskog {
    private final Mixture mixture;
    private final int maxTerms;
    private final SlowSubspace slow;
    private final double[][][] reduced;      // [P−1] → G (N×N) with P terms in l = 1
    private final double[] viscosity;        // [P−1]
    private final double[] l1Block;          // l = 1 block with maxTerms radial functions per species
    private final Transport transport;

    /** Diffusion, thermal diffusion, heat conduction and viscosity with Sonine terms P = 1 … maxTerms (≥ 2). */
    public static ChapmanEnskog of(Mixture mixture, int maxTerms) {
        return new ChapmanEnskog(mixture, maxTerms);
    }

    private ChapmanEnskog(Mixture mixture, int maxTerms) {
        if (maxTerms < 2) {
            throw new IllegalArgumentException("Chapman-Enskog needs at least 2 Sonine terms, got " + maxTerms);
        }
        this.mixture = mixture;
        this.maxTerms = maxTerms;
        this.slow = new SlowSubspace(mixture);
        int n = mixture.size();
        CollisionAssembler assembler = new CollisionAssembler(mixture);
        double[] l1 = assembler.block(1, maxTerms);
        double[] l2 = assembler.block(2, maxTerms);
        this.l1Block = l1;
        reduced = new double[maxTerms][][];
        viscosity = new double[maxTerms];
        for (int p = 1; p <= maxTerms; p++) {
            reduced[p - 1] = slow.reducedOperator(SlowSubspace.leading(l1, n, maxTerms, p), p);
            viscosity[p - 1] = viscosity(SlowSubspace.leading(l2, n, maxTerms, p), p);
        }
        this.transport = computeTransport();
    }

    public Mixture mixture() {
        return mixture;
    }

    public int maxTerms() {
        return maxTerms;
    }

    /** η = −(3/4) ⟨s, L₂⁻¹ s⟩, s = Σ_i √(4c_i/3) Ψ_{i,02} (Cholesky of −L₂, positive definite). */
    private double viscosity(double[] block, int rc) {
        int n = mixture.size(), size = n * rc;
        DMatrixRMaj m = new DMatrixRMaj(size, size);
        for (int e = 0; e < size * size; e++) {
            m.data[e] = -block[e];
        }
        DMatrixRMaj s = new DMatrixRMaj(size, 1), y = new DMatrixRMaj(size, 1);
        for (int i = 0; i < n; i++) {
            s.set(i * rc, 0, Math.sqrt(4 * mixture.concentration(i) / 3));
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(size);
        if (!chol.setA(m)) {
            throw new ArithmeticException("l=2 collision block is not negative definite");
        }
        chol.solve(s, y);
        double dot = 0;
        for (int r = 0; r < size; r++) {
            dot += s.get(r, 0) * y.get(r, 0);
        }
        return 0.75 * dot;     // −(3/4)⟨s, L⁻¹s⟩ = (3/4)⟨s, (−L)⁻¹ s⟩
    }

    /** The results, as plain data. */
    public Transport transport() {
        return transport;
    }

    /**
     * Transport coefficients: the Fick matrix (with its first approximation = Maxwell–Stefan's) and its
     * eigenvalues per P, thermal-diffusion ratios per species, shear viscosity and thermal conductivity.
     */
    public record Transport(int maxTerms, double[][] fickMatrix, double[][] fickFirstApproximation,
                            SonineSeries[] fickEigenvalues, SonineSeries[] thermalDiffusionRatios,
                            SonineSeries shearViscosity, SonineSeries thermalConductivity) {
    }

    /**
     * ε → 0 decay rates of a mode of wavenumber |k| (scaled units, k = 2πn/L): isothermal[P−1][m] (N−1, ascending)
     * and coupled[P−1][m] (N, ascending) with thermalIndex[P−1] the position of the thermal-type one (largest
     * overlap with the temperature direction; −1 for P = 1, where the heat-flux function is missing and the
     * thermal rate is 0), plus the adiabatic sound speed √(5C/(3ρ)) (the sound pair is ±i c_s |k|/ε at leading order).
     */
    public record ModeRates(double wavenumber, double[][] isothermal, double[][] coupled, int[] thermalIndex,
                            double soundSpeed) {
        /** The converged isothermal rates. */
        public double[] isothermalRates() {
            return isothermal[isothermal.length - 1].clone();
        }

        /** The converged coupled rates. */
        public double[] coupledRates() {
            return coupled[coupled.length - 1].clone();
        }

        /** The converged coupled rates without the thermal-type one: the N − 1 concentration rates, ascending. */
        public double[] coupledConcentrationRates() {
            double[] all = coupledRates();
            int thermal = thermalIndex[thermalIndex.length - 1];
            double[] out = new double[all.length - 1];
            for (int m = 0, k = 0; m < all.length; m++) {
                if (m != thermal) {
                    out[k++] = all[m];
                }
            }
            return out;
        }

        /** The converged coupled thermal-type rate (the one left out by {@link #coupledConcentrationRates}). */
        public double coupledThermalRate() {
            return coupledRates()[thermalIndex[thermalIndex.length - 1]];
        }
    }

    public ModeRates modeRates(double wavenumber) {
        int n = mixture.size();
        double k2 = wavenumber * wavenumber;
        double[][] iso = new double[maxTerms][], coupled = new double[maxTerms][];
        int[] thermal = new int[maxTerms];
        for (int p = 0; p < maxTerms; p++) {
            double[][] g = reduced[p];
            iso[p] = new double[n - 1];
            if (n > 1) {
                Eigen ec = Eigen.of(compositionBlock(g));
                for (int m = 0; m < n - 1; m++) {
                    iso[p][m] = -k2 * ec.values[n - 2 - m];
                }
            }
            Eigen e = Eigen.of(g);
            coupled[p] = new double[n];
            double best = -1;
            thermal[p] = -1;
            for (int m = 0; m < n; m++) {
                int src = n - 1 - m;                       // ascending rate = descending eigenvalue
                coupled[p][m] = -k2 * e.values[src];
                double overlap = Math.abs(e.vectors[src][n - 1]);
                if (p > 0 && overlap > best) {
                    best = overlap;
                    thermal[p] = m;
                }
            }
        }
        double rho = 0;
        for (int i = 0; i < n; i++) {
            rho += mixture.mass(i) * mixture.concentration(i);
        }
        return new ModeRates(wavenumber, iso, coupled, thermal, Math.sqrt(5 * mixture.totalConcentration() / (3 * rho)));
    }

    /** Reduced operator G with P terms (for ModeDynamics and tests). */
    double[][] reducedOperator(int terms) {
        double[][] g = reduced[terms - 1];
        double[][] out = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            out[i] = g[i].clone();
        }
        return out;
    }

    private Transport computeTransport() {
        int n = mixture.size();
        double[][][] fick = new double[maxTerms][][];
        double[][] fickEig = new double[n - 1][maxTerms];
        double[][] kT = new double[n][maxTerms - 1];
        double[] conductivity = new double[maxTerms - 1];
        for (int p = 1; p <= maxTerms; p++) {
            double[][] g = reduced[p - 1];
            fick[p - 1] = fickMatrix(g);
            if (n > 1) {
                Eigen ec = Eigen.of(compositionBlock(g));
                for (int m = 0; m < n - 1; m++) {
                    fickEig[m][p - 1] = -ec.values[n - 2 - m];
                }
            }
            if (p >= 2) {
                double[] soret = soretState(g);                     // W coordinates, thermal coefficient 1
                double dT = slow.thermalTemperature();
                double[] a = toComposition(soret);                  // ĉ_i of the composition part
                for (int i = 0; i < n; i++) {
                    kT[i][p - 2] = -(a[i] / mixture.totalConcentration()) / dT;
                }
                conductivity[p - 2] = conductivity(soret, p) / dT;
            }
        }
        SonineSeries[] fe = new SonineSeries[n - 1];
        for (int m = 0; m < n - 1; m++) {
            fe[m] = new SonineSeries(1, fickEig[m]);
        }
        SonineSeries[] kts = new SonineSeries[n];
        for (int i = 0; i < n; i++) {
            kts[i] = new SonineSeries(2, kT[i]);
        }
        return new Transport(maxTerms, fick[maxTerms - 1], fick[0], fe, kts, new SonineSeries(1, viscosity),
                new SonineSeries(2, conductivity));
    }

    /** The (N−1)×(N−1) isothermal (composition) block of G. */
    private static double[][] compositionBlock(double[][] g) {
        int n = g.length;
        double[][] gc = new double[n - 1][n - 1];
        for (int a = 0; a < n - 1; a++) {
            System.arraycopy(g[a], 0, gc[a], 0, n - 1);
        }
        return gc;
    }

    /** D = −C^{1/2} Q G_c Qᵀ C^{−1/2} (I − 11ᵀ/N) (isothermal block G_c, Q the composition basis). */
    private double[][] fickMatrix(double[][] g) {
        int n = mixture.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < n - 1; a++) {
                    for (int b = 0; b < n - 1; b++) {
                        s += slow.basis[a][i] * g[a][b] * slow.basis[b][j];
                    }
                }
                m[i][j] = -Math.sqrt(mixture.concentration(i)) * s / Math.sqrt(mixture.concentration(j));
            }
        }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += m[i][j];
            }
            for (int j = 0; j < n; j++) {
                d[i][j] = m[i][j] - row / n;
            }
        }
        return d;
    }

    /** W coordinates (z_1..z_{N−1}, 1) of the zero-flux state: G_c z = −G_cT. */
    private double[] soretState(double[][] g) {
        int n = mixture.size();
        double[] z = new double[n];
        z[n - 1] = 1;
        if (n == 1) {
            return z;
        }
        DMatrixRMaj gc = new DMatrixRMaj(n - 1, n - 1), rhs = new DMatrixRMaj(n - 1, 1), sol = new DMatrixRMaj(n - 1, 1);
        for (int a = 0; a < n - 1; a++) {
            for (int b = 0; b < n - 1; b++) {
                gc.set(a, b, g[a][b]);
            }
            rhs.set(a, 0, -g[a][n - 1]);
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n - 1);
        lu.setA(gc);
        lu.solve(rhs, sol);
        for (int a = 0; a < n - 1; a++) {
            z[a] = sol.get(a, 0);
        }
        return z;
    }

    /** ĉ_i = √c_i a_i of the composition part Σ_{m<N−1} z_m w_m. */
    private double[] toComposition(double[] z) {
        int n = mixture.size();
        double[] c = new double[n];
        for (int m = 0; m < n - 1; m++) {
            for (int i = 0; i < n; i++) {
                c[i] += z[m] * slow.basis[m][i] * Math.sqrt(mixture.concentration(i));
            }
        }
        return c;
    }

    /** −⟨s_q, L₁⁺ V x⟩ for the state x = Σ z_m w_m, s_q = Σ_i √(5c_i/(2m_i)) Ψ_{i,11}; divide by δT for λ. */
    private double conductivity(double[] z, int rc) {
        int n = mixture.size();
        double[] x = new double[n + 1];
        for (int m = 0; m < n; m++) {
            for (int e = 0; e <= n; e++) {
                x[e] += z[m] * slow.basis[m][e];
            }
        }
        double[] l1 = SlowSubspace.leading(l1Block, n, maxTerms, rc);
        double[] y = slow.pseudoInverseSolve(l1, rc, new double[][] {slow.streamed(x, rc)})[0];
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += Math.sqrt(5 * mixture.concentration(i) / (2 * mixture.mass(i))) * y[i * rc + 1];
        }
        return -q;
    }

    /** Symmetric eigen-decomposition, ascending values, vectors[k] the k-th unit eigenvector. */
    record Eigen(double[] values, double[][] vectors) {
        static Eigen of(double[][] a) {
            int n = a.length;
            DMatrixRMaj m = new DMatrixRMaj(a);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(m)) {
                throw new ArithmeticException("symmetric eigendecomposition failed");
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
            double[] v = new double[n];
            double[][] vec = new double[n][n];
            for (int k = 0; k < n; k++) {
                v[k] = eig.getEigenvalue(order[k]).real;
                DMatrixRMaj e = eig.getEigenVector(order[k]);
                for (int i = 0; i < n; i++) {
                    vec[k][i] = e.get(i);
                }
            }
            return new Eigen(v, vec);
        }
    }
}
