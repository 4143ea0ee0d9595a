package org.knudsen.scenario;

/**
 * {@code [particles]}: the mean number of simulation particles per cell (all species together), ≥ 1, and the
 * variance reduction of the particle estimates.
 */
public record ParticlesSpec(int perCell, VarianceReduction varianceReduction) {
    /** Plain DSMC. */
    public ParticlesSpec(int perCell) {
        this(perCell, VarianceReduction.NONE);
    }

    /** Whether the particle estimates are variance-reduced (the particles then carry importance weights). */
    public boolean varianceReduced() {
        return varianceReduction != VarianceReduction.NONE;
    }

    /** The same reduction with another particle count. */
    public ParticlesSpec withPerCell(int count) {
        return new ParticlesSpec(count, varianceReduction);
    }
}
