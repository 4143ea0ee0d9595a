package org.knudsen.moments;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * z-scores that an honest estimator makes standard normal: their mean is checked against 0 at 4 SE (1/√n) and their
 * variance against 1 at 4 SE (√(2/n)).
 */
final class StandardNormalScores {
    private double sum;
    private double squares;
    private int count;

    void add(double z) {
        sum += z;
        squares += z * z;
        count++;
    }

    void assertStandardNormal(String what) {
        double mean = sum / count, variance = squares / count - mean * mean;
        assertEquals(0, mean, 4 / Math.sqrt(count), "mean z of " + what);
        assertEquals(1, variance, 4 * Math.sqrt(2.0 / count), "variance of z of " + what);
    }
}
