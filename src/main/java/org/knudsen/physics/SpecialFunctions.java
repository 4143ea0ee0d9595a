package org.knudsen.physics;

import org.apache.commons.numbers.gamma.Gamma;
import org.apache.commons.numbers.gamma.LogGamma;

/** The few special functions of PHYSICS.md §0 that Commons Numbers does not provide. */
public final class SpecialFunctions {
    /** Beyond this |z| the power series (and e^{|z|}) leave double range; the asymptotic form takes over for z < 0. */
    private static final double SERIES_LIMIT = 600;

    private SpecialFunctions() {
    }

    /**
     * Kummer's ₁F₁(a; b; z), b &gt; 0, to about 1e-15 relative for z ≤ 600. For z &lt; 0 the alternating power series
     * cancels catastrophically (at z = −50 it loses every digit), so there it uses Kummer's transformation
     * ₁F₁(a; b; z) = e^z ₁F₁(b − a; b; −z), a series of positive terms when b − a ≥ 0 (DLMF 13.2.39), and below
     * z = −600 the large-|z| expansion Γ(b)/Γ(b−a) (−z)^{−a} Σ (a)_n (a−b+1)_n / (n! (−z)^n) (DLMF 13.7.2; the
     * exponentially small second part is below double precision there).
     */
    public static double hypergeometric1F1(double a, double b, double z) {
        if (!(b > 0) || !Double.isFinite(a) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("1F1(a=" + a + "; b=" + b + "; z=" + z + ") needs b > 0 and finite a, z");
        }
        if (z > SERIES_LIMIT) {
            throw new IllegalArgumentException("1F1 not implemented for z > " + SERIES_LIMIT + ": z = " + z);
        }
        if (z >= 0 || b - a < 0) {
            if (z < -SERIES_LIMIT) {
                throw new IllegalArgumentException("1F1(a=" + a + "; b=" + b + ") for z < -" + SERIES_LIMIT
                        + " needs b - a >= 0: z = " + z);
            }
            return series(a, b, z);
        }
        if (z >= -SERIES_LIMIT) {
            return Math.exp(z) * series(b - a, b, -z);
        }
        return largeNegative(a, b, z);
    }

    /** Σ (a)_n/(b)_n zⁿ/n!, until the terms are below 1e-17 of the sum. */
    private static double series(double a, double b, double z) {
        double term = 1, sum = 1;
        for (int n = 0; n < 100_000; n++) {
            term *= (a + n) / (b + n) * z / (n + 1);
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("1F1 series did not converge for a=" + a + ", b=" + b + ", z=" + z);
    }

    /** DLMF 13.7.2 for z → −∞, summed while its terms decrease (an asymptotic series). */
    private static double largeNegative(double a, double b, double z) {
        double x = -z;
        double term = 1, sum = 1;
        for (int n = 0; n < 1000; n++) {
            double next = term * (a + n) * (a - b + 1 + n) / ((n + 1) * x);
            if (Math.abs(next) >= Math.abs(term) || next == 0) {
                break;
            }
            term = next;
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        if (b == a) {
            return 0; // ₁F₁(b; b; z) = e^z, below double range here
        }
        return Math.exp(LogGamma.value(b) - LogGamma.value(b - a) - a * Math.log(x)) * sum;
    }

    /** Γ(x) for x > 0. */
    public static double gamma(double x) {
        return Gamma.value(x);
    }
}
