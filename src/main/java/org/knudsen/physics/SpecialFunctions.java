package org.knudsen.physics;

import org.apache.commons.numbers.gamma.Gamma;

/** The few special functions of PHYSICS.md §0 that Commons Numbers does not provide. */
public final class SpecialFunctions {
    private SpecialFunctions() {
    }

    /**
     * Kummer's ₁F₁(a; b; z) by its power series Σ (a)_n/(b)_n zⁿ/n!, summed until the terms are below
     * 1e-17 of the sum. Used here for |z| ≲ 10 (Gaussian moments of |g|^γ); rejects larger |z|.
     */
    public static double hypergeometric1F1(double a, double b, double z) {
        if (Math.abs(z) > 50) {
            throw new IllegalArgumentException("1F1 series used outside |z| <= 50: z = " + z);
        }
        double term = 1, sum = 1;
        for (int n = 0; n < 10_000; n++) {
            term *= (a + n) / (b + n) * z / (n + 1);
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("1F1 series did not converge for a=" + a + ", b=" + b + ", z=" + z);
    }

    /** Γ(x) for x > 0. */
    public static double gamma(double x) {
        return Gamma.value(x);
    }
}
