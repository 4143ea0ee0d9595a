package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kummer's ₁F₁ against an independent high-precision reference: the defining power series Σ (a)_n/(b)_n zⁿ/n! summed
 * in BigDecimal with enough digits to absorb its cancellation (the largest term is about e^{|z|}), i.e. the naive
 * route done exactly, not the Kummer transformation or asymptotic expansion the implementation uses.
 */
class SpecialFunctionsTest {

    /** ₁F₁(a; b; z) by its power series in BigDecimal, with 40 digits beyond the largest term. */
    static double reference(double a, double b, double z) {
        int digits = 40 + (int) Math.ceil(Math.abs(z) / Math.log(10));
        MathContext mc = new MathContext(digits);
        BigDecimal ba = new BigDecimal(a), bb = new BigDecimal(b), bz = new BigDecimal(z);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        BigDecimal tiny = BigDecimal.ONE.movePointLeft(digits);
        for (int n = 0; n < 200_000; n++) {
            BigDecimal bn = BigDecimal.valueOf(n);
            term = term.multiply(ba.add(bn), mc).multiply(bz, mc)
                    .divide(bb.add(bn).multiply(BigDecimal.valueOf(n + 1L), mc), mc);
            sum = sum.add(term, mc);
            if (n > Math.abs(z) && term.abs().compareTo(tiny) < 0) {
                break;
            }
        }
        return sum.doubleValue();
    }

    @ParameterizedTest(name = "1F1({0}; {1}; {2})")
    @CsvSource({
        // the momentum-exchange factor 1F1(-γ/2; 5/2; -μ|w|²/2) (PHYSICS §1) and the E[|z|^γ z] factor (§8.3)
        "-0.5, 2.5, -1e-4", "-0.5, 2.5, -0.5", "-0.5, 2.5, -5", "-0.5, 2.5, -20", "-0.5, 2.5, -50",
        "-0.5, 2.5, -100", "-0.5, 2.5, -300", "-0.5, 2.5, -599", "-0.5, 2.5, -601", "-0.5, 2.5, -1000",
        "-0.5, 2.5, -2000", "-0.25, 2.5, -50", "-0.25, 2.5, -800", "-0.25, 1.5, -50", "-0.5, 1.5, -1500",
        "0.3, 1.5, -40", "0.3, 1.5, -700", "1.7, 2.5, -60",
        // positive z, where the series has no cancellation
        "-0.5, 2.5, 0.5", "-0.5, 2.5, 30", "0.3, 1.5, 100"})
    void kummerFunctionMatchesTheHighPrecisionSeries(double a, double b, double z) {
        double expected = reference(a, b, z);
        double actual = SpecialFunctions.hypergeometric1F1(a, b, z);
        assertEquals(expected, actual, 2e-14 * Math.abs(expected), () -> "1F1(" + a + "; " + b + "; " + z + ")");
    }

    @ParameterizedTest
    @CsvSource({"-0.5, 0.0, -1", "-0.5, 2.5, 700", "NaN, 2.5, -1"})
    void argumentsOutsideTheImplementedDomainAreRefused(double a, double b, double z) {
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.hypergeometric1F1(a, b, z));
    }
}
