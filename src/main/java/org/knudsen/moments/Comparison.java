package org.knudsen.moments;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * One particle-minus-reference comparison of a cross-check (issue 7): at an output time, for a species, a quantity
 * (e.g. {@code "mode 1,0,0"} or {@code "cell"} with its cell index, −1 when not per cell). The difference is the
 * replica mean, its SE comes from the replica spread, z = difference/SE, and the two-sided p-value is that of
 * Student's t with R − 1 degrees of freedom (exact for Gaussian replica values, which sums over many particles are).
 */
public record Comparison(double time, String species, String quantity, int cell, int replicas, double difference,
                         double standardError, double z, double pValue) {

    /** The comparison from the R replicas' values of (particle estimate − reference). */
    public static Comparison of(double time, String species, String quantity, int cell, double[] replicaDifferences) {
        ReplicaStatistics.Summary s = ReplicaStatistics.summarise(replicaDifferences);
        return new Comparison(time, species, quantity, cell, s.replicas(), s.mean(), s.standardError(), s.z(),
                twoSidedPValue(s.z(), s.degreesOfFreedom()));
    }

    /** P(|T| ≥ |z|) for T ~ t(dof), from the survival function (accurate far in the tail). */
    public static double twoSidedPValue(double z, int dof) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Math.min(1.0, 2 * TDistribution.of(dof).survivalProbability(Math.abs(z)));
    }
}
