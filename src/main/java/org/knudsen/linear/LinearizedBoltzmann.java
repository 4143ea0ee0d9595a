package org.knudsen.linear;

import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * The linearized multi-species Boltzmann operator (L h)_i = Σ_j ∫∫ B_ij μ_j* [h_i' + h_j*' − h_i − h_j*] dv* dσ of
 * PHYSICS.md §12, assembled exactly (oscillator brackets, {@link CollisionAssembler}) in the axisymmetric Burnett
 * basis {@link BurnettBasis} of total degree ≤ K, together with the streaming operator v·k̂ in the same basis. L is
 * block-diagonal in l (blocks of N·n_l), symmetric and negative semi-definite in L²(μ); its null space is spanned by
 * the N species numbers and the energy (l = 0) and the momentum along k̂ (l = 1). Immutable.
 */
public final class LinearizedBoltzmann {
    private final Mixture mixture;
    private final BurnettBasis basis;
    private final double[][] blocks;   // blocks[l]: row-major (N n_l)²

    private LinearizedBoltzmann(Mixture mixture, BurnettBasis basis, double[][] blocks) {
        this.mixture = mixture;
        this.basis = basis;
        this.blocks = blocks;
    }

    /** Assembles L for the mixture at total Burnett degree K ≥ 1 (2n + l ≤ K). */
    public static LinearizedBoltzmann assemble(Mixture mixture, int degree) {
        BurnettBasis basis = new BurnettBasis(mixture.size(), degree);
        CollisionAssembler assembler = new CollisionAssembler(mixture);
        double[][] blocks = new double[degree + 1][];
        for (int l = 0; l <= degree; l++) {
            blocks[l] = assembler.block(l, basis.radialCount(l));
        }
        return new LinearizedBoltzmann(mixture, basis, blocks);
    }

    /** An operator from blocks computed elsewhere (the quadrature route of the tests). */
    static LinearizedBoltzmann fromBlocks(Mixture mixture, int degree, double[][] blocks) {
        return new LinearizedBoltzmann(mixture, new BurnettBasis(mixture.size(), degree), blocks.clone());
    }

    /**
     * One block L_l with radial indices n < radialCount for each species (any count, independent of a degree
     * truncation; entries do not depend on it): row-major [(p·count + n), (q·count + n')].
     */
    public static double[] block(Mixture mixture, int l, int radialCount) {
        return new CollisionAssembler(mixture).block(l, radialCount);
    }

    /** The same operator at a lower degree (leading sub-blocks; no re-assembly, the entries do not depend on K). */
    public LinearizedBoltzmann truncated(int lowerDegree) {
        if (lowerDegree < 1 || lowerDegree > basis.degree()) {
            throw new IllegalArgumentException("truncation degree " + lowerDegree + " not in [1, " + basis.degree() + "]");
        }
        BurnettBasis low = new BurnettBasis(mixture.size(), lowerDegree);
        double[][] sub = new double[lowerDegree + 1][];
        for (int l = 0; l <= lowerDegree; l++) {
            sub[l] = SlowSubspace.leading(blocks[l], mixture.size(), basis.radialCount(l), low.radialCount(l));
        }
        return new LinearizedBoltzmann(mixture, low, sub);
    }

    public Mixture mixture() {
        return mixture;
    }

    public BurnettBasis basis() {
        return basis;
    }

    public int degree() {
        return basis.degree();
    }

    /** A copy of block l, row-major (N n_l)². */
    public double[] block(int l) {
        return blocks[l].clone();
    }

    /** Entry of block l between Ψ_{p,nl} and Ψ_{q,n'l}. */
    public double element(int l, int p, int n, int q, int nPrime) {
        int rc = basis.radialCount(l), size = basis.blockSize(l);
        return blocks[l][(p * rc + n) * size + q * rc + nPrime];
    }

    /** y = L x on the whole basis (vectors of length basis().size()). */
    public void apply(double[] x, double[] y) {
        applyScaled(x, y, blocks);
    }

    /** y = Σ_l blocks[l] x_l with other (scaled) blocks of the same shapes. */
    void applyScaled(double[] x, double[] y, double[][] scaled) {
        for (int l = 0; l <= basis.degree(); l++) {
            int off = basis.blockOffset(l), size = basis.blockSize(l);
            double[] b = scaled[l];
            for (int r = 0; r < size; r++) {
                double sum = 0;
                int row = r * size;
                for (int c = 0; c < size; c++) {
                    sum += b[row + c] * x[off + c];
                }
                y[off + r] = sum;
            }
        }
    }

    /**
     * ⟨Ψ_{i,n',l+1}, v·k̂ Ψ_{i,nl}⟩ (n' = n or n − 1; species-diagonal): w_z/√m_i with the recurrences of
     * {@link BurnettBasis#streaming}.
     */
    public double streaming(int species, int n, int l, boolean lowerRadial) {
        return BurnettBasis.streaming(n, l, lowerRadial) / Math.sqrt(mixture.mass(species));
    }

    /**
     * ν_i(v) = Σ_j ∫∫ B_ij μ_j* dv* dσ at v = 0, where it is smallest for γ ≥ 0 (E|v − v*|^γ grows with |v|):
     * Σ_j C_ij c_j E|v*|^γ with v* ~ N(0, I/m_j) (PHYSICS.md §3, §12).
     */
    public double collisionFrequencyAtRest(int i) {
        double nu = 0;
        for (int j = 0; j < mixture.size(); j++) {
            CollisionKernel k = mixture.kernel(i, j);
            nu += k.strength() * mixture.concentration(j) * TransportCoefficients.meanRelativeSpeedPower(k.gamma(),
                    mixture.mass(j));
        }
        return nu;
    }

    /** min_{i,v} ν_i(v): the unscaled edge of the essential spectrum (divide by ε² for A). */
    public double essentialSpectrumEdge() {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < mixture.size(); i++) {
            min = Math.min(min, collisionFrequencyAtRest(i));
        }
        return min;
    }
}
