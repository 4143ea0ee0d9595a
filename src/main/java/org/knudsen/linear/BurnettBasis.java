package org.knudsen.linear;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The axisymmetric Burnett basis of a Fourier mode along k̂ (PHYSICS.md §12): for species i and w = √m_i v,
 * Ψ_{i,nl}(v) = ψ_{nl}(w)/√c_{∞,i}, ψ_{nl}(w) = (−1)^n 𝔑_{nl} L_n^{(l+1/2)}(|w|²/2) |w|^l √((2l+1)/4π) P_l(ŵ·k̂),
 * orthonormal in L²(μ_i) (𝔑 > 0; the sign makes the leading coefficient positive, so ψ_{nl} = e^{−Δ/2} of the
 * harmonic polynomial |w|^{2n} 𝒴_l(w) normalised, the convention of the oscillator brackets in
 * {@link CollisionAssembler}). Truncation by total polynomial degree 2n + l ≤ K. Vectors are ordered by l, then
 * species, then n: block l holds N·n_l entries, n_l = ⌊(K−l)/2⌋ + 1.
 * <p>
 * For reference: ψ_00 = 1, ψ_01 = w_z, ψ_10 = (|w|²−3)/√6, ψ_11 = (|w|²/2 − 5/2) w_z /√(5/2),
 * ψ_02 = (w_z² − |w|²/3)/√(4/3).
 */
public final class BurnettBasis {
    private final int species;
    private final int degree;
    private final int[] offset;

    public BurnettBasis(int species, int degree) {
        if (species < 1 || degree < 1) {
            throw new IllegalArgumentException("Burnett basis needs >= 1 species and degree >= 1, got " + species
                    + ", " + degree);
        }
        this.species = species;
        this.degree = degree;
        this.offset = new int[degree + 2];
        for (int l = 0; l <= degree; l++) {
            offset[l + 1] = offset[l] + species * radialCount(l);
        }
    }

    public int species() {
        return species;
    }

    /** The truncation degree K (2n + l ≤ K). */
    public int degree() {
        return degree;
    }

    /** n_l = ⌊(K−l)/2⌋ + 1 radial functions per species in block l. */
    public int radialCount(int l) {
        return (degree - l) / 2 + 1;
    }

    public int blockSize(int l) {
        return species * radialCount(l);
    }

    /** Global index of the first entry of block l. */
    public int blockOffset(int l) {
        return offset[l];
    }

    public int size() {
        return offset[degree + 1];
    }

    /** Global index of Ψ_{i,nl}. */
    public int index(int l, int speciesIndex, int n) {
        return offset[l] + speciesIndex * radialCount(l) + n;
    }

    /** ½ ln 𝒩'²_{nl}, 𝒩'²_{nl} = 2^n n! (2n+2l+1)!!: the Fischer norm of |x|^{2n} 𝒴_l (times 4π). */
    static double logFischerNorm(int n, int l) {
        // (2k+1)!! = 2^{k+1} Γ(k+3/2)/√π with k = n + l
        double logDoubleFactorial = (n + l + 1) * Math.log(2) + LogGamma.value(n + l + 1.5) - 0.5 * Math.log(Math.PI);
        return 0.5 * (n * Math.log(2) + LogGamma.value(n + 1) + logDoubleFactorial);
    }

    /**
     * ⟨ψ_{n',l+1}| w_z |ψ_{n,l}⟩ for n' = n (upper = false) or n' = n − 1 (upper = true): the exact recurrence
     * w ψ: r R_{nl} = √2 (√(n+l+3/2) R_{n,l+1} + √n R_{n−1,l+1}) and cos θ Y_l0 = a_l Y_{l+1,0} + …,
     * a_l = (l+1)/√((2l+1)(2l+3)).
     */
    static double streaming(int n, int l, boolean lowerRadial) {
        double angular = (l + 1) / Math.sqrt((2.0 * l + 1) * (2.0 * l + 3));
        return angular * (lowerRadial ? Math.sqrt(2.0 * n) : Math.sqrt(2 * (n + l + 1.5)));
    }
}
