package org.knudsen.simd;

/**
 * Accumulates, over a contiguous range of particles of one species (one cell's group after the sort),
 * the sums that the Hermite deviation estimators of PHYSICS.md §7 need: Σ He_α(w) and Σ He_α(w)² for the
 * 20 multi-indices of {@code org.knudsen.physics.HermiteBasis} at the scaled velocity w = √m v, and
 * Σ (|w|² − 3)², the square of the per-particle energy combination (He_200 + He_020 + He_002) that the
 * fluid projection π_L needs. Sums are of the unnormalised He products; weights and 1/√(c_∞ α!) are applied
 * by the caller, once per group.
 *
 * <p>Two implementations give the same answer up to summation order: a scalar loop and a Vector-API kernel
 * ({@link VectorizationProvider#get()} chooses one).
 */
public interface MomentAccumulator {
    /** Offset of Σ He_α in the slot block (20 slots). */
    int SUM = 0;
    /** Offset of Σ He_α² (20 slots). */
    int SUM_SQUARES = 20;
    /** Offset of Σ (|w|² − 3)². */
    int ENERGY_SQUARES = 40;
    /** Slots per group. */
    int SLOTS = 41;

    /**
     * Adds the sums of particles [from, to) of the velocity arrays to {@code sums[offset, offset + SLOTS)}.
     *
     * @param sqrtMass √m of the species, so that w = √m v
     */
    void accumulate(double[] vx, double[] vy, double[] vz, int from, int to, double sqrtMass,
                    double[] sums, int offset);

    /** Name for benchmarks and summaries ("scalar" or "vector-256" ...). */
    String name();
}
