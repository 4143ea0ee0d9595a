package org.knudsen.particles;

import java.util.Arrays;
import org.knudsen.physics.Grid;

/**
 * Stable counting sort of the particle store by (cell, species): afterwards the particles of species s
 * in cell c occupy [groupStart(c·N + s), groupStart(c·N + s + 1)), in their previous relative order.
 *
 * <p>The sort works on precomputed group keys (the stream kernel writes them while it moves the particles,
 * {@link org.knudsen.simd.StreamKernel}): per chunk of particles a histogram of keys, one prefix sum over
 * (group, chunk), in parallel over group ranges, that gives every particle its destination, then the columns of
 * the store are moved one at a time into one spare column per type ({@link ParticleStore#scatterColumn}). Chunks run in parallel; a stable sort has a
 * unique result, so the chunk count (the thread count) never changes the outcome. Buffers are kept between
 * sorts and grow only with the store's capacity: a sort allocates nothing.
 */
public final class CellSort {
    /** Runs tasks 0..count-1, possibly in parallel, and returns when all are done. */
    interface TaskRunner {
        void run(int count, Task task);
    }

    /** One task of a parallel phase. */
    interface Task {
        void run(int index);
    }

    private static final TaskRunner SERIAL = (count, task) -> {
        for (int t = 0; t < count; t++) {
            task.run(t);
        }
    };

    private final Grid grid;
    private final int species;
    private final int groups;
    private final int[] groupStart;
    private int[] key = new int[0];
    private int[][] chunkCount = new int[0][];
    // state of the sort in progress, read by the phase tasks (created once, so a sort allocates nothing)
    private ParticleStore current;
    private int chunks;
    private int column;
    private int scatterTasks;
    private int prefixRanges;
    /** Group ranges of the parallel prefix sum (a few per thread, so that claiming can balance them). */
    private static final int PREFIX_RANGES = 16;
    private final int[] rangeOffset = new int[PREFIX_RANGES];
    private final Task rangeTotalTask = this::rangeTotal;
    private final Task rangePrefixTask = this::rangePrefix;
    /** Scatter ranges per chunk: small enough that an idle thread can take over a busy one's (StepWorkers). */
    private static final int SCATTER_TASKS_PER_CHUNK = 8;
    private final Task countTask = this::countChunk;
    private final Task destinationTask = this::destinationChunk;
    private final Task scatterTask = this::scatterChunk;

    public CellSort(Grid grid, int speciesCount) {
        this.grid = grid;
        this.species = speciesCount;
        this.groups = grid.cellCount() * speciesCount;
        this.groupStart = new int[groups + 1];
    }

    /** Sorts the store, computing the keys from the positions (which must lie inside the box); one thread. */
    public void sort(ParticleStore store) {
        int[] k = keyBuffer(store.capacity());
        float[] x = store.x(), y = store.y(), z = store.z();
        byte[] s = store.species();
        for (int p = 0, n = store.size(); p < n; p++) {
            k[p] = grid.cellIndex(x[p], y[p], z[p]) * species + s[p];
        }
        sortKeyed(store, 1, SERIAL);
    }

    /** The key buffer, at least {@code capacity} long; the stream kernel fills it before {@link #sortKeyed}. */
    int[] keyBuffer(int capacity) {
        if (key.length < capacity) {
            key = new int[capacity];
        }
        return key;
    }

    /** Sorts by the keys in {@link #keyBuffer} (one per particle in [0, size)), in {@code chunkCount} chunks. */
    void sortKeyed(ParticleStore store, int chunkCount, TaskRunner runner) {
        if (chunks != chunkCount) {
            chunks = chunkCount;
            this.chunkCount = new int[chunkCount][groups];
        }
        current = store;
        runner.run(chunks, countTask);
        // the prefix sum over (group, chunk) in parallel over group ranges: their totals, a short serial prefix over
        // the ranges, then each range's running offsets (the same integers as one serial pass)
        prefixRanges = chunks == 1 ? 1 : PREFIX_RANGES;
        runner.run(prefixRanges, rangeTotalTask);
        int running = 0;
        for (int r = 0; r < prefixRanges; r++) {
            int total = rangeOffset[r];
            rangeOffset[r] = running;
            running += total;
        }
        runner.run(prefixRanges, rangePrefixTask);
        groupStart[groups] = running;
        runner.run(chunks, destinationTask);
        store.prepareScatter();
        scatterTasks = chunks == 1 ? 1 : SCATTER_TASKS_PER_CHUNK * chunks;
        for (column = 0; column < store.columns(); column++) {
            runner.run(scatterTasks, scatterTask);
            store.commitColumn(column);
        }
        current = null;
    }

    private int rangeFirstGroup(int r) {
        return (int) ((long) groups * r / prefixRanges);
    }

    private void rangeTotal(int r) {
        int[][] count = this.chunkCount;
        int total = 0;
        for (int g = rangeFirstGroup(r), end = rangeFirstGroup(r + 1); g < end; g++) {
            for (int c = 0; c < chunks; c++) {
                total += count[c][g];
            }
        }
        rangeOffset[r] = total;
    }

    private void rangePrefix(int r) {
        int[][] count = this.chunkCount;
        int running = rangeOffset[r];
        for (int g = rangeFirstGroup(r), end = rangeFirstGroup(r + 1); g < end; g++) {
            groupStart[g] = running;
            for (int c = 0; c < chunks; c++) {
                int n = count[c][g];
                count[c][g] = running;
                running += n;
            }
        }
    }

    private int chunkStart(int c) {
        return (int) ((long) current.size() * c / chunks);
    }

    private void countChunk(int c) {
        int[] count = chunkCount[c];
        Arrays.fill(count, 0);
        int[] k = key;
        for (int p = chunkStart(c), end = chunkStart(c + 1); p < end; p++) {
            count[k[p]]++;
        }
    }

    /** Replaces each key by the particle's destination index. */
    private void destinationChunk(int c) {
        int[] cursor = chunkCount[c];
        int[] k = key;
        for (int p = chunkStart(c), end = chunkStart(c + 1); p < end; p++) {
            k[p] = cursor[k[p]]++;
        }
    }

    /** Scatters one of {@link #scatterTasks} equal particle ranges (any split gives the same columns). */
    private void scatterChunk(int task) {
        int n = current.size();
        current.scatterColumn(column, key, (int) ((long) n * task / scatterTasks),
                (int) ((long) n * (task + 1) / scatterTasks));
    }

    /** Start of group g = c·N + s (valid after a sort); groupStart(groups) = store size. */
    public int groupStart(int group) {
        return groupStart[group];
    }

    /**
     * The group starts themselves (groupStart(g) = groupStarts()[g], length groupCount() + 1), for kernels that
     * take arrays ({@link org.knudsen.simd.MomentAccumulator#accumulateGroups}); read-only, valid until the next sort.
     */
    public int[] groupStarts() {
        return groupStart;
    }

    /** Bytes per particle of the sort's own buffer (keys, then destinations); the store adds its scatter column. */
    public static int bufferBytesPerParticle() {
        return Integer.BYTES;
    }

    public int groupCount() {
        return groups;
    }
}
