package org.knudsen.moments;

import org.knudsen.physics.Grid;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.particles.CellSort;
import org.knudsen.particles.ParticleStore;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.HermiteBasis;
import org.knudsen.physics.Mixture;
import org.knudsen.simd.MomentAccumulator;
import org.knudsen.simd.VectorizationProvider;

/**
 * Measures, at one sample time, how far the particles are from the local Maxwellian M^ε of a fluid state on
 * the same grid (fluid point p = particle cell p, both at the cell centre): the Hermite deviation norms of
 * PHYSICS.md §7 with standard errors, the cosine amplitude of one Fourier mode of every species' concentration
 * (particles with SE, and the fluid's), and the conserved totals; with importance weights also their reduced
 * estimates ({@link ReducedSample}). Buffers are allocated once.
 */
public final class DeviationMonitor {
    private final Mixture mixture;
    private final int species;
    private final int cells;
    private final Grid grid;
    private final DeviationEstimator estimator;
    private final MomentAccumulator accumulator;
    private final double[] sums;
    private final double[] reference;
    private final double[] masses;
    private final double[] sqrtMass;
    private final double[] wavevector;
    private final double[] cellCosine;
    private final double[] cellNormSquared;
    private final double[] fluidConcentration;
    /** The importance-weighted sums, cell norms and figures of the last sample (variance-reduced runs; else null). */
    private double[] reducedSums;
    private double[] reducedCellNormSquared;
    private ReducedSample lastReduced;
    private double[] lastWeights;

    /** One sample: every figure of a time-series row. */
    public record Sample(double time, Deviation deviation, double[] modeParticles, double[] modeParticlesSe,
                         double[] modeFluid, double[] speciesMass, double[] momentum, double energy) {
    }

    /**
     * The variance-reduced figures of one sample (importance weights, docs/variance-reduction.md): per species the
     * reduced mode amplitude and its SE and the shadow mass, the importance weights' mean, variance and largest
     * |w − 1|, and the reduced deviation norms.
     */
    public record ReducedSample(double[] mode, double[] modeSe, double[] shadowMass, double[] weightMoments,
                                Deviation deviation) {
    }

    /**
     * @param mode the integer wavevector whose amplitude is tracked (e.g. the scenario's first mode)
     */
    public DeviationMonitor(Mixture mixture, Grid grid, int[] mode) {
        this.mixture = mixture;
        this.species = mixture.size();
        this.grid = grid;
        this.cells = grid.cellCount();
        this.estimator = new DeviationEstimator(mixture);
        this.accumulator = VectorizationProvider.get().momentAccumulator();
        this.sums = new double[cells * species * MomentAccumulator.SLOTS];
        this.reference = new double[cells * species * HermiteBasis.SIZE];
        this.masses = new double[species];
        this.sqrtMass = new double[species];
        for (int i = 0; i < species; i++) {
            masses[i] = mixture.mass(i);
            sqrtMass[i] = Math.sqrt(masses[i]);
        }
        this.wavevector = org.knudsen.fluid.FourierMode.angularWavevector(mode, grid.lengths());
        this.cellCosine = ModeAmplitudes.cellCosines(grid, wavevector);
        this.cellNormSquared = new double[cells];
        this.fluidConcentration = new double[cells];
    }

    /**
     * Samples the sorted particles of {@code dsmc} at time t against the cell averages of {@code maxwellian} at t
     * (loaded here: particle estimates are cell averages too); with importance weights also takes their reduced
     * figures ({@link #lastReduced}).
     */
    public Sample sample(double t, SpatialDsmc dsmc, LocalMaxwellian maxwellian) {
        dsmc.synchronize(); // a Strang split owes half a stream between steps: read the particles at t
        // the mode amplitude of the continuous field from the centre values (the particle estimator uses exact
        // positions), then the cell averages for the moments
        maxwellian.update(t);
        double[] modeFluid = new double[species];
        for (int i = 0; i < species; i++) {
            for (int c = 0; c < cells; c++) {
                fluidConcentration[c] = maxwellian.concentration(i, c);
            }
            modeFluid[i] = ModeAmplitudes.gridAmplitude(fluidConcentration, cellCosine);
        }
        maxwellian.updateCellAverages(t);
        ParticleStore store = dsmc.store();
        CellSort sort = dsmc.sort();
        accumulateMoments(dsmc, accumulator, sqrtMass, sums);
        for (int c = 0; c < cells; c++) {
            for (int i = 0; i < species; i++) {
                maxwellian.hermiteMoments(i, c, reference, (c * species + i) * HermiteBasis.SIZE);
            }
        }
        Deviation deviation = estimator.estimate(sums, reference, store.weights(), cells, grid.cellVolume(), cellNormSquared);
        lastWeights = store.weights();
        double[] mode = new double[species], modeSe = new double[species];
        if (store.importance() != null) {
            if (reducedSums == null) {
                reducedSums = new double[sums.length];
                reducedCellNormSquared = new double[cells];
            }
            double[] w = store.importance();
            int[] starts = sort.groupStarts();
            dsmc.forEachCellBlock((firstCell, endCell) -> ImportanceWeightedMoments.storeGroups(store.vx(), store.vy(),
                    store.vz(), w, starts, firstCell * species, endCell * species, sqrtMass, reducedSums));
            lastReduced = new ReducedSample(new double[species], new double[species], new double[species],
                    new double[3], estimator.estimateReduced(reducedSums, reference, store.weights(), cells,
                    grid.cellVolume(), reducedCellNormSquared));
            // the plain amplitudes too, in the same pass over the particles
            ModeAmplitudes.reducedCosineAmplitudes(store, wavevector, grid.volume(), masses, mode, modeSe,
                    lastReduced.mode(), lastReduced.modeSe(), lastReduced.shadowMass(), lastReduced.weightMoments());
        } else {
            ModeAmplitudes.cosineAmplitudes(store, wavevector, grid.volume(), mode, modeSe);
        }
        double[] totals = new double[4];
        store.momentumAndEnergy(masses, 0, store.size(), totals);
        double[] speciesMass = new double[species];
        for (int i = 0; i < species; i++) {
            double count = 0;
            for (int c = 0; c < cells; c++) {
                int g = c * species + i;
                count += sort.groupStart(g + 1) - sort.groupStart(g);
            }
            speciesMass[i] = masses[i] * store.weight(i) * count;
        }
        return new Sample(t, deviation, mode, modeSe, modeFluid, speciesMass,
                new double[] {totals[0], totals[1], totals[2]}, totals[3]);
    }

    /**
     * Sets {@code sums} to the moment sums of every (cell, species) group of the sorted particles of {@code dsmc}
     * (layout of {@link MomentAccumulator}), on the solver's threads over its fixed cell blocks: each group's sums
     * depend on its particles only, so they are the same on 1 or 2 threads.
     */
    public static void accumulateMoments(SpatialDsmc dsmc, MomentAccumulator accumulator, double[] sqrtMass,
                                         double[] sums) {
        ParticleStore store = dsmc.store();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        int[] starts = dsmc.sort().groupStarts();
        int species = sqrtMass.length;
        dsmc.forEachCellBlock((firstCell, endCell) ->
                accumulator.storeGroups(vx, vy, vz, starts, firstCell * species, endCell * species, sqrtMass, sums));
    }

    /**
     * Fields of the last sample for snapshots: per cell, the particle concentration W N_i/V_c of every species
     * (out[i]) and the noise-corrected squared deviation density (out[N]); arrays of length cells.
     */
    public double[][] lastCellFields() {
        return cellFields(sums, cellNormSquared, lastWeights, false);
    }

    /**
     * {@link #lastCellFields} from the importance-weighted sums (variance-reduced runs): c_i = c_∞,i + W Σ (1 − w_p)/V_c
     * and the reduced deviation density ({@link DeviationEstimator#estimateReduced}); null for a plain run.
     */
    public double[][] lastReducedCellFields() {
        return reducedSums == null ? null : cellFields(reducedSums, reducedCellNormSquared, lastWeights, true);
    }

    /**
     * The variance-reduced figures of the last sample (arrays replaced at every sample, not copied), or null for a
     * plain run and before the first sample.
     */
    public ReducedSample lastReduced() {
        return lastReduced;
    }

    private double[][] cellFields(double[] groupSums, double[] normDensity, double[] weights, boolean againstShadow) {
        double[][] out = new double[species + 1][cells];
        for (int c = 0; c < cells; c++) {
            for (int i = 0; i < species; i++) {
                out[i][c] = equilibrium(i, againstShadow) + weights[i]
                        * groupSums[(c * species + i) * MomentAccumulator.SLOTS + MomentAccumulator.SUM] / grid.cellVolume();
            }
            out[species][c] = normDensity[c];
        }
        return out;
    }

    /** c_∞,i when the sums are of (1 − w): the shadow's exact concentration that they are measured against. */
    private double equilibrium(int i, boolean againstShadow) {
        return againstShadow ? mixture.concentration(i) : 0;
    }

    /**
     * Velocity and temperature of every species in every cell at the last sample, from the Hermite sums it took (no
     * pass over the particles): with S_α = Σ He_α(√m v) over the cell's particles of species i, n = W S_0/V_c their
     * concentration and J_d = W S_{e_d}/V_c, {@code velocity[i][d][c]} = ⟨v_d⟩/ε = J_d/(n √m ε), on the scale of the
     * Maxwell–Stefan u_i (the drift of M^ε is ε u_i), and {@code temperature[i][c]} = m ⟨|v − ⟨v⟩|²⟩/3 =
     * (Σ_d E_d − |J|²/n)/(3n) with E_d = W (S_{2e_d} + S_0)/V_c, the kinetic temperature of those particles (1 at the
     * reference Maxwellian; its expectation is (1 − 1/N) T). From the importance-weighted sums, n and E_d gain the
     * shadow's exact c_∞,i (μ has no drift and T = 1). Both are NaN in a cell without particles of species i.
     */
    public record CellMoments(double[][][] velocity, double[][] temperature) {
    }

    /** {@link CellMoments} of the last sample, for the snapshots. */
    public CellMoments lastCellMoments(double epsilon) {
        return cellMoments(sums, epsilon, false);
    }

    /** {@link CellMoments} of the last sample from the importance-weighted sums, or null for a plain run. */
    public CellMoments lastReducedCellMoments(double epsilon) {
        return reducedSums == null ? null : cellMoments(reducedSums, epsilon, true);
    }

    private CellMoments cellMoments(double[] groupSums, double epsilon, boolean againstShadow) {
        double[][][] velocity = new double[species][3][cells];
        double[][] temperature = new double[species][cells];
        for (int c = 0; c < cells; c++) {
            for (int i = 0; i < species; i++) {
                int o = (c * species + i) * MomentAccumulator.SLOTS + MomentAccumulator.SUM;
                double scale = lastWeights[i] / grid.cellVolume();
                double shadow = equilibrium(i, againstShadow);
                double n = shadow + scale * groupSums[o];
                boolean empty = !againstShadow && groupSums[o] == 0;
                double squares = 0, drift = 0;
                for (int d = 0; d < 3; d++) {
                    double j = scale * groupSums[o + HermiteBasis.X + d];
                    velocity[i][d][c] = empty ? Double.NaN : j / (n * sqrtMass[i] * epsilon);
                    squares += shadow + scale * (groupSums[o + HermiteBasis.XX + d] + groupSums[o]);
                    drift += j * j;
                }
                temperature[i][c] = empty ? Double.NaN : (squares - drift / n) / (3 * n);
            }
        }
        return new CellMoments(velocity, temperature);
    }

    public Mixture mixture() {
        return mixture;
    }
}
