package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run's final message never prints a clipped "0.000" for a deviation that is only noise. */
class FinalNormTextTest {
    @Test
    void squaredNormWithinTwoStandardErrorsOfZeroIsReportedAsNoiseWithItsUpperBound() {
        // unbiased squared estimate -2.7e-5 +- 9.7e-5: consistent with 0; bound sqrt(0 + 2 * 9.7e-5) = 0.0139
        assertEquals("within the noise (squared -2.7e-05 +- 9.7e-05; below 0.014 at 2 SE)",
                SpatialRun.normText(0, 0.0049, -2.7e-5, 9.7e-5));
    }

    @Test
    void resolvedNormIsReportedWithItsStandardError() {
        // 0.045^2 = 2.0e-3 against an SE of 1e-4: 20 SE from zero
        assertEquals("= 0.04500 +- 0.0011", SpatialRun.normText(0.045, 0.0011, 2.025e-3, 1e-4));
    }
}
