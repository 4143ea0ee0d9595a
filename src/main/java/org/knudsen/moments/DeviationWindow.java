package org.knudsen.moments;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.ConservedBasis;
import org.knudsen.physics.Grid;
import org.knudsen.physics.HermiteBasis;
import org.knudsen.physics.Mixture;
import org.knudsen.simd.MomentAccumulator;
import org.knudsen.simd.VectorizationProvider;

/**
 * Window means of the deviation estimators (docs/averaging.md): the Hermite coordinates Â_α of every (cell, species),
 * the π_L coordinates of every cell and the tracked mode amplitude of every species, taken at every step of an output
 * interval of K steps and averaged; the variance of each window mean Ā comes from B batch means over consecutive
 * sub-windows, V̂ = Σ_b w_b² (Ā_b − Ā)² / (1 − Σ_b w_b²) with w_b = n_b/K, unbiased when the batch means are
 * uncorrelated (batches longer than the correlation time). The box means of the exactly conserved coordinates (species
 * masses, π_L momentum and energy) never change, so batch means cannot see their variance: it is added from the
 * single-time variances, (1/P²) Σ_c ŝ²_c, to every cell's coordinates that carry them. The squared norms are
 * Σ V_c (Ā² − V̂), unbiased for the squared norm of the window-mean deviation; their variance has a part per cell
 * (4A²V_b + 2V_b² B/(B − 1), V̂_b on B − 1 degrees of freedom) and, once, the conserved totals' part shared by all cells.
 *
 * <p>Per step the accumulator keeps only running sums (no per-step storage): for every coordinate the current batch's
 * sum and, over the closed batches, Σ u_b, Σ u_b², Σ w_b u_b with u_b = (batch sum)/K. The mode amplitude comes from
 * the cell counts, â_i = 2 W_i Σ_c N_{c,i} cos(k·x_c) / (|V| Π_d sinc(k_d h_d/2)), unbiased for a mode the grid resolves
 * (the cell average of cos(k·x) is cos(k·x_c) Π_d sinc(k_d h_d/2)), so a step needs no pass over the positions; its
 * batch means are taken of â_i less the reference's amplitude, so that the mode's decay within a window is no noise.
 * Buffers are allocated once; the state between steps goes into checkpoints ({@link #writeState}).
 */
public final class DeviationWindow {
    private static final int STATE_VERSION = 1;
    /** π_L coordinates per cell besides the per-species masses: 3 momentum, 1 energy. */
    private static final int CELL_FLUID = 4;

    private final int species;
    private final int cells;
    private final Grid grid;
    private final double[] weights;
    private final double[] sqrtMass;
    private final double[][] normalisation;
    private final ConservedBasis kernel;
    private final MomentAccumulator accumulator;
    private final double[] sums;
    private final double[] reference;
    private final double[] cellCosine;
    private final double[] modeFactor; // 2 W_i / (|V| Π sinc)
    private final double[] fluidConcentration;
    private final double[] modeCounts;
    private final double[] stepFluidMode;
    private final double[] coordinate = new double[HermiteBasis.SIZE];
    private final int batches;
    private final int fluidBase;
    private final int modeBase;

    private long steps;              // K of the window being accumulated (0: none started)
    private long taken;              // samples of this window so far
    private int batch;               // the open batch
    private double sumWeightsSquared; // Σ w_b² over the closed batches
    private double singleTimeVariance; // Σ over steps and Hermite terms of ŝ², for the inflation diagnostic
    private final double[] current;
    private final double[] mean;
    private final double[] square;
    private final double[] cross;
    private final double[] fluidModeSum;
    /**
     * Σ over steps and cells of the single-time variance ŝ² of the exactly conserved coordinates: the mass of every
     * species, then the 3 momentum and the energy coordinates of π_L. Their box means never change, so batch means
     * cannot see their variance; it is added from these (docs/averaging.md, "conserved totals").
     */
    private final double[] conservedVariance;

    /** The means of one window and their batch-means errors. */
    public record Mean(Deviation deviation, double[] modeParticles, double[] modeParticlesSe, double[] modeFluid,
                       double varianceInflation) {
    }

    /**
     * @param weights W_i, real molecules per particle of species i
     * @param mode    the tracked integer wavevector (must vary on the grid: at least 2|n_d| + 1 cells along axis d)
     * @param batches B ≥ 2 sub-windows per window
     */
    public DeviationWindow(Mixture mixture, Grid grid, double[] weights, int[] mode, int batches) {
        if (batches < 2) {
            throw new IllegalArgumentException("batches = " + batches + " must be >= 2");
        }
        this.species = mixture.size();
        this.cells = grid.cellCount();
        this.grid = grid;
        this.weights = weights.clone();
        this.batches = batches;
        this.sqrtMass = new double[species];
        this.normalisation = new double[species][HermiteBasis.SIZE];
        for (int i = 0; i < species; i++) {
            sqrtMass[i] = Math.sqrt(mixture.mass(i));
            for (int a = 0; a < HermiteBasis.SIZE; a++) {
                normalisation[i][a] = HermiteBasis.normalisation(a, mixture.concentration(i));
            }
        }
        this.kernel = ConservedBasis.of(mixture);
        this.accumulator = VectorizationProvider.get().momentAccumulator();
        this.sums = new double[cells * species * MomentAccumulator.SLOTS];
        this.reference = new double[cells * species * HermiteBasis.SIZE];
        double[] k = FourierMode.angularWavevector(mode, grid.lengths());
        this.cellCosine = ModeAmplitudes.cellCosines(grid, k);
        double sinc = 1;
        for (int d = 0; d < 3; d++) {
            if (mode[d] != 0 && grid.cells(d) < 2 * Math.abs(mode[d]) + 1) {
                throw new IllegalArgumentException("mode " + Arrays.toString(mode) + " is not resolved by "
                        + grid.cells(d) + " cells along axis " + d);
            }
            double x = k[d] * grid.spacing(d) / 2;
            sinc *= x == 0 ? 1 : Math.sin(x) / x;
        }
        this.modeFactor = new double[species];
        for (int i = 0; i < species; i++) {
            modeFactor[i] = 2 * weights[i] / (grid.volume() * sinc);
        }
        this.fluidConcentration = new double[cells];
        this.modeCounts = new double[species];
        this.stepFluidMode = new double[species];
        this.fluidBase = cells * species * HermiteBasis.SIZE;
        this.modeBase = fluidBase + cells * CELL_FLUID;
        int coordinates = modeBase + species;
        this.current = new double[coordinates];
        this.mean = new double[coordinates];
        this.square = new double[coordinates];
        this.cross = new double[coordinates];
        this.fluidModeSum = new double[species];
        this.conservedVariance = new double[species + CELL_FLUID];
    }

    /** Starts a window of {@code windowSteps} ≥ B samples (discarding any open one). */
    public void start(long windowSteps) {
        if (windowSteps < batches) {
            throw new IllegalArgumentException("a window of " + windowSteps + " steps cannot hold " + batches + " batches");
        }
        steps = windowSteps;
        taken = 0;
        batch = 0;
        sumWeightsSquared = 0;
        singleTimeVariance = 0;
        Arrays.fill(current, 0);
        Arrays.fill(mean, 0);
        Arrays.fill(square, 0);
        Arrays.fill(cross, 0);
        Arrays.fill(fluidModeSum, 0);
        Arrays.fill(conservedVariance, 0);
    }

    /** Samples taken in the open window. */
    public long taken() {
        return taken;
    }

    /** Steps of the open window (0 before {@link #start}). */
    public long steps() {
        return steps;
    }

    /** The last step (exclusive bound, counted in the window) of batch b: ⌊(b + 1) K / B⌋. */
    private long batchEnd(int b) {
        return (b + 1) * steps / batches;
    }

    /**
     * Adds the sorted particles of {@code dsmc} as they are (not synchronized: under Strang splitting the state between
     * steps is the one at the collision, t − Δt/2) against M^ε of {@code maxwellian} at the same time t.
     */
    public void add(double t, SpatialDsmc dsmc, LocalMaxwellian maxwellian) {
        if (taken >= steps) {
            throw new IllegalStateException("the window of " + steps + " steps is full (or not started)");
        }
        maxwellian.update(t);
        for (int i = 0; i < species; i++) {
            for (int c = 0; c < cells; c++) {
                fluidConcentration[c] = maxwellian.concentration(i, c);
            }
            stepFluidMode[i] = ModeAmplitudes.gridAmplitude(fluidConcentration, cellCosine);
            fluidModeSum[i] += stepFluidMode[i];
        }
        maxwellian.updateCellAverages(t);
        DeviationMonitor.accumulateMoments(dsmc, accumulator, sqrtMass, sums);
        for (int c = 0; c < cells; c++) {
            for (int i = 0; i < species; i++) {
                maxwellian.hermiteMoments(i, c, reference, (c * species + i) * HermiteBasis.SIZE);
            }
        }
        addCoordinates(grid.cellVolume());
        taken++;
        if (taken == batchEnd(batch)) {
            closeBatch();
        }
    }

    /** Â_α per group, the π_L momentum and energy coordinates per cell, the mode amplitudes: into the open batch. */
    private void addCoordinates(double cellVolume) {
        Arrays.fill(modeCounts, 0);
        for (int c = 0; c < cells; c++) {
            double mx = 0, my = 0, mz = 0, energy = 0;
            for (int i = 0; i < species; i++) {
                int g = c * species + i;
                int block = g * MomentAccumulator.SLOTS;
                int ref = g * HermiteBasis.SIZE;
                double scale = weights[i] / cellVolume;
                double[] norm = normalisation[i];
                for (int k = 0; k < HermiteBasis.SIZE; k++) {
                    double n = scale * norm[k];
                    double a = n * sums[block + MomentAccumulator.SUM + k] - reference[ref + k];
                    coordinate[k] = a;
                    current[ref + k] += a;
                    singleTimeVariance += n * n * sums[block + MomentAccumulator.SUM_SQUARES + k];
                }
                double p = kernel.momentumCoefficient(i);
                double n0 = scale * norm[0];
                conservedVariance[i] += n0 * n0 * sums[block + MomentAccumulator.SUM_SQUARES];
                for (int l = 0; l < 3; l++) {
                    double n1 = scale * norm[HermiteBasis.X + l];
                    conservedVariance[species + l] += p * p * n1 * n1
                            * sums[block + MomentAccumulator.SUM_SQUARES + HermiteBasis.X + l];
                }
                conservedVariance[species + 3] += kernel.energyVariance(scale * scale
                        * sums[block + MomentAccumulator.ENERGY_SQUARES]);
                mx += p * coordinate[HermiteBasis.X];
                my += p * coordinate[HermiteBasis.Y];
                mz += p * coordinate[HermiteBasis.Z];
                energy += kernel.energyCoefficient(i)
                        * (coordinate[HermiteBasis.XX] + coordinate[HermiteBasis.YY] + coordinate[HermiteBasis.ZZ]);
                modeCounts[i] += sums[block + MomentAccumulator.SUM] * cellCosine[c]; // Σ He_000 = the count
            }
            int f = fluidBase + c * CELL_FLUID;
            current[f] += mx;
            current[f + 1] += my;
            current[f + 2] += mz;
            current[f + 3] += energy;
        }
        for (int i = 0; i < species; i++) {
            // less the reference, so that the batch means do not see the mode's decay within the window
            current[modeBase + i] += modeFactor[i] * modeCounts[i] - stepFluidMode[i];
        }
    }

    private void closeBatch() {
        long first = batch == 0 ? 0 : batchEnd(batch - 1);
        double w = (double) (taken - first) / steps;
        double inverse = 1.0 / steps;
        for (int e = 0; e < current.length; e++) {
            double u = current[e] * inverse;
            mean[e] += u;
            square[e] += u * u;
            cross[e] += w * u;
            current[e] = 0;
        }
        sumWeightsSquared += w * w;
        batch++;
    }

    /** Whether all K samples of the open window are in. */
    public boolean complete() {
        return steps > 0 && taken == steps;
    }

    /** The batch-means variance of the window mean of coordinate e: Σ w_b² (Ā_b − Ā)² / (1 − Σ w_b²), ≥ 0. */
    private double variance(int e) {
        double m = mean[e];
        double v = (square[e] - 2 * m * cross[e] + m * m * sumWeightsSquared) / (1 - sumWeightsSquared);
        return Math.max(v, 0);
    }

    /** The means of the complete window; the window is then closed ({@link #start} opens the next). */
    public Mean finish() {
        if (!complete()) {
            throw new IllegalStateException("window has " + taken + " of " + steps + " samples");
        }
        double volume = grid.cellVolume();
        // Var of the box mean of each conserved coordinate: (1/P²) Σ_c ŝ²_c (cells independent at one time)
        double[] frozen = new double[conservedVariance.length];
        for (int e = 0; e < frozen.length; e++) {
            frozen[e] = conservedVariance[e] / steps / ((double) cells * cells);
        }
        double[] hermiteFrozen = new double[species * HermiteBasis.SIZE];
        for (int i = 0; i < species; i++) {
            // the share of the conserved totals that every species' coordinate carries once the species have relaxed
            double p = kernel.momentumCoefficient(i), q = kernel.energyCoefficient(i);
            hermiteFrozen[i * HermiteBasis.SIZE] = frozen[i];
            for (int l = 0; l < 3; l++) {
                hermiteFrozen[i * HermiteBasis.SIZE + HermiteBasis.X + l] = p * p * frozen[species + l];
                hermiteFrozen[i * HermiteBasis.SIZE + HermiteBasis.XX + l] = q * q * frozen[species + 3];
            }
        }
        double norm2 = 0, norm2Var = 0, fluid2 = 0, fluid2Var = 0, windowVariance = 0;
        for (int c = 0; c < cells; c++) {
            double cellNorm = 0, cellNormVar = 0, cellFluid = 0, cellFluidVar = 0;
            for (int i = 0; i < species; i++) {
                int base = (c * species + i) * HermiteBasis.SIZE;
                for (int k = 0; k < HermiteBasis.SIZE; k++) {
                    double fluctuating = variance(base + k);
                    double a = mean[base + k], v = fluctuating + hermiteFrozen[i * HermiteBasis.SIZE + k];
                    cellNorm += a * a - v;
                    cellNormVar += squareVariance(a, fluctuating, v);
                    windowVariance += v;
                }
                double a0 = mean[base], v0f = variance(base), v0 = v0f + frozen[i];
                cellFluid += a0 * a0 - v0;
                cellFluidVar += squareVariance(a0, v0f, v0);
            }
            for (int f = fluidBase + c * CELL_FLUID, e = species; e < species + CELL_FLUID; f++, e++) {
                double a = mean[f], vf = variance(f), v = vf + frozen[e];
                cellFluid += a * a - v;
                cellFluidVar += squareVariance(a, vf, v);
            }
            norm2 += volume * cellNorm;
            norm2Var += volume * volume * cellNormVar;
            fluid2 += volume * cellFluid;
            fluid2Var += volume * volume * cellFluidVar;
        }
        // the conserved totals: one random draw shared by all cells, in both norms (Σ_i p_i² = Σ_i 3q_i² = 1)
        for (int e = 0; e < frozen.length; e++) {
            double box = 0;
            for (int c = 0; c < cells; c++) {
                box += mean[e < species ? (c * species + e) * HermiteBasis.SIZE : fluidBase + c * CELL_FLUID + e - species];
            }
            double v = volume * volume * conservedSquareVariance(box / cells, frozen[e]);
            norm2Var += v;
            fluid2Var += v;
        }
        double[] mode = new double[species], modeSe = new double[species], modeFluid = new double[species];
        for (int i = 0; i < species; i++) {
            mode[i] = mean[modeBase + i] + fluidModeSum[i] / steps;
            modeSe[i] = Math.sqrt(variance(modeBase + i));
            modeFluid[i] = fluidModeSum[i] / steps;
        }
        // Var(window mean) over the naive Var for independent steps, mean ŝ²/K, pooled over the Hermite terms
        double naive = singleTimeVariance / ((double) steps * steps);
        double inflation = naive > 0 ? windowVariance / naive : Double.NaN;
        steps = 0;
        taken = 0;
        return new Mean(new Deviation(norm2, Math.sqrt(norm2Var), fluid2, Math.sqrt(fluid2Var)), mode, modeSe,
                modeFluid, inflation);
    }

    /**
     * The cell's own part of Var(Ā² − V̂): 4A²V_b + 2V_b² B/(B − 1) for the fluctuating part Ā − ā ~ N(·, V_b) with
     * V̂_b ~ V_b χ²_{B−1}/(B − 1), A² estimated by max(Ā² − V, 0) with V the whole variance. The conserved totals'
     * part is the same in every cell and enters the norm's variance once ({@link #finish}).
     */
    private double squareVariance(double estimate, double batchVariance, double variance) {
        double a2 = Math.max(estimate * estimate - variance, 0);
        return 4 * a2 * batchVariance + 2 * batchVariance * batchVariance * batches / (batches - 1.0);
    }

    /**
     * Var of P (ā² − F) for the box mean ā ~ N(a, F) of a conserved coordinate: 2(PF)² + 4P² max(ā² − F, 0) F. The
     * fluctuating parts Ā_c − ā sum to zero over the cells, so this term is uncorrelated with the cells' own.
     */
    private double conservedSquareVariance(double boxMean, double frozenVariance) {
        double p = cells, a2 = Math.max(boxMean * boxMean - frozenVariance, 0);
        return 2 * p * p * frozenVariance * frozenVariance + 4 * p * p * a2 * frozenVariance;
    }

    /** The open window between two steps, for a checkpoint (restored by {@link #readState} bit for bit). */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(batches);
        out.writeInt(current.length);
        out.writeLong(steps);
        out.writeLong(taken);
        out.writeInt(batch);
        out.writeDouble(sumWeightsSquared);
        out.writeDouble(singleTimeVariance);
        for (double[] a : new double[][] {current, mean, square, cross, fluidModeSum, conservedVariance}) {
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** Restores a state of {@link #writeState} written by a window of the same mixture, grid and batches. */
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("window state version " + version + ", this build reads " + STATE_VERSION);
        }
        int savedBatches = in.readInt(), coordinates = in.readInt();
        long savedSteps = in.readLong(), savedTaken = in.readLong();
        int savedBatch = in.readInt();
        if (savedBatches != batches || coordinates != current.length || savedSteps < 0 || savedTaken < 0
                || savedTaken > savedSteps || savedBatch < 0 || savedBatch > batches) {
            throw new IOException("window state: " + savedBatches + " batches, " + coordinates + " coordinates, "
                    + savedTaken + " of " + savedSteps + " steps; this run has " + batches + " batches, "
                    + current.length + " coordinates");
        }
        steps = savedSteps;
        taken = savedTaken;
        batch = savedBatch;
        sumWeightsSquared = in.readDouble();
        singleTimeVariance = in.readDouble();
        for (double[] a : new double[][] {current, mean, square, cross, fluidModeSum, conservedVariance}) {
            for (int k = 0; k < a.length; k++) {
                a[k] = in.readDouble();
            }
        }
    }
}
