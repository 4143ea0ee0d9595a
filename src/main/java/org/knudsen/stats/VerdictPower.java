package org.knudsen.stats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The power of the max-|t| Bonferroni {@link Verdict} with R replicas, K comparisons and a level α: what the test
 * can see at all.
 *
 * <p><b>Critical value.</b> Comparison k is rejected when |t_k| &gt; c = t_{R−1}^{-1}(1 − α/(2K)) (exact, Commons
 * Statistics). With R = 2 the t law has 1 degree of freedom (Cauchy) and c is enormous (127 for α = 0.01, K = 2).
 *
 * <p><b>Power.</b> If comparison k has a true difference Δ and per-replica standard deviation σ, its t statistic is
 * noncentral t with R − 1 degrees of freedom and noncentrality δ = Δ√R/σ (Δ in units of the true SE σ/√R):
 * T = (Z + δ)/S with Z standard normal and S = √(V/ν), V ~ χ²_ν independent. Its rejection probability is computed
 * exactly as the integral over the law of S,
 * <pre>  P(|T| &gt; c) = ∫₀¹ [Φ(δ − c S(u)) + Φ(−δ − c S(u))] du,   S(u) = √(F⁻¹_{χ²_ν}(u)/ν),</pre>
 * numerically (composite 5-point Gauss–Legendre in u on {@value #INTERVALS} intervals, accurate to better than
 * 10⁻⁵ in the detectable differences; checked against a Monte Carlo of the verdict in the tests). This is the power
 * of one shifted comparison with the others null: a lower bound for the verdict's power when several are shifted.
 * The smallest difference detected with power P is the δ_P solving P(|T| &gt; c) = P (bisection; the power grows
 * with δ); in units of the per-replica standard deviation it is δ_P/√R.
 *
 * <p><b>The price of few replicas.</b> For a fixed total of particles (the cost), σ grows as √R when the particles
 * are split into R replicas, so the detectable Δ is proportional to δ_P(R) itself. As R → ∞, δ_P tends to the value
 * of the z-test with a known SE, z_{α/(2K)} + z_P. The ratio {@link #fewReplicasFactor()} = δ_95(R)/δ_95(∞) is how
 * many times larger a difference must be to be found with 95 % power than with the same particles in many
 * replicas: 1.16 at R = 16, 1.42 at R = 8, 5.5 at R = 3, 56 at R = 2 (α = 0.01, K = 2). The check's rule
 * (docs/check.md): refused when it exceeds {@value #REFUSE_FACTOR}, warned about when it exceeds
 * {@value #WARN_FACTOR}.
 *
 * @param replicas         R ≥ 2
 * @param tests            K ≥ 1, the Bonferroni factor
 * @param level            α in (0, 1)
 * @param criticalT        c
 * @param noncentrality50  δ_50: the true difference, in true SEs (σ/√R), detected with 50 % power
 * @param noncentrality95  δ_95, the same with 95 % power
 * @param fewReplicasFactor δ_95(R)/δ_95(R → ∞)
 */
public record VerdictPower(int replicas, int tests, double level, double criticalT, double noncentrality50,
                           double noncentrality95, double fewReplicasFactor) {
    /** How the power is computed (written to check.json). */
    public static final String METHOD = "noncentral Student t with R-1 dof for one shifted comparison: "
            + "P(|Z + delta| > c sqrt(V/(R-1))), V ~ chi2(R-1), integrated numerically over the chi2 quantiles";
    /** Refuse a check whose {@link #fewReplicasFactor()} exceeds this: it has no useful power. */
    public static final double REFUSE_FACTOR = 10.0;
    /** Warn about a check whose {@link #fewReplicasFactor()} exceeds this. */
    public static final double WARN_FACTOR = 1.5;
    /** Number of Gauss–Legendre intervals over the χ² quantile u ∈ (0, 1). */
    static final int INTERVALS = 256;

    private static final double[] GL_X = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
            0.9061798459386640};
    private static final double[] GL_W = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
            0.4786286704993665, 0.2369268850561891};
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    /** S(u) = √(χ²_ν quantile / ν) at the quadrature nodes, per ν. */
    private static final Map<Integer, double[]> NODES = new ConcurrentHashMap<>();

    /** The power of the verdict over {@code tests} comparisons from {@code replicas} replicas at {@code level}. */
    public static VerdictPower of(int replicas, int tests, double level) {
        if (replicas < 2 || tests < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("power needs R >= 2, K >= 1 and a level in (0, 1): R = " + replicas
                    + ", K = " + tests + ", level = " + level);
        }
        int dof = replicas - 1;
        double c = criticalT(replicas, tests, level);
        double d50 = noncentralityFor(0.5, dof, c);
        double d95 = noncentralityFor(0.95, dof, c);
        return new VerdictPower(replicas, tests, level, c, d50, d95, d95 / largeReplicaNoncentrality(0.95, tests, level));
    }

    /** The Bonferroni critical |t|: t_{R−1}^{-1}(1 − α/(2K)). */
    public static double criticalT(int replicas, int tests, double level) {
        return TDistribution.of(replicas - 1).inverseSurvivalProbability(level / (2.0 * tests));
    }

    /** The R → ∞ limit of δ_P: z_{α/(2K)} + z_P (the z-test with a known SE). */
    public static double largeReplicaNoncentrality(double power, int tests, double level) {
        return NORMAL.inverseSurvivalProbability(level / (2.0 * tests)) + NORMAL.inverseCumulativeProbability(power);
    }

    /** P(|T| &gt; c) for T noncentral t with {@code dof} degrees of freedom and noncentrality δ (class comment). */
    public static double power(double noncentrality, int dof, double critical) {
        double[] s = nodes(dof);
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            double cs = critical * s[k];
            sum += GL_W[k % GL_X.length] * (NORMAL.cumulativeProbability(noncentrality - cs)
                    + NORMAL.cumulativeProbability(-noncentrality - cs));
        }
        return sum * 0.5 / INTERVALS;
    }

    /** The noncentrality δ at which {@link #power} reaches {@code target} (in (0, 1), above the false-alarm rate). */
    public static double noncentralityFor(double target, int dof, double critical) {
        if (power(0, dof, critical) >= target) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (power(hi, dof, critical) < target) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (power(mid, dof, critical) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The smallest R ≥ 2 whose {@link #fewReplicasFactor()} is at most {@code factor} (for K tests at the level). */
    public static int minimumReplicas(int tests, double level, double factor) {
        double limit = largeReplicaNoncentrality(0.95, tests, level);
        int r = 2;
        while (noncentralityFor(0.95, r - 1, criticalT(r, tests, level)) / limit > factor) {
            r++;
        }
        return r;
    }

    private static double[] nodes(int dof) {
        return NODES.computeIfAbsent(dof, nu -> {
            ChiSquaredDistribution chi = ChiSquaredDistribution.of(nu);
            double[] s = new double[INTERVALS * GL_X.length];
            for (int i = 0; i < INTERVALS; i++) {
                for (int j = 0; j < GL_X.length; j++) {
                    double u = (i + 0.5 + 0.5 * GL_X[j]) / INTERVALS;
                    s[i * GL_X.length + j] = Math.sqrt(chi.inverseCumulativeProbability(u) / nu);
                }
            }
            return s;
        });
    }

    /** δ_50/√R: the true difference detected with 50 % power, in per-replica standard deviations. */
    public double detectableSd50() {
        return noncentrality50 / Math.sqrt(replicas);
    }

    /** δ_95/√R: the true difference detected with 95 % power, in per-replica standard deviations. */
    public double detectableSd95() {
        return noncentrality95 / Math.sqrt(replicas);
    }

    /** Refused by the check's rule (factor &gt; {@value #REFUSE_FACTOR}). */
    public boolean refused() {
        return fewReplicasFactor > REFUSE_FACTOR;
    }

    /** Warned about by the check's rule (factor &gt; {@value #WARN_FACTOR}). */
    public boolean low() {
        return fewReplicasFactor > WARN_FACTOR;
    }

    /** One sentence: the critical value and the detectable differences. */
    public String describe() {
        return String.format(Locale.ROOT, "with R = %d replicas (%d degree%s of freedom), %d comparison%s and level %s "
                        + "the Bonferroni critical |t| is %.4g: a true difference is detected with 50 %% / 95 %% power only "
                        + "above %.3g / %.3g per-replica standard deviations (%.3g / %.3g SEs; noncentral t), %.3g times "
                        + "what the same particles in many replicas would need", replicas, replicas - 1,
                replicas == 2 ? "" : "s", tests, tests == 1 ? "" : "s", level, criticalT, detectableSd50(),
                detectableSd95(), noncentrality50, noncentrality95, fewReplicasFactor);
    }

    /** The JSON object of check.json's {@code verdict.power} (keys documented in docs/check.md). */
    public Map<String, Object> toMap(String measured) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", METHOD);
        m.put("replicas", replicas);
        m.put("degrees_of_freedom", replicas - 1);
        m.put("tests", tests);
        m.put("critical_t", criticalT);
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("power_50", detectableSd50());
        sd.put("power_95", detectableSd95());
        m.put("detectable_difference_sd", sd);
        Map<String, Object> se = new LinkedHashMap<>();
        se.put("power_50", noncentrality50);
        se.put("power_95", noncentrality95);
        m.put("detectable_difference_se", se);
        m.put("few_replicas_factor", fewReplicasFactor);
        m.put("assessment", refused() ? "no useful power" : low() ? "low power" : "adequate");
        m.put("rule", String.format(Locale.ROOT, "refused when few_replicas_factor > %s, warned when > %s "
                + "(docs/check.md)", REFUSE_FACTOR, WARN_FACTOR));
        if (measured != null) {
            m.put("measured", measured);
        }
        return m;
    }
}
