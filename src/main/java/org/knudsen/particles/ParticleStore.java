package org.knudsen.particles;

import java.util.Arrays;

/**
 * All particles as a structure of arrays of primitives (DESIGN.md: no per-particle objects): positions
 * x, y, z, velocities vx, vy, vz, the species index of each particle, and one statistical weight per
 * species (real molecules per simulated particle). Particles live in [0, size); the arrays are exposed
 * for hot loops, which must not read past {@link #size()}.
 */
public final class ParticleStore {
    private final int speciesCount;
    private final double[] weight;
    private double[] x, y, z, vx, vy, vz;
    private byte[] species;
    private int size;

    /**
     * @param speciesCount   number of species (1..127, stored as a byte per particle)
     * @param capacity       initial capacity (grows by {@link #ensureCapacity}, never per step)
     * @param speciesWeights W_i > 0, real molecules per particle of species i
     */
    public ParticleStore(int speciesCount, int capacity, double[] speciesWeights) {
        if (speciesCount < 1 || speciesCount > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("speciesCount = " + speciesCount + " must lie in [1, 127]");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity = " + capacity + " must be >= 0");
        }
        if (speciesWeights == null || speciesWeights.length != speciesCount) {
            throw new IllegalArgumentException("speciesWeights must have speciesCount = " + speciesCount + " entries");
        }
        for (int i = 0; i < speciesCount; i++) {
            if (!(speciesWeights[i] > 0) || !Double.isFinite(speciesWeights[i])) {
                throw new IllegalArgumentException("weight of species " + i + " = " + speciesWeights[i]
                        + " must be finite and > 0");
            }
        }
        this.speciesCount = speciesCount;
        this.weight = speciesWeights.clone();
        x = new double[capacity];
        y = new double[capacity];
        z = new double[capacity];
        vx = new double[capacity];
        vy = new double[capacity];
        vz = new double[capacity];
        species = new byte[capacity];
    }

    public int speciesCount() {
        return speciesCount;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return vx.length;
    }

    /** Bytes of particle state per particle in this store's arrays (positions, velocities, species). */
    public static int bytesPerParticle() {
        return 6 * Double.BYTES + Byte.BYTES;
    }

    /** W_i: real molecules represented by one particle of species i. */
    public double weight(int speciesIndex) {
        return weight[speciesIndex];
    }

    /** A copy of the per-species weights. */
    public double[] weights() {
        return weight.clone();
    }

    /** True when all species carry the same weight (then the collider conserves momentum and energy exactly). */
    public boolean equalWeights() {
        for (double w : weight) {
            if (w != weight[0]) {
                return false;
            }
        }
        return true;
    }

    public double[] x() {
        return x;
    }

    public double[] y() {
        return y;
    }

    public double[] z() {
        return z;
    }

    public double[] vx() {
        return vx;
    }

    public double[] vy() {
        return vy;
    }

    public double[] vz() {
        return vz;
    }

    /** The species index of each particle. */
    public byte[] species() {
        return species;
    }

    /** Grows the arrays (copying) so that at least {@code minCapacity} particles fit. */
    public void ensureCapacity(int minCapacity) {
        if (minCapacity <= vx.length) {
            return;
        }
        int cap = Math.max(minCapacity, vx.length + (vx.length >> 1) + 16);
        x = Arrays.copyOf(x, cap);
        y = Arrays.copyOf(y, cap);
        z = Arrays.copyOf(z, cap);
        vx = Arrays.copyOf(vx, cap);
        vy = Arrays.copyOf(vy, cap);
        vz = Arrays.copyOf(vz, cap);
        species = Arrays.copyOf(species, cap);
    }

    /**
     * Appends {@code count} particles of one species at the origin with zero velocity and returns the index
     * of the first; the caller fills velocities (and positions) in [first, first + count).
     */
    public int append(int speciesIndex, int count) {
        if (speciesIndex < 0 || speciesIndex >= speciesCount) {
            throw new IllegalArgumentException("species index = " + speciesIndex + " must lie in [0, "
                    + speciesCount + ")");
        }
        if (count < 0) {
            throw new IllegalArgumentException("particle count = " + count + " must be >= 0");
        }
        ensureCapacity(size + count);
        int first = size;
        Arrays.fill(species, first, first + count, (byte) speciesIndex);
        Arrays.fill(x, first, first + count, 0);
        Arrays.fill(y, first, first + count, 0);
        Arrays.fill(z, first, first + count, 0);
        Arrays.fill(vx, first, first + count, 0);
        Arrays.fill(vy, first, first + count, 0);
        Arrays.fill(vz, first, first + count, 0);
        size += count;
        return first;
    }

    /** Removes all particles (capacity kept). */
    public void clear() {
        size = 0;
    }

    /** Number of particles of species i in [from, to). */
    public int count(int speciesIndex, int from, int to) {
        int n = 0;
        for (int p = from; p < to; p++) {
            if (species[p] == speciesIndex) {
                n++;
            }
        }
        return n;
    }

    /**
     * Total momentum Σ_p W_{s(p)} m_{s(p)} v_p and total energy Σ_p W m |v|²/2 over [from, to), written into
     * {@code out} as (px, py, pz, energy). Used by conservation checks and diagnostics.
     */
    public void momentumAndEnergy(double[] masses, int from, int to, double[] out) {
        double px = 0, py = 0, pz = 0, e = 0;
        for (int p = from; p < to; p++) {
            int s = species[p];
            double wm = weight[s] * masses[s];
            px += wm * vx[p];
            py += wm * vy[p];
            pz += wm * vz[p];
            e += 0.5 * wm * (vx[p] * vx[p] + vy[p] * vy[p] + vz[p] * vz[p]);
        }
        out[0] = px;
        out[1] = py;
        out[2] = pz;
        out[3] = e;
    }

    /**
     * Exchanges the store's arrays with {@code scratch} (x, y, z, vx, vy, vz as doubles, then the species
     * bytes), which must have the store's capacity: the cell sort writes the permuted particles into its
     * scratch arrays and swaps them in, so no particle data is copied twice and nothing is allocated.
     */
    void exchangeArrays(double[][] scratch, byte[][] speciesScratch) {
        double[][] mine = {x, y, z, vx, vy, vz};
        for (double[] a : scratch) {
            if (a.length != vx.length) {
                throw new IllegalStateException("scratch capacity " + a.length + " != store capacity " + vx.length);
            }
        }
        x = scratch[0];
        y = scratch[1];
        z = scratch[2];
        vx = scratch[3];
        vy = scratch[4];
        vz = scratch[5];
        System.arraycopy(mine, 0, scratch, 0, 6);
        byte[] s = species;
        species = speciesScratch[0];
        speciesScratch[0] = s;
    }
}
