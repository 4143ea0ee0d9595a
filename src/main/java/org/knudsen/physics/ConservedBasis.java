package org.knudsen.physics;

/**
 * The orthonormal basis φ^(k) of ker L in L²(μ^{-1/2}) (PHYSICS.md §7, eq. 2.5 of the paper): N mass functions
 * φ^(i) = μ_i (species i only), three momentum functions φ^(N+ℓ) = m_i v_ℓ μ_i / √ρ_∞ and the energy function
 * φ^(N+3) = (m_i|v|² − 3) μ_i / √(6 C_∞), with ρ_∞ = Σ m_j c_∞,j and C_∞ = Σ c_∞,j. In the Hermite coordinates
 * a^(i)_α of §7 the π_L coordinates of f are a^(i)_000, Σ_i √(m_i c_∞,i/ρ_∞) a^(i)_{e_ℓ} and
 * Σ_i √(c_∞,i/(3C_∞)) (a^(i)_200 + a^(i)_020 + a^(i)_002).
 */
public final class ConservedBasis {
    private final double[] momentumCoefficient;
    private final double[] energyCoefficient;
    private final double massDensity;
    private final double totalConcentration;

    /** The basis of species with masses m_i and reference concentrations c_∞,i. */
    public ConservedBasis(double[] masses, double[] referenceConcentrations) {
        int n = masses.length;
        double rho = 0, total = 0;
        for (int i = 0; i < n; i++) {
            rho += masses[i] * referenceConcentrations[i];
            total += referenceConcentrations[i];
        }
        massDensity = rho;
        totalConcentration = total;
        momentumCoefficient = new double[n];
        energyCoefficient = new double[n];
        for (int i = 0; i < n; i++) {
            momentumCoefficient[i] = Math.sqrt(masses[i] * referenceConcentrations[i] / rho);
            energyCoefficient[i] = Math.sqrt(referenceConcentrations[i] / (3 * total));
        }
    }

    public static ConservedBasis of(Mixture mixture) {
        return new ConservedBasis(mixture.masses(), mixture.concentrations());
    }

    /** √(m_i c_∞,i/ρ_∞): weight of species i's Hermite coordinate a_{e_ℓ} in the momentum coordinate ℓ. */
    public double momentumCoefficient(int species) {
        return momentumCoefficient[species];
    }

    /** √(c_∞,i/(3C_∞)): weight of species i's a_200 + a_020 + a_002 in the energy coordinate. */
    public double energyCoefficient(int species) {
        return energyCoefficient[species];
    }

    /** ⟨g, φ^(N+ℓ)⟩ from P_ℓ = Σ_i ∫ m_i v_ℓ g_i: P_ℓ/√ρ_∞ (φ^(N+ℓ) = m_i v_ℓ μ_i / √ρ_∞). */
    public double momentumCoordinate(double momentum) {
        return momentum / Math.sqrt(massDensity);
    }

    /** ⟨g, φ^(N+3)⟩ from E = Σ_i ∫ (m_i|v|² − 3) g_i: E/√(6C_∞). */
    public double energyCoordinate(double energy) {
        return energy / Math.sqrt(6 * totalConcentration);
    }

    /**
     * The variance of the energy coordinate contributed by particles with Σ (|w|² − 3)² = {@code sumOfSquares} at
     * weight 1 (w = √m v): per particle the coordinate is (|w|² − 3)/√(6C_∞), so the variance is the sum over 6C_∞.
     */
    public double energyVariance(double sumOfSquares) {
        return sumOfSquares / (6 * totalConcentration);
    }
}
