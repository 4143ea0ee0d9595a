package org.knudsen.simd;

/**
 * Adds the outer products of a block of basis vectors to the upper triangle of a Gram matrix: the least-squares
 * smoothing of the importance weights (particles.WeightProjection, docs/variance-reduction.md) needs G = Σ_p φ_p φ_pᵀ
 * over every particle of a species in a cell at every step, and that sum was 95 % of the weighted collide kernel.
 *
 * <p>Two implementations give the same bits ({@link VectorizationProvider#get()} chooses): every entry (r, s ≥ r)
 * takes the block's products φ_k[r]·φ_k[s] one at a time, k in order, as a multiply and then an add (no fused
 * multiply-add), so it does not matter which entries a vector holds. Only the entries r ≤ s &lt; size are specified:
 * the vector kernel also writes entries below the diagonal and, in the padding of each row up to the stride, beyond
 * size (from the values' padding), so a stride that is a multiple of 8 lets it use whole vectors.
 */
public interface GramKernel {
    /**
     * For k in [0, count): gram[r·stride + s] += values[k·stride + r] · values[k·stride + s] for 0 ≤ r ≤ s < size, in
     * that order of k for each entry.
     *
     * @param values the block's basis vectors, vector k at [k·stride, k·stride + size)
     * @param stride the row length of gram and the distance between vectors in values (≥ size; a multiple of 8 for the
     *               vector kernel's whole vectors, else it takes the scalar twin's path)
     */
    void addOuterProducts(double[] values, int count, int size, int stride, double[] gram);

    /** Name for benchmarks and summaries ("scalar" or "vector-256" ...). */
    String name();
}
