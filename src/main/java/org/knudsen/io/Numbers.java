package org.knudsen.io;

import java.math.BigDecimal;
import java.math.MathContext;

/** Short human-readable numbers for logs and axis labels (not for data files: those keep every digit). */
final class Numbers {
    private Numbers() {
    }

    /**
     * {@code x} rounded to {@code digits} significant digits without trailing zeros: plain notation for
     * 1e-4 <= |x| < 1e6 (0.123, 0.000025, 12350), otherwise scientific (1.5E-7).
     */
    static String significant(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        double a = Math.abs(x);
        return a >= 1e-4 && a < 1e6 ? b.toPlainString() : b.toString();
    }
}
