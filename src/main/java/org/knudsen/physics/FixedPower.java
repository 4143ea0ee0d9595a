package org.knudsen.physics;

/**
 * u ↦ u^p for one fixed exponent p &gt; 0 and u in [0, 1]: the VSS deflection cos θ = 2U^{1/α} − 1 needs it at every
 * collision event. Hand-written for speed: {@code Math.pow} costs about 19 ns per call on the bench machine (a sixth
 * of the whole {@code collide-dense} step in a JFR profile), and a fixed p allows tables where a general pow cannot.
 * <p>
 * With u = 2^e m, m in [1, 2): u^p = (2^e)^p · m_j^p · (1 + t)^p, where m_j is the centre of the 1/256-wide interval
 * holding m and t = (m − m_j)/m_j, |t| &lt; 2^-9; (2^e)^p for e ≥ −{@value #EXPONENTS} and m_j^p are tabulated with
 * {@code Math.pow} (exact arguments), (1 + t)^p is its binomial series to t^5 (the first term left out is below 2^-59
 * of the result for p ≤ 4), evaluated in Estrin's form with fused multiply-adds: its latency, not its throughput,
 * is what the collision loop waits for. The result is within a few ulp of {@code Math.pow} (FixedPowerTest); below 2^-64, at 0,
 * and for arguments outside [0, 1] it is {@code Math.pow} itself.
 */
public final class FixedPower {
    private static final int EXPONENTS = 64;
    private static final int MANTISSA_BITS = 8;
    private static final int INTERVALS = 1 << MANTISSA_BITS;
    private static final int SERIES_DEGREE = 5;
    private static final long MANTISSA_MASK = (1L << 52) - 1;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    private static final long INTERVAL_LOW_BITS = (1L << (52 - MANTISSA_BITS)) - 1;
    private static final long CENTRE_BIT = 1L << (52 - MANTISSA_BITS - 1);

    private final double p;
    private final double[] twoPower = new double[EXPONENTS + 1];    // (2^e)^p at index e + EXPONENTS, e in [−64, 0]
    private final double[] centrePower = new double[INTERVALS];      // m_j^p
    private final double[] inverseCentre = new double[INTERVALS];    // 1/m_j
    private final double c1, c2, c3, c4, c5;                         // binomial coefficients C(p, k)

    public FixedPower(double p) {
        if (!(p > 0) || p > 4) {
            throw new IllegalArgumentException("exponent p = " + p + " must lie in (0, 4]");
        }
        this.p = p;
        for (int e = -EXPONENTS; e <= 0; e++) {
            twoPower[e + EXPONENTS] = Math.pow(Math.scalb(1.0, e), p);
        }
        for (int j = 0; j < INTERVALS; j++) {
            double centre = 1 + (j + 0.5) / INTERVALS;
            centrePower[j] = Math.pow(centre, p);
            inverseCentre[j] = 1 / centre;
        }
        double[] c = new double[SERIES_DEGREE + 1];
        c[0] = 1;
        for (int k = 1; k <= SERIES_DEGREE; k++) {
            c[k] = c[k - 1] * (p - k + 1) / k;
        }
        c1 = c[1];
        c2 = c[2];
        c3 = c[3];
        c4 = c[4];
        c5 = c[5];
    }

    public double exponent() {
        return p;
    }

    /** u^p. */
    public double of(double u) {
        long bits = Double.doubleToRawLongBits(u);
        int e = (int) (bits >>> 52) - 1023; // the sign bit is 0 for u ≥ 0, so this is u's binary exponent
        if (e > 0 || e < -EXPONENTS || u > 1 || u == 0) {
            return Math.pow(u, p); // u < 2^-64, 0, above 1, negative or NaN: rare, and Math.pow decides them
        }
        int j = (int) (bits >>> (52 - MANTISSA_BITS)) & (INTERVALS - 1);
        long mantissa = bits & MANTISSA_MASK;
        double m = Double.longBitsToDouble(mantissa | ONE_BITS);
        // m_j = 1 + (j + ½)/256: m's leading 8 mantissa bits, then a 1 (so m − m_j is exact)
        double centre = Double.longBitsToDouble((mantissa & ~INTERVAL_LOW_BITS) | ONE_BITS | CENTRE_BIT);
        double t = (m - centre) * inverseCentre[j];
        double t2 = t * t;
        // (1 + t)^p − 1, so that the last step adds the small correction to the tabulated part in one rounding
        double tail = Math.fma(t2, Math.fma(t2, Math.fma(c5, t, c4), Math.fma(c3, t, c2)), c1 * t);
        double base = twoPower[e + EXPONENTS] * centrePower[j];
        return Math.fma(base, tail, base);
    }
}
