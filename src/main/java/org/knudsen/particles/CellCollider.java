package org.knudsen.particles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.knudsen.physics.Mixture;

/**
 * Binary collisions of the particles of a block of cells over one time step, cell by cell: for every unordered
 * species pair (i ≤ j) of a cell, {@link NtcSelection} draws the No-Time-Counter candidates (count, partners,
 * adaptive majorants; PHYSICS.md §3 "NTC") and {@link PairKernel} accepts them with B̄(|g|)/B_max and scatters them
 * (angular law, post-collision law, species weights; PHYSICS.md §0). The class comments of those two give the rules.
 *
 * <p>A sorted store is served by {@link #collideSorted} straight from the sort's groups; {@link #collide} takes the
 * particles of a cell in any order and groups them by species in a reused scratch array. Nothing is allocated per
 * step or per collision. One instance is single-threaded: a parallel solver uses one collider per block of cells,
 * created with that block's cell count.
 */
public final class CellCollider {
    private final int n;
    private final int cells;
    private final NtcSelection selection;
    private final int[] start;
    private int[] order = new int[0];
    // importance weights (variance reduction): the smoothing, the cell's shadow mass per species before its collisions
    private WeightProjection projection = new WeightProjection();
    /** The grid of a spatial solver's cells, for the position functions of the smoothing (null: velocity only). */
    private org.knudsen.physics.Grid grid;
    private final double[] frame = new double[6];
    private final float[][] positionColumns = new float[3][];
    private final double[] shadowMass;
    private final double[] sqrtMass;
    /** The least majorant factor κ with importance weights (docs/variance-reduction.md: cost against weight noise). */
    static final double KAPPA_FLOOR = 2.0;
    /**
     * The largest weight a run may reach: beyond it the cell's candidates (κ = max w times plain DSMC's) and the
     * reduced estimates' noise say the weights have diverged ({@link ImportanceWeightsDivergedException}); healthy
     * runs stay below w = 1.5 (docs/variance-reduction.md, "Stability").
     */
    static final double KAPPA_LIMIT = 32;

    /**
     * @param mixture        species masses and kernels
     * @param speciesWeights W_i per species (as in the {@link ParticleStore})
     * @param cellCount      number of cells this collider serves (each keeps its own majorants)
     */
    public CellCollider(Mixture mixture, double[] speciesWeights, int cellCount) {
        n = mixture.size();
        if (speciesWeights == null || speciesWeights.length != n) {
            throw new IllegalArgumentException("speciesWeights must have one entry per species (" + n + ")");
        }
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount = " + cellCount + " must be >= 1");
        }
        PairKernel[] kernels = new PairKernel[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kernels[i * n + j] = new PairKernel(mixture.mass(i), speciesWeights[i], mixture.mass(j),
                        speciesWeights[j], mixture.kernel(i, j));
            }
        }
        cells = cellCount;
        selection = new NtcSelection(kernels, n, cellCount);
        start = new int[n + 1];
        shadowMass = new double[n];
        sqrtMass = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtMass[i] = Math.sqrt(mixture.mass(i));
        }
    }

    /**
     * One collision step for the particles [from, to) of the store, which form cell {@code cell} of volume
     * {@code cellVolume}; the particles may be in any order (per-species index lists are built in a
     * reused scratch array).
     *
     * @param dt      time step Δt
     * @param epsilon Knudsen number ε: all rates are multiplied by 1/ε²
     */
    public void collide(ParticleStore store, int cell, int from, int to, double cellVolume, double dt,
                        double epsilon, UniformRandomProvider rng) {
        check(cell, cellVolume, dt, epsilon);
        if (to - from < 2) {
            return;
        }
        buildSpeciesLists(store.species(), from, to);
        if (!selection.initialised(cell)) {
            selection.initialise(cell, store, order, start);
        }
        double rateScale = dt / (epsilon * epsilon * cellVolume);
        double[] w = store.importance();
        if (w != null) {
            double kappa = beforeWeighted(w, order, start, null, 0, cell);
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    selection.collidePairWeighted(store, cell, i, j, start[i], start[i + 1] - start[i], start[j],
                            start[j + 1] - start[j], order, rateScale, kappa, rng);
                }
            }
            afterWeighted(store, order, start, null, 0);
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                selection.collidePair(store, cell, i, j, start[i], start[i + 1] - start[i], start[j],
                        start[j + 1] - start[j], order, rateScale, rng);
            }
        }
    }

    /**
     * Before a cell's weighted collisions: the shadow mass Σ w of each species (species s at positions
     * [start[s], start[s + 1]) of index, or, with sort != null, the sort's groups of sortCell) and the majorant factor
     * κ = max(KAPPA_FLOOR, max w), so that the shadow's acceptance w·p stays ≤ 1 for the weights present; a weight
     * above {@link #KAPPA_LIMIT} stops the run ({@link ImportanceWeightsDivergedException}).
     */
    private double beforeWeighted(double[] w, int[] index, int[] start, CellSort sort, int sortCell, int cell) {
        double wMax = 0;
        for (int s = 0; s < n; s++) {
            int a = speciesStart(s, start, sort, sortCell), b = speciesStart(s + 1, start, sort, sortCell);
            double sum = 0;
            for (int q = a; q < b; q++) {
                double wp = w[index == null ? q : index[q]];
                sum += wp;
                wMax = Math.max(wMax, wp);
            }
            shadowMass[s] = sum;
        }
        if (!(wMax <= KAPPA_LIMIT)) {
            int[] counts = new int[n];
            for (int s = 0; s < n; s++) {
                counts[s] = speciesStart(s + 1, start, sort, sortCell) - speciesStart(s, start, sort, sortCell);
            }
            throw new ImportanceWeightsDivergedException(cell, wMax, counts);
        }
        return Math.max(KAPPA_FLOOR, wMax);
    }

    /**
     * Where species s begins in the cell (s = n: where the cell ends): in {@code start} (positions of the index lists),
     * or, with sort != null, in the sort's groups of sortCell.
     */
    private int speciesStart(int s, int[] start, CellSort sort, int sortCell) {
        return sort == null ? start[s] : sort.groupStart(sortCell * n + s);
    }

    /** Smooths importance weights on the first {@code functions} (17 or 29) velocity functions of the basis. */
    void smoothOn(int functions) {
        projection = new WeightProjection(projection.axes(), functions);
    }

    /**
     * Gives the smoothing the grid of the sorted cells (a spatial solver's), so that the weights keep their variation
     * with position inside a cell along every axis with more than one cell.
     */
    void useGrid(org.knudsen.physics.Grid cellGrid) {
        int[] counts = cellGrid.cells();
        int active = 0;
        for (int c : counts) {
            active += c > 1 ? 1 : 0;
        }
        int[] axes = new int[active];
        for (int a = 0, k = 0; a < 3; a++) {
            if (counts[a] > 1) {
                axes[k++] = a;
            }
        }
        grid = cellGrid;
        projection = new WeightProjection(axes, projection.velocityFunctions());
        double[] lengths = cellGrid.lengths();
        for (int a = 0; a < 3; a++) {
            frame[3 + a] = counts[a] / lengths[a];
        }
    }

    /** After a cell's weighted collisions: the smoothing of every species' weights, keeping its shadow mass. */
    private void afterWeighted(ParticleStore store, int[] index, int[] start, CellSort sort, int sortCell) {
        float[][] position = null;
        if (grid != null && sort != null) {
            grid.cellCentre(sortCell, frame); // writes frame[0..2]
            positionColumns[0] = store.x(); // re-read: the sort swaps the store's columns
            positionColumns[1] = store.y();
            positionColumns[2] = store.z();
            position = positionColumns;
        }
        for (int s = 0; s < n; s++) {
            int a = speciesStart(s, start, sort, sortCell), b = speciesStart(s + 1, start, sort, sortCell);
            projection.project(store.importance(), store.vx(), store.vy(), store.vz(), sqrtMass[s], position, frame,
                    index, a, b - a, shadowMass[s]);
        }
    }

    /**
     * The same step for a cell of a sorted store: the particles of species s are
     * [sort.groupStart(sortCell·N + s), sort.groupStart(sortCell·N + s + 1)), so no index lists are needed
     * (the same candidates and random numbers as {@link #collide} on the same particles in the same order).
     *
     * @param cell     this collider's index of the cell (for its majorants)
     * @param sortCell the cell's index in the sort's grid
     */
    public void collideSorted(ParticleStore store, CellSort sort, int cell, int sortCell, double cellVolume,
                              double dt, double epsilon, UniformRandomProvider rng) {
        check(cell, cellVolume, dt, epsilon);
        int first = sort.groupStart(sortCell * n);
        int to = sort.groupStart(sortCell * n + n);
        if (to - first < 2) {
            return;
        }
        if (!selection.initialised(cell)) {
            buildSpeciesLists(store.species(), first, to);
            selection.initialise(cell, store, order, start);
        }
        double rateScale = dt / (epsilon * epsilon * cellVolume);
        double[] w = store.importance();
        double kappa = w == null ? 1 : beforeWeighted(w, null, null, sort, sortCell, cell);
        for (int i = 0; i < n; i++) {
            int fi = sort.groupStart(sortCell * n + i), ni = sort.groupStart(sortCell * n + i + 1) - fi;
            for (int j = i; j < n; j++) {
                int fj = sort.groupStart(sortCell * n + j), nj = sort.groupStart(sortCell * n + j + 1) - fj;
                if (w == null) {
                    selection.collidePair(store, cell, i, j, fi, ni, fj, nj, null, rateScale, rng);
                } else {
                    selection.collidePairWeighted(store, cell, i, j, fi, ni, fj, nj, null, rateScale, kappa, rng);
                }
            }
        }
        if (w != null) {
            afterWeighted(store, null, null, sort, sortCell);
        }
    }

    private void check(int cell, double cellVolume, double dt, double epsilon) {
        if (cell < 0 || cell >= cells) {
            throw new IllegalArgumentException("cell = " + cell + " must lie in [0, " + cells + ")");
        }
        if (!(cellVolume > 0) || !(dt >= 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("cellVolume = " + cellVolume + ", dt = " + dt + ", epsilon = "
                    + epsilon + ": need cellVolume > 0, dt >= 0, epsilon > 0");
        }
    }

    /** Counting sort of the cell's particle indices by species into {@code order}; start[s] is the offset. */
    private void buildSpeciesLists(byte[] species, int from, int to) {
        int count = to - from;
        if (order.length < count) {
            order = new int[Math.max(count, order.length + (order.length >> 1))];
        }
        Arrays.fill(start, 0);
        for (int p = from; p < to; p++) {
            start[species[p] + 1]++;
        }
        for (int s = 0; s < n; s++) {
            start[s + 1] += start[s];
        }
        // fill using start[s] as a cursor, then shift back
        for (int p = from; p < to; p++) {
            order[start[species[p]]++] = p;
        }
        for (int s = n; s > 0; s--) {
            start[s] = start[s - 1];
        }
        start[0] = 0;
    }

    /** Simulated collision events of the unordered pair (i, j) since construction (real events: W_min × that). */
    public long collisions(int i, int j) {
        return selection.collisions(i, j);
    }

    /** NTC candidates drawn for the unordered pair (i, j) since construction. */
    public long candidates(int i, int j) {
        return selection.candidates(i, j);
    }

    /** Total simulated collision events over all pairs. */
    public long totalCollisions() {
        return selection.totalCollisions();
    }

    /**
     * Sets the majorant B_max of pair (i, j) in a cell (e.g. restored from a checkpoint); a value below the
     * true maximum of B̄ is allowed (events are then repeated, see {@link NtcSelection}), 0 re-initialises the
     * cell's majorants at its next step.
     */
    public void setMajorant(int cell, int i, int j, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("majorant = " + value + " must be finite and >= 0");
        }
        selection.setMajorant(cell, i, j, value);
    }

    /**
     * Writes what a resumed run needs to continue bit-identically: the per-cell majorants (they adapt during
     * the run) and the candidate and event counters ({@link NtcSelection#writeState}). Everything else is scratch or
     * follows from the mixture.
     */
    public void writeState(DataOutput out) throws IOException {
        selection.writeState(out);
    }

    /** Restores what {@link #writeState} wrote, into a collider built for the same mixture and cell count. */
    public void readState(DataInput in) throws IOException {
        selection.readState(in);
    }
}
