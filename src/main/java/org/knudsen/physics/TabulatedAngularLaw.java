package org.knudsen.physics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * An angular law b(x), x = cos θ, given at points x_0 = −1 < x_1 < … < x_K = 1 and linear in between.
 * It is normalised on construction (2π ∫ b = 1). Sampling inverts the piecewise-quadratic CDF exactly;
 * the integrals b^(1), b^(2) are computed by Gauss–Legendre quadrature per segment, exact for the
 * piecewise-linear b times the quadratic weights (PHYSICS.md §0).
 */
public final class TabulatedAngularLaw implements AngularLaw {
    private final double[] x;
    private final double[] given;  // b as given (for parameterValues and equality)
    private final double[] b;      // normalised so that 2π ∫ b = 1
    private final double[] cdf;    // cdf[k] = 2π ∫_{−1}^{x_k} b
    private final double momentumTransfer;
    private final double viscosityIntegral;

    /**
     * The shape rules of a table, each reported on the parameter it concerns, or on the law as a whole for its integral
     * ({@link ParameterException}).
     */
    TabulatedAngularLaw(double[] cosTheta, double[] values) {
        if (cosTheta == null || values == null) {
            throw new IllegalArgumentException("tabulated angular law needs two arrays, cos_theta and b");
        }
        if (cosTheta.length < 2) {
            throw invalid("cos_theta", cosTheta, "needs at least 2 points, from -1 to 1");
        }
        if (values.length != cosTheta.length) {
            throw invalid("b", values, "must have as many entries as cos_theta (" + cosTheta.length + ")");
        }
        if (cosTheta[0] != -1 || cosTheta[cosTheta.length - 1] != 1) {
            throw invalid("cos_theta", cosTheta, "points must start at cos θ = -1 and end at 1, got "
                    + cosTheta[0] + " .. " + cosTheta[cosTheta.length - 1]);
        }
        for (int k = 0; k < cosTheta.length; k++) {
            if (!Double.isFinite(values[k]) || values[k] < 0) {
                throw invalid("b", values, "b(" + cosTheta[k] + ") = " + values[k] + " must be finite and >= 0");
            }
            if (k > 0 && !(cosTheta[k] > cosTheta[k - 1])) {
                throw invalid("cos_theta", cosTheta, "cos θ points must increase strictly, got "
                        + cosTheta[k - 1] + " then " + cosTheta[k]);
            }
        }
        this.x = cosTheta.clone();
        this.given = values.clone();
        double[] raw = values.clone();
        double total = 2 * Math.PI * segmentIntegral(raw, 0, raw.length - 1, Weight.ONE);
        if (!(total > 0)) {
            throw invalidShape("b integrates to zero");
        }
        if (!Double.isFinite(total)) { // the values are finite, their integral overflows: rescale them
            throw invalidShape("the integral of b overflows (values up to "
                    + Arrays.stream(values).max().orElse(0) + "); b is a shape, normalised on reading: scale it down");
        }
        for (int k = 0; k < raw.length; k++) {
            raw[k] /= total;
        }
        this.b = raw;
        this.cdf = new double[x.length];
        for (int k = 1; k < x.length; k++) {
            cdf[k] = cdf[k - 1] + 2 * Math.PI * segmentIntegral(b, k - 1, k, Weight.ONE);
        }
        this.momentumTransfer = 2 * Math.PI * segmentIntegral(b, 0, x.length - 1, Weight.ONE_MINUS_X);
        this.viscosityIntegral = 2 * Math.PI * segmentIntegral(b, 0, x.length - 1, Weight.ONE_MINUS_X2);
    }

    private static ParameterException invalid(String parameter, double[] value, String rule) {
        return new ParameterException(Kind.TABULATED.tomlName() + " angular law", parameter, Arrays.toString(value), rule);
    }

    /** A rule on the table as a whole (its integral involves both the points and the values). */
    private static ParameterException invalidShape(String rule) {
        return new ParameterException(Kind.TABULATED.tomlName() + " angular law", null, null, rule);
    }

    @Override
    public Kind kind() {
        return Kind.TABULATED;
    }

    /** The points cos θ and the values b as given (b before normalisation). */
    @Override
    public double[][] parameterValues() {
        return new double[][] {x.clone(), given.clone()};
    }

    /** Equal when given the same points and the same values (not merely the same normalised shape). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TabulatedAngularLaw t && Arrays.equals(x, t.x) && Arrays.equals(given, t.given);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(given);
    }

    @Override
    public String toString() {
        return "TabulatedAngularLaw[cosTheta=" + Arrays.toString(x) + ", b=" + Arrays.toString(given) + "]";
    }

    private enum Weight { ONE, ONE_MINUS_X, ONE_MINUS_X2 }

    // 3-point Gauss–Legendre is exact up to degree 5; integrands here are of degree ≤ 3 on each segment.
    private static final double[] GL_NODE = {-Math.sqrt(0.6), 0, Math.sqrt(0.6)};
    private static final double[] GL_WEIGHT = {5.0 / 9, 8.0 / 9, 5.0 / 9};

    private double segmentIntegral(double[] values, int from, int to, Weight w) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            double a = x[k], c = x[k + 1], half = (c - a) / 2, mid = (a + c) / 2;
            for (int q = 0; q < 3; q++) {
                double t = mid + half * GL_NODE[q];
                double bt = values[k] + (values[k + 1] - values[k]) * (t - a) / (c - a);
                double weight = switch (w) {
                    case ONE -> 1;
                    case ONE_MINUS_X -> 1 - t;
                    case ONE_MINUS_X2 -> 1 - t * t;
                };
                sum += half * GL_WEIGHT[q] * bt * weight;
            }
        }
        return sum;
    }

    @Override
    public double density(double cosTheta) {
        if (cosTheta < -1 || cosTheta > 1) {
            return 0;
        }
        int k = Arrays.binarySearch(x, cosTheta);
        if (k >= 0) {
            return b[k];
        }
        int hi = -k - 1, lo = hi - 1;
        return b[lo] + (b[hi] - b[lo]) * (cosTheta - x[lo]) / (x[hi] - x[lo]);
    }

    @Override
    public double momentumTransfer() {
        return momentumTransfer;
    }

    @Override
    public double viscosityIntegral() {
        return viscosityIntegral;
    }

    @Override
    public double sampleCosTheta(UniformRandomProvider rng) {
        double u = rng.nextDouble() * cdf[cdf.length - 1];
        int k = Arrays.binarySearch(cdf, u);
        int seg = k >= 0 ? Math.min(k, x.length - 2) : Math.min(-k - 2, x.length - 2);
        // On the segment, 2π b(t) = p + s (t − x_k); solve 2π[p τ + s τ²/2] = u − cdf_k for τ = t − x_k ≥ 0.
        double h = x[seg + 1] - x[seg];
        double p = 2 * Math.PI * b[seg];
        double s = 2 * Math.PI * (b[seg + 1] - b[seg]) / h;
        double r = u - cdf[seg];
        double tau;
        if (Math.abs(s) * h < 1e-12 * Math.max(p, 1e-300)) {
            tau = p > 0 ? r / p : h * rng.nextDouble();
        } else {
            double disc = Math.max(p * p + 2 * s * r, 0);
            tau = 2 * r / (p + Math.sqrt(disc)); // stable root of (s/2)τ² + pτ − r = 0
        }
        return Math.min(1, Math.max(-1, x[seg] + Math.min(Math.max(tau, 0), h)));
    }

    /**
     * β_l = 2π Σ_k ∫_{x_k}^{x_{k+1}} (b_k + s_k (t − x_k)) P_l(t) dt, exactly, with the antiderivatives
     * ∫_{−1}^x P_l = (P_{l+1} − P_{l−1})/(2l+1) and ∫_{−1}^x t P_l = ((l+1) Q_{l+1} + l Q_{l−1})/(2l+1)
     * (Q_l the former), from the Legendre recurrence.
     */
    @Override
    public double legendreMoment(int l) {
        if (l < 0) {
            throw new IllegalArgumentException("Legendre degree " + l + " < 0");
        }
        double sum = 0;
        double q0Prev = 0, q1Prev = 0;
        for (int k = 0; k < x.length; k++) {
            double[] p = legendreUpTo(l + 2, x[k]);
            double q0 = primitive(p, l, x[k]);
            double q1 = l == 0 ? (x[k] * x[k] - 1) / 2
                    : ((l + 1) * primitive(p, l + 1, x[k]) + l * primitive(p, l - 1, x[k])) / (2.0 * l + 1);
            if (k > 0) {
                double slope = (b[k] - b[k - 1]) / (x[k] - x[k - 1]);
                sum += (b[k - 1] - slope * x[k - 1]) * (q0 - q0Prev) + slope * (q1 - q1Prev);
            }
            q0Prev = q0;
            q1Prev = q1;
        }
        return 2 * Math.PI * sum;
    }

    /** P_0..P_n at t by the three-term recurrence. */
    private static double[] legendreUpTo(int n, double t) {
        double[] p = new double[n + 1];
        p[0] = 1;
        if (n > 0) {
            p[1] = t;
        }
        for (int j = 1; j < n; j++) {
            p[j + 1] = ((2 * j + 1) * t * p[j] - j * p[j - 1]) / (j + 1);
        }
        return p;
    }

    /** Q_l(t) = ∫_{−1}^t P_l, from P_{l±1} at t. */
    private static double primitive(double[] p, int l, double t) {
        return l == 0 ? t + 1 : (p[l + 1] - p[l - 1]) / (2.0 * l + 1);
    }

    @Override
    public String describe() {
        return "tabulated(" + x.length + " points)";
    }
}
