package org.knudsen.simd;

/**
 * Accumulates, over a contiguous range of particles of one species (one cell's group after the sort),
 * the sums that the Hermite deviation estimators of PHYSICS.md §7 need: Σ He_α(w) and Σ He_α(w)² for the
 * 20 multi-indices of {@code org.knudsen.physics.HermiteBasis} at the scaled velocity w = √m v, and
 * Σ (|w|² − 3)², the square of the per-particle energy combination (He_200 + He_020 + He_002) that the
 * fluid projection π_L needs. Sums are of the unnormalised He products; weights and 1/√(c_∞ α!) are applied
 * by the caller, once per group.
 *
 * <p>Two implementations give the same answer: a scalar loop and a Vector-API kernel ({@link VectorizationProvider#get()}
 * chooses one). {@link #storeGroups} sums every group in particle order in both, so for groups of up to
 * {@link #EXACT_GROUP_SIZE} particles the two agree bit for bit, at every vector width; {@link #accumulate} on one
 * range (and larger groups) sums lane-strided in the vector kernel and agrees to rounding.
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

    /**
     * Groups up to this size are summed in particle order by either kernel ({@link #storeGroups}); the vector
     * kernel takes larger ones a range at a time ({@link #accumulate}).
     */
    int EXACT_GROUP_SIZE = 32;

    /**
     * Writes the sums of every group g of [firstGroup, endGroup) of a sorted store to {@code sums[g·SLOTS, (g+1)·SLOTS)},
     * replacing what was there (an empty group gets zeros), so the caller needs no zeroing pass: at ~3 particles per
     * group the slots are more bytes than the particles' velocities, and zeroing them first cost a third of the kernel.
     * Group g holds the particles [groupStart[g], groupStart[g + 1]) of species g mod S, S = {@code sqrtMass.length}
     * (the (cell, species) groups of {@code CellSort}). The cost per particle does not depend on how many particles a
     * group has. Each group's sums depend on that group's particles only, so disjoint group ranges may run on
     * different threads in any order and give the same sums.
     *
     * @param sqrtMass √m of every species
     */
    void storeGroups(double[] vx, double[] vy, double[] vz, int[] groupStart, int firstGroup, int endGroup,
                     double[] sqrtMass, double[] sums);

    /** Name for benchmarks and summaries ("scalar" or "vector-256" ...). */
    String name();
}
