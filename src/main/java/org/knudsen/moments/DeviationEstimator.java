package org.knudsen.moments;

import org.knudsen.physics.ConservedBasis;
import org.knudsen.physics.HermiteBasis;
import org.knudsen.physics.Mixture;
import org.knudsen.simd.MomentAccumulator;

/**
 * Turns per-cell, per-species moment sums (from a {@link MomentAccumulator}) into the deviation of the
 * particles from a reference Maxwellian, with the estimators of PHYSICS.md §7:
 * Â_α = (W/V_c) Σ_p H_α(v_p) − ∫M H_α and ŝ²_α = (W/V_c)² Σ_p H_α(v_p)², so that Â² − ŝ² is unbiased
 * for the squared cell moment when the cell count is Poisson (DSMC-like).
 *
 * <p>Layout of the sums: the block of cell c and species i starts at (c·N + i)·{@link MomentAccumulator#SLOTS}.
 * Layout of the reference moments: ∫M_i H_α of cell c at (c·N + i)·20 + α.
 *
 * <p>Standard errors assume Gaussian Â (Var(Â²) = 4A²s² + 2s⁴) and independent terms, which the Hermite
 * orthogonality makes exact to leading order near the reference Maxwellian.
 */
public final class DeviationEstimator {
    private final int species;
    private final double[] mass;
    private final double[] referenceConcentration;
    private final double[][] normalisation; // [i][α] = 1/√(c_∞,i α!)
    private final ConservedBasis kernel;    // the basis of ker L: π_L coordinates from the Hermite ones

    public DeviationEstimator(Mixture mixture) {
        species = mixture.size();
        mass = new double[species];
        referenceConcentration = new double[species];
        normalisation = new double[species][HermiteBasis.SIZE];
        for (int i = 0; i < species; i++) {
            mass[i] = mixture.mass(i);
            referenceConcentration[i] = mixture.concentration(i);
            for (int a = 0; a < HermiteBasis.SIZE; a++) {
                normalisation[i][a] = HermiteBasis.normalisation(a, referenceConcentration[i]);
            }
        }
        kernel = ConservedBasis.of(mixture);
    }

    /**
     * The deviation over all cells.
     *
     * @param sums       moment sums, block (c·N + i)·SLOTS
     * @param reference  ∫M_i H_α per cell and species, at (c·N + i)·20 + α
     * @param weights    W_i, real molecules per simulation particle of species i
     * @param cellVolume V_c (all cells equal)
     */
    public Deviation estimate(double[] sums, double[] reference, double[] weights, int cells, double cellVolume) {
        return estimate(sums, reference, weights, cells, cellVolume, null);
    }

    /**
     * As {@link #estimate(double[], double[], double[], int, double)}, also writing each cell's noise-corrected
     * squared norm density Σ_i Σ_α (Â² − ŝ²) (before the factor V_c) to {@code cellNormSquared} when not null.
     */
    public Deviation estimate(double[] sums, double[] reference, double[] weights, int cells, double cellVolume,
                              double[] cellNormSquared) {
        return estimate(sums, reference, weights, cells, cellVolume, cellNormSquared, false);
    }

    /**
     * The variance-reduced deviation with importance weights w = μ/f (docs/variance-reduction.md): {@code sums} hold
     * Σ (1 − w_p) He_α and Σ (1 − w_p)² He_α² per group ({@link ImportanceWeightedMoments}), so the moment of F is
     * (W/V_c) Σ (1 − w_p) H_α(v_p) + ∫μ_i H_α (the shadow's estimate Σ w_p H_α replaced by its exact value; μ_i = c_∞,i
     * times the unit Maxwellian, whose only non-zero moment is ∫μ_i H_0 = c_∞,i/√c_∞,i) and Â_α = that − ∫M_i H_α. The
     * noise corrections ŝ² = (W/V_c)² Σ (1 − w_p)² H_α² treat the terms as independent, as the plain ones do.
     */
    public Deviation estimateReduced(double[] sums, double[] reference, double[] weights, int cells, double cellVolume,
                                     double[] cellNormSquared) {
        return estimate(sums, reference, weights, cells, cellVolume, cellNormSquared, true);
    }

    private Deviation estimate(double[] sums, double[] reference, double[] weights, int cells, double cellVolume,
                               double[] cellNormSquared, boolean againstShadow) {
        double norm2 = 0, norm2Var = 0, fluid2 = 0, fluid2Var = 0;
        double[] momentum = new double[3];
        double[] momentumVar = new double[3];
        double[] a = new double[HermiteBasis.SIZE];
        double[] s2 = new double[HermiteBasis.SIZE];
        for (int c = 0; c < cells; c++) {
            double cellNorm = 0, cellNormVar = 0, cellFluid = 0, cellFluidVar = 0;
            momentum[0] = momentum[1] = momentum[2] = 0;
            momentumVar[0] = momentumVar[1] = momentumVar[2] = 0;
            double energy = 0, energyVar = 0;
            for (int i = 0; i < species; i++) {
                int block = (c * species + i) * MomentAccumulator.SLOTS;
                int ref = (c * species + i) * HermiteBasis.SIZE;
                double scale = weights[i] / cellVolume;
                double equilibriumMass = againstShadow ? normalisation[i][0] * referenceConcentration[i] : 0;
                for (int k = 0; k < HermiteBasis.SIZE; k++) {
                    double n = normalisation[i][k];
                    a[k] = scale * n * sums[block + MomentAccumulator.SUM + k] - reference[ref + k];
                    if (k == 0) {
                        a[k] += equilibriumMass;
                    }
                    s2[k] = scale * scale * n * n * sums[block + MomentAccumulator.SUM_SQUARES + k];
                    cellNorm += a[k] * a[k] - s2[k];
                    cellNormVar += squareVariance(a[k], s2[k]);
                }
                // π_L coordinates (PHYSICS.md §7): mass per species, then momentum and energy summed over species
                cellFluid += a[0] * a[0] - s2[0];
                cellFluidVar += squareVariance(a[0], s2[0]);
                double momentumCoefficient = kernel.momentumCoefficient(i);
                for (int l = 0; l < 3; l++) {
                    momentum[l] += momentumCoefficient * a[HermiteBasis.X + l];
                    momentumVar[l] += momentumCoefficient * momentumCoefficient * s2[HermiteBasis.X + l];
                }
                double energyCoefficient = kernel.energyCoefficient(i);
                energy += energyCoefficient * (a[HermiteBasis.XX] + a[HermiteBasis.YY] + a[HermiteBasis.ZZ]);
                // per particle the combination is (W/V_c)(|w|² − 3)/√(6 C_∞)
                energyVar += kernel.energyVariance(scale * scale * sums[block + MomentAccumulator.ENERGY_SQUARES]);
            }
            for (int l = 0; l < 3; l++) {
                cellFluid += momentum[l] * momentum[l] - momentumVar[l];
                cellFluidVar += squareVariance(momentum[l], momentumVar[l]);
            }
            cellFluid += energy * energy - energyVar;
            cellFluidVar += squareVariance(energy, energyVar);
            if (cellNormSquared != null) {
                cellNormSquared[c] = cellNorm;
            }
            norm2 += cellVolume * cellNorm;
            norm2Var += cellVolume * cellVolume * cellNormVar;
            fluid2 += cellVolume * cellFluid;
            fluid2Var += cellVolume * cellVolume * cellFluidVar;
        }
        return new Deviation(norm2, Math.sqrt(norm2Var), fluid2, Math.sqrt(fluid2Var));
    }

    /** Var(Â² − ŝ²) ≈ 4A²s² + 2s⁴ for Â ~ N(A, s²), with A² estimated by max(Â² − ŝ², 0). */
    private static double squareVariance(double estimate, double variance) {
        double a2 = Math.max(estimate * estimate - variance, 0);
        return 4 * a2 * variance + 2 * variance * variance;
    }
}
