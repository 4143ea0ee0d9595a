package org.knudsen.stats;

import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The global verdict of a cross-check (docs/check.md): are all the comparisons consistent with zero difference?
 *
 * <p><b>Test.</b> The statistic is max_k |z_k| over the K usable comparisons; each z_k is Student-t with R − 1 degrees
 * of freedom under the null (replica spread, Gaussian replica values), with two-sided p-value p_k. The global p-value
 * is the Bonferroni bound p = min(1, K · min_k p_k), and the check is consistent when p &gt; level, i.e. when every
 * |z_k| is below the critical value t_{R−1}^{-1}(1 − level/(2K)). Bonferroni is valid under any dependence
 * between the comparisons: times within a replica are strongly correlated (the particles persist), and so are
 * species (Σ_i c_i is fixed), so a χ² sum with K independent terms would not have its nominal level, and Šidák
 * or Fisher's method assume independence. The price is conservatism under strong positive dependence (the real
 * false-alarm rate is then below the level) and low power with few replicas and many comparisons (t with few
 * degrees of freedom has heavy tails): aggregate before testing (e.g. time-averaged differences per replica) or use
 * more replicas when power matters ({@link VerdictPower}).
 *
 * <p><b>Excluded comparisons.</b> A comparison whose SE is 0 or non-finite ({@link Comparison#usable()} false) has no
 * t statistic; it is excluded (counted in {@code excluded}) and K counts the others. With no usable comparison the
 * verdict is {@link #UNDECIDABLE}: neither consistent nor inconsistent; maxAbsZ, criticalZ and pValue are NaN and
 * worst is null.
 *
 * @param outcome {@link #CONSISTENT}, {@link #INCONSISTENT} or {@link #UNDECIDABLE}
 * @param tests   K, the usable comparisons (the Bonferroni factor)
 * @param excluded comparisons left out for a zero or non-finite SE
 */
public record Verdict(String method, String outcome, double level, int replicas, int tests, int excluded,
                      double maxAbsZ, Comparison worst, double criticalZ, double pValue, List<Comparison> comparisons) {

    public static final String METHOD = "max |z| (Student t, R-1 dof) with Bonferroni correction";
    public static final String CONSISTENT = "consistent";
    public static final String INCONSISTENT = "inconsistent";
    public static final String UNDECIDABLE = "undecidable";

    /** The verdict over all the given comparisons (all from the same number of replicas) at a level in (0, 1). */
    public static Verdict decide(List<Comparison> comparisons, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level = " + level + " must lie in (0, 1)");
        }
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one comparison");
        }
        int r = comparisons.get(0).replicas();
        Comparison worst = null;
        double maxAbs = -1;
        double minP = 1;
        int k = 0;
        for (Comparison c : comparisons) {
            if (c.replicas() != r) {
                throw new IllegalArgumentException("comparisons from different replica counts (" + r + " and "
                        + c.replicas() + ")");
            }
            if (!c.usable()) {
                continue;
            }
            k++;
            double a = Math.abs(c.z());
            if (a > maxAbs) {
                maxAbs = a;
                worst = c;
            }
            minP = Math.min(minP, c.pValue());
        }
        int excluded = comparisons.size() - k;
        if (k == 0) {
            return new Verdict(METHOD, UNDECIDABLE, level, r, 0, excluded, Double.NaN, null, Double.NaN, Double.NaN,
                    List.copyOf(comparisons));
        }
        double p = Math.min(1.0, k * minP);
        double critical = TDistribution.of(r - 1).inverseSurvivalProbability(level / (2.0 * k));
        return new Verdict(METHOD, p > level ? CONSISTENT : INCONSISTENT, level, r, k, excluded, maxAbs, worst, critical,
                p, List.copyOf(comparisons));
    }

    /** Consistent at the level (false when inconsistent or undecidable). */
    public boolean consistent() {
        return CONSISTENT.equals(outcome);
    }

    /** False when no comparison was usable. */
    public boolean decidable() {
        return !UNDECIDABLE.equals(outcome);
    }
}
