package org.knudsen.particles;

/**
 * The importance weights of a variance-reduced run have diverged (docs/variance-reduction.md, "Stability"): a weight in
 * a cell exceeded {@link CellCollider#KAPPA_LIMIT}, so that cell's NTC candidates would be more than that many times
 * plain DSMC's, and the reduced estimates (noise ∝ |1 − w|) are already noisier than the plain ones. Measured cause:
 * too few particles per species and cell for the smoothing to hold the weights' variance down.
 */
public final class ImportanceWeightsDivergedException extends IllegalStateException {
    private final int cell;
    private final double weight;

    ImportanceWeightsDivergedException(int cell, double weight, int[] counts) {
        super(String.format(java.util.Locale.ROOT, "importance weights diverged: a weight reached w = %.3g > %.0f in "
                + "cell %d (%s particles per species there), where the runs of docs/variance-reduction.md stay below "
                + "w = 1.5; the smoothing needs more particles per species and cell: raise particles.per_cell or set "
                + "particles.variance_reduction = \"none\"", weight, CellCollider.KAPPA_LIMIT, cell,
                java.util.Arrays.toString(counts)));
        this.cell = cell;
        this.weight = weight;
    }

    public int cell() {
        return cell;
    }

    public double weight() {
        return weight;
    }
}
