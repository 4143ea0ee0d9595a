package org.knudsen.particles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.OperatorSplitting;
import org.knudsen.simd.GramKernel;
import org.knudsen.simd.StreamKernel;
import org.knudsen.simd.VectorizationProvider;
import org.knudsen.physics.Grid;

/**
 * DSMC on the periodic box in the diffusive scaling (PHYSICS.md §10): per step, binary collisions in every
 * cell at rate 1/ε² ({@link CellCollider}), then free streaming x ← x + v Δt/ε with periodic wrap, then
 * the stable (cell, species) sort. Between steps the store is sorted, so moments can be taken per group.
 *
 * <p><b>Determinism.</b> Cells are split into a fixed number of contiguous blocks, independent of the
 * thread count; block b owns the b-th jump of one XO_RO_SHI_RO_128_PP stream seeded by the run seed, and
 * its own collider. Blocks are processed in parallel, but every random number a cell sees is the same for
 * 1 or 2 threads, so a run is reproducible whatever the thread count (DESIGN.md, Randomness).
 *
 * <p><b>Kernels.</b> Streaming and the sort keys are one pass ({@link StreamKernel}, the one
 * {@link VectorizationProvider} chose) over particle ranges; the sort ({@link CellSort}) runs in one chunk per thread; the phases run
 * on persistent {@link StepWorkers}, so a step allocates nothing. {@link #kernelNanos} reports the wall time
 * of each kernel for {@code knudsen bench}.
 */
public final class SpatialDsmc implements AutoCloseable {
    private final Mixture mixture;
    private final Grid grid;
    private final double epsilon;
    private ParticleStore store; // replaced (not mutated) by readState
    private final CellSort sort;
    /**
     * Cell blocks of the step: each owns its collider and random stream, so the thread count cannot change the result;
     * 64 lets 2 threads share the work in small pieces.
     */
    static final int MAX_BLOCKS = 64;
    private final int blocks;
    private final int[] blockFirstCell;
    private final CellCollider[] colliders;
    private final RestorableUniformRandomProvider[] blockRng;
    private final StepWorkers workers;
    private final StreamKernel streamKernel = VectorizationProvider.get().streamKernel();
    private final int threads;
    private long steps;
    /** c_{∞,i} of the reference equilibrium μ the importance weights refer to, or null without variance reduction. */
    private double[] referenceConcentration;
    private OperatorSplitting splitting = OperatorSplitting.FIRST_ORDER;
    /** Stream time that a Strang step deferred to the next step (0 when synchronized). */
    private double owedStream;
    // wall time per kernel since construction (nanoTime around each phase, a few calls per step)
    private long collideNanos, streamNanos, sortNanos;
    // arguments of the current phase, read by the prebuilt tasks (no capturing lambda per step)
    private double stepDt, streamFactor;
    private int[] streamKey;
    private final BlockTask collideTask = b -> collideBlock(b, stepDt);
    private final BlockTask streamTask = this::streamBlock;
    private final CellSort.TaskRunner sortRunner = this::runTasks;
    private CellRangeTask cellRangeTask;
    private final BlockTask cellBlockTask = this::cellRangeBlock;

    /** Work on the cells [firstCell, endCell) of one block (e.g. their moments), run by {@link #forEachCellBlock}. */
    public interface CellRangeTask {
        void run(int firstCell, int endCell);
    }

    /** The most the colliders' smoothing of importance weights allocates on a grid of {@code cells} cells. */
    public static long smoothingScratchBytes(long cells) {
        return Math.min(cells, MAX_BLOCKS) * WeightProjection.MAX_SCRATCH_BYTES;
    }

    /**
     * @param weights W_i, real molecules per particle of species i
     * @param threads worker threads (≥ 1)
     * @param seed    the run seed
     */
    public SpatialDsmc(Mixture mixture, Grid grid, double epsilon, double[] weights, int threads, long seed) {
        KnudsenNumber.require(epsilon);
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        this.mixture = mixture;
        this.grid = grid;
        this.epsilon = epsilon;
        this.store = new ParticleStore(mixture.size(), 0, weights);
        this.sort = new CellSort(grid, mixture.size());
        int cells = grid.cellCount();
        this.blocks = Math.min(cells, MAX_BLOCKS);
        this.blockFirstCell = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            blockFirstCell[b] = (int) ((long) cells * b / blocks);
        }
        this.colliders = new CellCollider[blocks];
        this.blockRng = new RestorableUniformRandomProvider[blocks];
        JumpableUniformRandomProvider master =
                (JumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int b = 0; b < blocks; b++) {
            colliders[b] = new CellCollider(mixture, weights, blockFirstCell[b + 1] - blockFirstCell[b]);
            colliders[b].useGrid(grid);
            // every RandomSource generator is restorable (checkpoints save and restore its state)
            blockRng[b] = (RestorableUniformRandomProvider) master.jump();
        }
        this.threads = threads;
        this.workers = new StepWorkers(threads);
    }

    public ParticleStore store() {
        return store;
    }

    public Grid grid() {
        return grid;
    }

    public CellSort sort() {
        return sort;
    }

    public Mixture mixture() {
        return mixture;
    }

    public double epsilon() {
        return epsilon;
    }

    public long steps() {
        return steps;
    }

    /**
     * Importance weights w = μ/f (μ: c_{∞,i}, no drift, T = 1; docs/variance-reduction.md), before initialise/readState,
     * smoothed on all 29 velocity functions (a run takes its scenario's {@code smoothing_basis} through the other form).
     */
    public void enableImportanceWeights(double[] referenceConcentration) {
        enableImportanceWeights(referenceConcentration, GramKernel.VELOCITY_FUNCTIONS);
    }

    /** As above, smoothing the weights on the first {@code velocityFunctions} (17 or 29) of {@link GramKernel#velocityBasis}. */
    public void enableImportanceWeights(double[] referenceConcentration, int velocityFunctions) {
        if (referenceConcentration.length != mixture.size()) {
            throw new IllegalArgumentException("reference concentrations must have one entry per species ("
                    + mixture.size() + ")");
        }
        for (CellCollider collider : colliders) {
            collider.smoothOn(velocityFunctions);
        }
        this.referenceConcentration = referenceConcentration.clone();
        store.enableImportanceWeights();
    }

    public boolean hasImportanceWeights() {
        return referenceConcentration != null;
    }

    /**
     * Draws the particles from the profile: species i gets a Poisson number of particles of mean N̄ = ∫_cell c_i / W_i
     * in a cell (3-point Gauss–Legendre per direction), so that the noise-corrected estimators of PHYSICS.md §7, whose
     * variance term is exact for Poisson counts, are unbiased from t = 0 on (with counts fixed to ⌊N̄⌋ or ⌈N̄⌉ they
     * over-correct the mass moments until the particles have mixed: the fluid norm's z-score at t = 0 was about
     * −3.6); positions by exact rejection against the cell's density bound; velocities Maxwellian with the cell's
     * drift ({@link InitialDraw}).
     */
    public void initialise(InitialProfile profile) {
        InitialDraw.draw(store, grid, mixture, profile, blockFirstCell, blockRng, referenceConcentration);
        sort.sort(store);
    }

    /** Sets the splitting (before the first step; the default is first order). */
    public void setSplitting(OperatorSplitting splitting) {
        if (owedStream != 0) {
            throw new IllegalStateException("the splitting cannot change while half a stream is owed");
        }
        this.splitting = splitting;
    }

    public OperatorSplitting splitting() {
        return splitting;
    }

    /**
     * One step of length dt: collisions (rate 1/ε²) in every cell and streaming by v dt/ε with re-sort, in the order
     * of the {@link OperatorSplitting}; for Strang the trailing half-stream of a step is merged into the next step's
     * leading one. After a Strang step the positions trail the step's end by half a stream until the next
     * step or {@link #synchronize()}.
     */
    public void step(double dt) {
        if (splitting == OperatorSplitting.STRANG) {
            freeStream(owedStream + dt / 2);
            collide(dt);
            owedStream = dt / 2;
        } else {
            collide(dt);
            freeStream(dt);
        }
        steps++;
    }

    /** Brings the positions to the end of the last step (pays a Strang step's deferred half-stream); else nothing. */
    public void synchronize() {
        if (owedStream != 0) {
            double owed = owedStream;
            owedStream = 0;
            freeStream(owed);
        }
    }

    /** True when the positions are at the end of the last step (no half-stream owed). */
    public boolean isSynchronized() {
        return owedStream == 0;
    }

    private void collide(double dt) {
        long t0 = System.nanoTime();
        stepDt = dt;
        workers.runSpread(blocks, collideTask); // never neighbouring blocks at once (StepWorkers#runSpread)
        collideNanos += System.nanoTime() - t0;
    }

    /** Streaming by v dt/ε and re-sort, without collisions (a step of the collisionless equation). */
    public void freeStream(double dt) {
        double factor = dt / epsilon;
        long t0 = System.nanoTime();
        streamKey = sort.keyBuffer(store.capacity());
        streamFactor = factor;
        runBlocks(streamTask);
        long t1 = System.nanoTime();
        sort.sortKeyed(store, threads, sortRunner);
        streamNanos += t1 - t0;
        sortNanos += System.nanoTime() - t1;
    }

    /** Wall nanoseconds spent in collisions, streaming and sorting since construction (for benchmarks). */
    public long[] kernelNanos() {
        return new long[] {streamNanos, sortNanos, collideNanos};
    }

    /** Threads the step runs on. */
    public int threads() {
        return threads;
    }

    private void streamBlock(int b) {
        int n = store.size();
        Streaming.streamAndKey(streamKernel, store, grid, (int) ((long) n * b / blocks), (int) ((long) n * (b + 1) / blocks),
                streamFactor, streamKey);
    }

    private void collideBlock(int b, double dt) {
        CellCollider collider = colliders[b];
        double volume = grid.cellVolume();
        for (int c = blockFirstCell[b]; c < blockFirstCell[b + 1]; c++) {
            collider.collideSorted(store, sort, c - blockFirstCell[b], c, volume, dt, epsilon, blockRng[b]);
        }
    }

    /**
     * Runs {@code task} on each of the solver's fixed cell blocks in parallel on its threads (returns when all are done);
     * the blocks do not depend on the thread count, so per-cell results are the same on 1 or 2 threads. Not reentrant.
     */
    public void forEachCellBlock(CellRangeTask task) {
        cellRangeTask = task;
        try {
            runBlocks(cellBlockTask);
        } finally {
            cellRangeTask = null;
        }
    }

    private void cellRangeBlock(int b) {
        cellRangeTask.run(blockFirstCell[b], blockFirstCell[b + 1]);
    }

    /** Simulated collision events of pair (i, j) over all blocks since the start. */
    public long collisions(int i, int j) {
        long sum = 0;
        for (CellCollider c : colliders) {
            sum += c.collisions(i, j);
        }
        return sum;
    }

    public long totalCollisions() {
        long sum = 0;
        for (CellCollider c : colliders) {
            sum += c.totalCollisions();
        }
        return sum;
    }

    private interface BlockTask extends CellSort.Task {
    }

    private void runBlocks(BlockTask task) {
        workers.run(blocks, task);
    }

    /** Runs tasks 0..count-1 on the step's threads and waits for all. */
    private void runTasks(int count, CellSort.Task task) {
        workers.run(count, task);
    }

    /** Version of the layout written by {@link #writeState}. */
    private static final int STATE_VERSION = 2;

    /**
     * Writes the complete solver state between steps, for a checkpoint: step count, the particles (sorted, in
     * store order), the RNG state of every block and every block collider's majorants and counters. Restored by
     * {@link #readState} into a solver built with the same mixture, grid, ε, weights and seed, the run continues
     * with exactly the random numbers and particle order it would have had (whatever the thread count).
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeLong(steps);
        out.writeUTF(splitting.tomlName());
        out.writeDouble(owedStream);
        out.writeInt(grid.cellCount());
        out.writeInt(blocks);
        store.writeTo(out);
        for (int b = 0; b < blocks; b++) {
            byte[] rng = ((RandomProviderDefaultState) blockRng[b].saveState()).getState();
            out.writeInt(rng.length);
            out.write(rng);
            colliders[b].writeState(out);
        }
    }

    /**
     * Restores a state written by {@link #writeState} (replacing the store) and re-sorts, which leaves the
     * sorted order unchanged (the sort is stable) and rebuilds the cell index.
     *
     * @throws IOException if the state is damaged or belongs to another grid, mixture or weights
     */
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("particle solver state version " + version + ", this build reads " + STATE_VERSION);
        }
        long savedSteps = in.readLong();
        OperatorSplitting savedSplitting;
        try {
            savedSplitting = OperatorSplitting.byTomlName(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("particle solver state: " + e.getMessage(), e);
        }
        double savedOwed = in.readDouble();
        if (savedSplitting != splitting || !(savedOwed >= 0) || !Double.isFinite(savedOwed)) {
            throw new IOException("particle solver state: splitting " + savedSplitting + " (owing " + savedOwed
                    + "), this run splits " + splitting.tomlName());
        }
        int cells = in.readInt();
        int savedBlocks = in.readInt();
        if (savedSteps < 0 || cells != grid.cellCount() || savedBlocks != blocks) {
            throw new IOException("particle solver state: " + savedSteps + " steps, " + cells + " cells, "
                    + savedBlocks + " blocks; this run has " + grid.cellCount() + " cells, " + blocks + " blocks");
        }
        ParticleStore restored = ParticleStore.readFrom(in);
        if ((restored.importance() != null) != hasImportanceWeights()) {
            throw new IOException("particle solver state: importance weights " + (restored.importance() != null)
                    + ", this run's " + hasImportanceWeights());
        }
        if (restored.speciesCount() != mixture.size()
                || !java.util.Arrays.equals(restored.weights(), store.weights())) {
            throw new IOException("particle solver state: species weights " + java.util.Arrays.toString(restored.weights())
                    + " differ from this run's " + java.util.Arrays.toString(store.weights()));
        }
        for (int b = 0; b < blocks; b++) {
            int length = in.readInt();
            if (length < 0 || length > 4096) {
                throw new IOException("particle solver state: RNG state of block " + b + " has length " + length);
            }
            byte[] rng = new byte[length];
            in.readFully(rng);
            try {
                blockRng[b].restoreState(new RandomProviderDefaultState(rng));
            } catch (IllegalArgumentException e) {
                throw new IOException("particle solver state: RNG state of block " + b + ": " + e.getMessage(), e);
            }
            colliders[b].readState(in);
        }
        try {
            sort.sort(restored); // the file's checksum guards against damage; this guards against a position bug
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("particle solver state: a particle lies outside the box (" + e.getMessage() + ")", e);
        }
        store = restored;
        steps = savedSteps;
        owedStream = savedOwed;
    }

    @Override
    public void close() {
        workers.close();
    }
}
