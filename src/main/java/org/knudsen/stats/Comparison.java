package org.knudsen.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * One particle-minus-reference comparison of a cross-check (docs/check.md): at an output time, for a species, a quantity
 * (e.g. {@code "mode 1,0,0"} or {@code "cell"} with its cell index, −1 when not per cell). The difference is the
 * replica mean, its SE comes from the replica spread, z = difference/SE, and the two-sided p-value is that of
 * Student's t with R − 1 degrees of freedom (exact for Gaussian replica values, which sums over many particles are).
 *
 * <p>{@code status} says whether the comparison can be tested: {@link #OK}; {@link #ZERO_SE} when the replica values
 * are identical (SE = 0: no noise estimate, e.g. a quantity that is exactly zero in every replica, or duplicated
 * replicas); {@link #NON_FINITE} when a replica value, the mean or the SE is NaN or infinite. z and p are NaN (null in
 * JSON) unless the status is OK, and such a comparison is excluded from any {@link Verdict}.
 */
public record Comparison(double time, String species, String quantity, int cell, int replicas, double difference,
                         double standardError, double z, double pValue, String status) {
    /** A testable comparison: finite values, SE finite and &gt; 0. */
    public static final String OK = "ok";
    /** All replica values equal: the SE is exactly 0 and there is no test. */
    public static final String ZERO_SE = "zero_se";
    /** A replica value, the mean, the SE or z is NaN or infinite. */
    public static final String NON_FINITE = "non_finite";

    /** The comparison from the R replicas' values of (particle estimate − reference). */
    public static Comparison of(double time, String species, String quantity, int cell, double[] replicaDifferences) {
        boolean finite = true;
        for (double v : replicaDifferences) {
            finite &= Double.isFinite(v);
        }
        ReplicaStatistics.Summary s = ReplicaStatistics.summarise(replicaDifferences);
        String status = s.usable() && finite ? OK : finite && s.standardError() == 0 ? ZERO_SE : NON_FINITE;
        if (!status.equals(OK)) {
            return new Comparison(time, species, quantity, cell, s.replicas(), Double.isFinite(s.mean()) ? s.mean()
                    : Double.NaN, Double.isFinite(s.standardError()) ? s.standardError() : Double.NaN, Double.NaN,
                    Double.NaN, status);
        }
        return new Comparison(time, species, quantity, cell, s.replicas(), s.mean(), s.standardError(), s.z(),
                twoSidedPValue(s.z(), s.degreesOfFreedom()), OK);
    }

    /** True when the comparison can be tested ({@link #OK}). */
    public boolean usable() {
        return OK.equals(status);
    }

    /** P(|T| ≥ |z|) for T ~ t(dof), from the survival function (accurate far in the tail); NaN for a non-finite z. */
    public static double twoSidedPValue(double z, int dof) {
        if (!Double.isFinite(z)) {
            return Double.NaN;
        }
        return Math.min(1.0, 2 * TDistribution.of(dof).survivalProbability(Math.abs(z)));
    }
}
