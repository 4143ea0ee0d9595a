package org.knudsen.particles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * All particles as a structure of arrays of primitives (DESIGN.md: no per-particle objects): positions
 * x, y, z, velocities vx, vy, vz, the species index of each particle, and one statistical weight per
 * species (real molecules per simulated particle). Particles live in [0, size); the arrays are exposed
 * for hot loops, which must not read past {@link #size()}.
 *
 * <p><b>Precision.</b> Positions are floats (37 bytes of state per particle instead of 49): a position is
 * kept to a relative precision of 2^-24 ≈ 6e-8 of the box length (the spacing of floats just below L), so
 * that 10^8 particles fit the default heap. Streaming adds the displacement in double and rounds the
 * wrapped result once to nearest, so the rounding error is unbiased and far below any cell size. Velocities
 * stay double: the collision law conserves momentum and energy to double rounding (ConservationTest).
 */
public final class ParticleStore {
    private final int speciesCount;
    private final double[] weight;
    private float[] x, y, z;
    private double[] vx, vy, vz;
    private byte[] species;
    /** Importance weights w_p = μ/f at the particle (variance reduction), or null when the run uses none. */
    private double[] importance;
    private int size;
    // scatter targets of the column-wise permutation (one per column type), swapped in by commitColumn
    private double[] doubleScratch = new double[0];
    private float[] floatScratch = new float[0];
    private byte[] byteScratch = new byte[0];

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
        x = new float[capacity];
        y = new float[capacity];
        z = new float[capacity];
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
        return 3 * Float.BYTES + 3 * Double.BYTES + Byte.BYTES;
    }

    /** W_i: real molecules represented by one particle of species i. */
    public double weight(int speciesIndex) {
        return weight[speciesIndex];
    }

    /** A copy of the per-species weights. */
    public double[] weights() {
        return weight.clone();
    }

    /** Positions in [0, L_x) as floats (see the class comment on precision). */
    public float[] x() {
        return x;
    }

    public float[] y() {
        return y;
    }

    public float[] z() {
        return z;
    }

    /** Sets the position of particle p, rounding to the stored precision (callers keep it inside the box). */
    public void setPosition(int p, double px, double py, double pz) {
        x[p] = (float) px;
        y[p] = (float) py;
        z[p] = (float) pz;
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

    /** Bytes per particle that importance weights add (one double column; the permutation reuses the double scratch). */
    public static int importanceBytesPerParticle() {
        return Double.BYTES;
    }

    /**
     * Gives every particle an importance weight w_p = μ/f (the ratio of the reference equilibrium to the distribution
     * the particle was drawn from), 1 for those present; appended particles get 1. Weights move with their particle.
     */
    public void enableImportanceWeights() {
        if (importance == null) {
            importance = new double[vx.length];
            Arrays.fill(importance, 1.0);
        }
    }

    /** The importance weights (one per particle, exposed for hot loops), or null without variance reduction. */
    public double[] importance() {
        return importance;
    }

    /** Grows the arrays (copying) so that at least {@code minCapacity} particles fit. */
    public void ensureCapacity(int minCapacity) {
        if (minCapacity <= vx.length) {
            return;
        }
        int cap = Math.max(minCapacity, vx.length + (vx.length >> 1) + 16);
        doubleScratch = new double[0]; // re-sized by the next permutation
        floatScratch = new float[0];
        byteScratch = new byte[0];
        x = Arrays.copyOf(x, cap);
        y = Arrays.copyOf(y, cap);
        z = Arrays.copyOf(z, cap);
        vx = Arrays.copyOf(vx, cap);
        vy = Arrays.copyOf(vy, cap);
        vz = Arrays.copyOf(vz, cap);
        species = Arrays.copyOf(species, cap);
        if (importance != null) {
            importance = Arrays.copyOf(importance, cap);
        }
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
        if (importance != null) {
            Arrays.fill(importance, first, first + count, 1.0);
        }
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

    /** Per-particle columns of the store (x, y, z, vx, vy, vz, species), for the column-wise permutation. */
    static final int COLUMNS = 7;

    /** Columns the permutation moves: {@link #COLUMNS}, plus the importance weights when present. */
    int columns() {
        return importance == null ? COLUMNS : COLUMNS + 1;
    }

    /** Bytes per particle of the permutation's scatter targets (one column of each type), allocated on first use. */
    public static int scratchBytesPerParticle() {
        return Double.BYTES + Float.BYTES + Byte.BYTES;
    }

    /** Sizes the scatter targets to the capacity (call before a permutation; allocates only when capacity changed). */
    void prepareScatter() {
        int cap = vx.length;
        if (doubleScratch.length != cap) {
            doubleScratch = new double[cap];
            floatScratch = new float[cap];
            byteScratch = new byte[cap];
        }
    }

    /**
     * Writes column {@code column} of particles [from, to) to their destinations dest[p] in the column's
     * scatter target; ranges may run in parallel, then {@link #commitColumn} swaps the target in. Moving one
     * column at a time needs one spare column per type (13 bytes per particle) instead of a full copy.
     */
    void scatterColumn(int column, int[] dest, int from, int to) {
        switch (column) {
            case 0 -> scatter(x, floatScratch, dest, from, to);
            case 1 -> scatter(y, floatScratch, dest, from, to);
            case 2 -> scatter(z, floatScratch, dest, from, to);
            case 3 -> scatter(vx, doubleScratch, dest, from, to);
            case 4 -> scatter(vy, doubleScratch, dest, from, to);
            case 5 -> scatter(vz, doubleScratch, dest, from, to);
            case 6 -> {
                for (int p = from; p < to; p++) {
                    byteScratch[dest[p]] = species[p];
                }
            }
            case COLUMNS -> scatter(importance, doubleScratch, dest, from, to);
            default -> throw new IllegalArgumentException("column = " + column + " must lie in [0, " + COLUMNS + ")");
        }
    }

    private static void scatter(float[] src, float[] dst, int[] dest, int from, int to) {
        for (int p = from; p < to; p++) {
            dst[dest[p]] = src[p];
        }
    }

    private static void scatter(double[] src, double[] dst, int[] dest, int from, int to) {
        for (int p = from; p < to; p++) {
            dst[dest[p]] = src[p];
        }
    }

    /** Swaps the scatter target of {@code column} in as that column (nothing copied, nothing allocated). */
    void commitColumn(int column) {
        switch (column) {
            case 0 -> { float[] t = x; x = floatScratch; floatScratch = t; }
            case 1 -> { float[] t = y; y = floatScratch; floatScratch = t; }
            case 2 -> { float[] t = z; z = floatScratch; floatScratch = t; }
            case 3 -> { double[] t = vx; vx = doubleScratch; doubleScratch = t; }
            case 4 -> { double[] t = vy; vy = doubleScratch; doubleScratch = t; }
            case 5 -> { double[] t = vz; vz = doubleScratch; doubleScratch = t; }
            case 6 -> { byte[] t = species; species = byteScratch; byteScratch = t; }
            case COLUMNS -> { double[] t = importance; importance = doubleScratch; doubleScratch = t; }
            default -> throw new IllegalArgumentException("column = " + column + " must lie in [0, " + COLUMNS + ")");
        }
    }

    /**
     * Version of the layout written by {@link #writeTo}: 3 = version 2 followed by a flag and, when set, the importance
     * weights; 2 = positions as floats (the stored precision), 1 = positions as doubles (before float positions;
     * {@link #readFrom} still reads both, rounding positions of 1, without importance weights).
     */
    private static final int STATE_VERSION = 3;

    /**
     * Writes the whole store (species count, weights, size, then per particle x, y, z, vx, vy, vz and the
     * species; positions as floats, velocities as doubles) for a checkpoint. All knowledge of the store's arrays stays here and in {@link #readFrom};
     * values are written exactly (IEEE bits), so a restored store is bit-identical.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(speciesCount);
        for (double w : weight) {
            out.writeDouble(w);
        }
        out.writeInt(size);
        for (float[] a : new float[][] {x, y, z}) {
            for (int p = 0; p < size; p++) {
                out.writeFloat(a[p]);
            }
        }
        for (double[] a : new double[][] {vx, vy, vz}) {
            for (int p = 0; p < size; p++) {
                out.writeDouble(a[p]);
            }
        }
        out.write(species, 0, size);
        out.writeBoolean(importance != null);
        if (importance != null) {
            for (int p = 0; p < size; p++) {
                out.writeDouble(importance[p]);
            }
        }
    }

    /**
     * A store as written by {@link #writeTo}, with capacity = size.
     *
     * @throws IOException on a short read, another layout version, or values that no store can hold
     */
    public static ParticleStore readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > STATE_VERSION) {
            throw new IOException("particle store layout version " + version + ", this build reads 1 to " + STATE_VERSION);
        }
        int speciesCount = in.readInt();
        if (speciesCount < 1 || speciesCount > Byte.MAX_VALUE) {
            throw new IOException("particle store: species count " + speciesCount + " outside [1, 127]");
        }
        double[] w = new double[speciesCount];
        for (int i = 0; i < speciesCount; i++) {
            w[i] = in.readDouble();
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("particle store: size " + n + " < 0");
        }
        ParticleStore store;
        try {
            store = new ParticleStore(speciesCount, n, w);
        } catch (IllegalArgumentException e) {
            throw new IOException("particle store: " + e.getMessage(), e);
        }
        for (float[] a : new float[][] {store.x, store.y, store.z}) {
            for (int p = 0; p < n; p++) {
                a[p] = version == 1 ? (float) in.readDouble() : in.readFloat();
            }
        }
        for (double[] a : new double[][] {store.vx, store.vy, store.vz}) {
            for (int p = 0; p < n; p++) {
                a[p] = in.readDouble();
            }
        }
        in.readFully(store.species, 0, n);
        for (int p = 0; p < n; p++) {
            if (store.species[p] < 0 || store.species[p] >= speciesCount) {
                throw new IOException("particle store: particle " + p + " has species " + store.species[p]
                        + " outside [0, " + speciesCount + ")");
            }
        }
        if (version >= 3 && in.readBoolean()) {
            store.enableImportanceWeights();
            for (int p = 0; p < n; p++) {
                double iw = in.readDouble();
                if (!Double.isFinite(iw)) {
                    throw new IOException("particle store: importance weight of particle " + p + " = " + iw + " is not finite");
                }
                store.importance[p] = iw;
            }
        }
        store.size = n;
        return store;
    }
}
