package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FixedPowerTest {
    /** Math.pow is within 1 ulp of u^p; the tables and the series add at most a few roundings. */
    private static final double ULPS = 4;

    private static void assertNearPow(FixedPower power, double u) {
        double exact = Math.pow(u, power.exponent());
        double got = power.of(u);
        assertTrue(Math.abs(got - exact) <= ULPS * Math.ulp(exact),
                () -> u + "^" + power.exponent() + " = " + got + ", Math.pow " + exact + " ("
                        + (got - exact) / Math.ulp(exact) + " ulp)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.5, 1 / 1.4, 1 / 1.9, 0.999, 1, 1.5, 2.5, 4})
    void powerOfUniformsAgreesWithMathPowToAFewUlp(double p) {
        FixedPower power = new FixedPower(p);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int n = 0; n < 400_000; n++) {
            assertNearPow(power, rng.nextDouble());
            assertNearPow(power, Math.scalb(rng.nextDouble(), -rng.nextInt(70))); // every tabulated exponent and beyond
        }
        // the ends of every mantissa interval and of the tabulated exponents, 1 and just below it
        for (int j = 0; j <= 256; j++) {
            double edge = 1 + j / 256.0;
            for (int e = -66; e <= -1; e++) {
                assertNearPow(power, Math.scalb(Math.nextDown(edge), e));
                assertNearPow(power, Math.scalb(edge, e));
                assertNearPow(power, Math.scalb(Math.nextUp(edge), e));
            }
        }
        assertNearPow(power, 1);
        assertNearPow(power, Math.nextDown(1.0));
        assertNearPow(power, Double.MIN_VALUE);
        assertEquals(0, power.of(0), 0);
    }

    @Test
    void exactPowersComeOutExactlyOrWithinOneUlp() {
        assertEquals(0.5, new FixedPower(0.5).of(0.25), Math.ulp(0.5));
        assertEquals(0.5, new FixedPower(0.25).of(0.0625), Math.ulp(0.5));
        assertEquals(0.125, new FixedPower(3).of(0.5), Math.ulp(0.125));
        assertEquals(Math.sqrt(0.3), new FixedPower(0.5).of(0.3), Math.ulp(Math.sqrt(0.3)));
        assertEquals(1, new FixedPower(1 / 1.4).of(1), Math.ulp(1.0));
    }

    @Test
    void exponentsOutsideTheSeriesRangeAreRefusedNamingTheRule() {
        for (double p : new double[] {0, -0.5, 4.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FixedPower(p));
            assertTrue(e.getMessage().contains("(0, 4]"), e.getMessage());
        }
    }
}
