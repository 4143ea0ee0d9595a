package org.knudsen.particles;

/**
 * Free streaming fused with the cell-key computation of the sort: for particles [from, to),
 * x ← x + v·factor wrapped into the box ({@link PeriodicGrid}, rounded once to the stored float), then
 * key[p] = cell(x)·S + species[p] with S the number of species — the (cell, species) group the
 * {@link CellSort} files the particle under. Two implementations give bit-identical results: a scalar loop
 * and a Vector-API kernel ({@link StreamKernels#best()}); a test compares them.
 */
public interface StreamKernel {
    /**
     * @param factor Δt/ε
     * @param key    receives the group key of each particle in [from, to)
     */
    void streamAndKey(ParticleStore store, PeriodicGrid grid, int from, int to, double factor, int[] key);

    /** "scalar" or "vector-512" ... */
    String name();
}
