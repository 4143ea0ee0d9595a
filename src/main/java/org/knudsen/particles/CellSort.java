package org.knudsen.particles;

/**
 * Stable counting sort of the particle store by (cell, species): afterwards the particles of species s
 * in cell c occupy [groupStart(c·N + s), groupStart(c·N + s + 1)), in their previous relative order.
 * Buffers are kept between sorts and grow only with the store's capacity; a sort allocates nothing.
 */
public final class CellSort {
    private final PeriodicGrid grid;
    private final int species;
    private final int groups;
    private final int[] groupStart;
    private int[] key = new int[0];
    private double[][] scratch = new double[6][0];
    private final byte[][] speciesScratch = {new byte[0]};

    public CellSort(PeriodicGrid grid, int speciesCount) {
        this.grid = grid;
        this.species = speciesCount;
        this.groups = grid.cellCount() * speciesCount;
        this.groupStart = new int[groups + 1];
    }

    /** Sorts the store; positions must lie inside the box. */
    public void sort(ParticleStore store) {
        int n = store.size();
        int capacity = store.capacity();
        if (scratch[0].length != capacity) {
            scratch = new double[6][capacity];
            speciesScratch[0] = new byte[capacity];
            key = new int[capacity];
        }
        double[] x = store.x(), y = store.y(), z = store.z();
        byte[] s = store.species();
        java.util.Arrays.fill(groupStart, 0);
        for (int p = 0; p < n; p++) {
            int k = grid.cellIndex(x[p], y[p], z[p]) * species + s[p];
            key[p] = k;
            groupStart[k + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        double[] sx = scratch[0], sy = scratch[1], sz = scratch[2], svx = scratch[3], svy = scratch[4], svz = scratch[5];
        byte[] ss = speciesScratch[0];
        // groupStart[g] serves as the cursor of group g and ends as the start of group g + 1
        for (int p = 0; p < n; p++) {
            int d = groupStart[key[p]]++;
            sx[d] = x[p];
            sy[d] = y[p];
            sz[d] = z[p];
            svx[d] = vx[p];
            svy[d] = vy[p];
            svz[d] = vz[p];
            ss[d] = s[p];
        }
        for (int g = groups; g > 0; g--) {
            groupStart[g] = groupStart[g - 1];
        }
        groupStart[0] = 0;
        store.exchangeArrays(scratch, speciesScratch);
    }

    /** Start of group g = c·N + s (valid after a sort); groupStart(groups) = store size. */
    public int groupStart(int group) {
        return groupStart[group];
    }

    /** First particle of cell c (all species). */
    public int cellStart(int cell) {
        return groupStart[cell * species];
    }

    /** One past the last particle of cell c. */
    public int cellEnd(int cell) {
        return groupStart[(cell + 1) * species];
    }

    /** Bytes per particle of the sort's reused buffers (keys and scatter targets), on top of the store. */
    public static int bufferBytesPerParticle() {
        return Integer.BYTES + 6 * Double.BYTES + Byte.BYTES;
    }

    public int groupCount() {
        return groups;
    }
}
