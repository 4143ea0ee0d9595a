package org.knudsen.simd;

/**
 * Free streaming fused with the cell-key computation of the sort, on the particle arrays: for particles
 * [from, to), each coordinate x ← x + v·factor wrapped into [0, L) ({@link PeriodicWrap#step}, rounded once to
 * the stored float), then key[p] = cell(x)·S + species[p] with S the species count and
 * cell = (k_z n_y + k_y) n_x + k_x, k = min(⌊x · n/L⌋, n − 1) per axis. The scalar twin and the Vector-API kernel
 * give bit-identical positions and keys; {@link VectorizationProvider#get()} chooses one.
 */
public interface StreamKernel {
    /**
     * Positions x, y, z (in [0, L) per axis) are updated in place from the velocities vx, vy, vz; species holds the
     * species index of each particle, in [0, speciesCount); key receives the group key of each particle in
     * [from, to). factor is Δt/ε; lx, ly, lz are the box lengths, inverseDx, inverseDy, inverseDz the inverse cell
     * sizes n/L per axis and nx, ny, nz the cells per axis.
     */
    void streamAndKey(float[] x, float[] y, float[] z, double[] vx, double[] vy, double[] vz, byte[] species,
                      int[] key, int from, int to, double factor, double lx, double ly, double lz,
                      double inverseDx, double inverseDy, double inverseDz, int nx, int ny, int nz, int speciesCount);

    /** "scalar" or "vector-512" ... */
    String name();
}
