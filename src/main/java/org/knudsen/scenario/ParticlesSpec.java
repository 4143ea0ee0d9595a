package org.knudsen.scenario;

/**
 * {@code [particles]}: the mean number of simulation particles per cell (all species together), ≥ 1, the variance
 * reduction of the particle estimates, and the smoothing basis of its importance weights.
 */
public record ParticlesSpec(int perCell, VarianceReduction varianceReduction, SmoothingBasis smoothingBasis) {
    /** Plain DSMC. */
    public ParticlesSpec(int perCell) {
        this(perCell, VarianceReduction.NONE);
    }

    /** With the automatic smoothing basis. */
    public ParticlesSpec(int perCell, VarianceReduction varianceReduction) {
        this(perCell, varianceReduction, SmoothingBasis.AUTO);
    }

    /** Whether the particle estimates are variance-reduced (the particles then carry importance weights). */
    public boolean varianceReduced() {
        return varianceReduction != VarianceReduction.NONE;
    }

    /** The same reduction with another particle count. */
    public ParticlesSpec withPerCell(int count) {
        return new ParticlesSpec(count, varianceReduction, smoothingBasis);
    }
}
