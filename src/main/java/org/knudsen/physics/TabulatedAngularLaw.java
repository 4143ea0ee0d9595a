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
    private final double[] b;      // normalised so that 2π ∫ b = 1
    private final double[] cdf;    // cdf[k] = 2π ∫_{−1}^{x_k} b
    private final double momentumTransfer;
    private final double viscosityIntegral;

    TabulatedAngularLaw(double[] cosTheta, double[] values) {
        if (cosTheta == null || values == null || cosTheta.length != values.length || cosTheta.length < 2) {
            throw new IllegalArgumentException("tabulated angular law needs two arrays of equal length >= 2");
        }
        if (cosTheta[0] != -1 || cosTheta[cosTheta.length - 1] != 1) {
            throw new IllegalArgumentException("tabulated angular law: points must start at cos θ = -1 and end at 1, got "
                    + cosTheta[0] + " .. " + cosTheta[cosTheta.length - 1]);
        }
        for (int k = 0; k < cosTheta.length; k++) {
            if (!Double.isFinite(values[k]) || values[k] < 0) {
                throw new IllegalArgumentException("tabulated angular law: b(" + cosTheta[k] + ") = " + values[k]
                        + " must be finite and >= 0");
            }
            if (k > 0 && !(cosTheta[k] > cosTheta[k - 1])) {
                throw new IllegalArgumentException("tabulated angular law: cos θ points must increase strictly, got "
                        + cosTheta[k - 1] + " then " + cosTheta[k]);
            }
        }
        this.x = cosTheta.clone();
        double[] raw = values.clone();
        double total = 2 * Math.PI * segmentIntegral(raw, 0, raw.length - 1, Weight.ONE);
        if (!(total > 0)) {
            throw new IllegalArgumentException("tabulated angular law: b integrates to zero");
        }
        if (!Double.isFinite(total)) { // the values are finite, their integral overflows: rescale them
            throw new IllegalArgumentException("tabulated angular law: the integral of b overflows (values up to "
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

    @Override
    public String describe() {
        return "tabulated(" + x.length + " points)";
    }
}
