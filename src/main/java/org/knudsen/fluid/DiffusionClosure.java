package org.knudsen.fluid;

import org.knudsen.linear.ChapmanEnskog;
import org.knudsen.linear.LinearAnalysis;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.ParameterException;
import org.knudsen.physics.TransportCoefficients;

/**
 * Which binary coefficients Δ_ij the Maxwell–Stefan solver takes (scenario key {@code [fluid] closure}).
 * <ul>
 * <li>{@link #MAXWELL_STEFAN} ({@code "maxwell-stefan"}, the default): Δ_ij of PHYSICS.md §1, the momentum exchange
 *     between drifted Maxwellians, i.e. the first Chapman–Enskog approximation; exact for Maxwell molecules.</li>
 * <li>{@link #CHAPMAN_ENSKOG} ({@code "chapman-enskog"}): the effective Δ_ij whose Maxwell–Stefan Fick matrix, at the
 *     background composition c_∞, equals the Sonine-converged isothermal Chapman–Enskog Fick matrix of the linearized
 *     Boltzmann operator ({@link ChapmanEnskog}, PHYSICS.md §5.4, §12). The nonlinear solver then uses these Δ_ij,
 *     held fixed, at every composition: the linear rates of the solver are the Chapman–Enskog isothermal rates, the
 *     composition dependence of the higher Sonine approximations is not followed. For γ = 0 the two closures give the
 *     same Δ_ij (PHYSICS.md §5.4: more Sonine terms change nothing for Maxwell molecules).</li>
 * </ul>
 * <p>
 * From a Fick matrix to Δ_ij. Linearised Maxwell–Stefan (PHYSICS.md §5.1–5.2) reads −∇c = A u, Σ_i c_i u_i = 0, with
 * the symmetric A of zero row sums, A_ij = −c_i c_j/Δ_ij (i ≠ j); the flux J = C u = −D ∇c. So B = C^{-1} D maps
 * 1^⊥ onto c^⊥ (D 1 = 0), and A is its inverse there with A 1 = 0: A = (B + 1 1ᵀ)^{-1} − 1 cᵀ/(N c·1) (B + 1 1ᵀ is
 * invertible because R^N = c^⊥ ⊕ span 1). The count matches: N(N−1)/2 coefficients Δ_ij against the N(N−1)/2
 * entries of the symmetric isothermal Chapman–Enskog block, so every Chapman–Enskog Fick matrix has exactly one
 * such set of Δ_ij, which may however fail to be positive (then the closure is refused).
 */
public enum DiffusionClosure {
    MAXWELL_STEFAN("maxwell-stefan"),
    CHAPMAN_ENSKOG("chapman-enskog");

    /** The rule of the scenario key. */
    public static final String RULE = "must be \"maxwell-stefan\" (Delta_ij of PHYSICS.md 1) or \"chapman-enskog\" "
            + "(Sonine-converged Chapman-Enskog diffusion at the background composition)";
    /** Sonine terms of the Chapman–Enskog closure (those of {@link LinearAnalysis#converged}). */
    public static final int SONINE_TERMS = LinearAnalysis.SONINE_TERMS;

    private final String key;

    DiffusionClosure(String key) {
        this.key = key;
    }

    /** The TOML spelling. */
    public String key() {
        return key;
    }

    /** The closure named by a scenario value; a {@link ParameterException} for "closure" otherwise. */
    public static DiffusionClosure ofKey(String key) {
        for (DiffusionClosure c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new ParameterException("closure", RULE);
    }

    /** The Δ_ij (N × N, zero diagonal) the Maxwell–Stefan solver takes for the mixture under this closure. */
    public double[][] delta(Mixture mixture) {
        return switch (this) {
            case MAXWELL_STEFAN -> TransportCoefficients.deltaMatrix(mixture);
            case CHAPMAN_ENSKOG -> deltaFromFickMatrix(
                    ChapmanEnskog.of(mixture, SONINE_TERMS).transport().fickMatrix(), mixture.concentrations());
        };
    }

    /** {@link MaxwellStefanLinear} of the mixture with this closure's Δ_ij. */
    public MaxwellStefanLinear linear(Mixture mixture) {
        return new MaxwellStefanLinear(delta(mixture), mixture.concentrations());
    }

    /**
     * The Δ_ij whose linearised Maxwell–Stefan Fick matrix at c is {@code fick} (D 1 = 0; see the class comment).
     *
     * @throws IllegalArgumentException if a Δ_ij comes out non-positive or non-finite (no Maxwell–Stefan form)
     */
    public static double[][] deltaFromFickMatrix(double[][] fick, double[] c) {
        int n = c.length;
        double total = 0;
        for (double x : c) {
            total += x;
        }
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = fick[i][j] / c[i] + 1;
            }
        }
        org.ejml.data.DMatrixRMaj m = new org.ejml.data.DMatrixRMaj(b);
        if (!org.ejml.dense.row.CommonOps_DDRM.invert(m)) {
            throw new IllegalArgumentException("the Fick matrix is singular on 1^perp: no Maxwell-Stefan form");
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                inv[i][j] = m.get(i, j);
            }
        }
        double[][] delta = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                // A is symmetric up to rounding (Onsager symmetry of the Chapman–Enskog block): average both sides
                double aij = inv[i][j] - c[j] / (n * total), aji = inv[j][i] - c[i] / (n * total);
                double d = -c[i] * c[j] / (0.5 * (aij + aji));
                if (!(d > 0) || !Double.isFinite(d)) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the Chapman-Enskog Fick "
                            + "matrix has no Maxwell-Stefan form with positive coefficients: Delta_%d%d = %.6g "
                            + "(use closure = \"maxwell-stefan\")", i, j, d));
                }
                delta[i][j] = d;
            }
        }
        return delta;
    }
}
