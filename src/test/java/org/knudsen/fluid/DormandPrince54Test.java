package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DormandPrince54Test {

    /** y'' = −y as a system; exact y = (cos t, −sin t). */
    private static double[] run(double h, double tEnd, double tDense) {
        DormandPrince54 dp = new DormandPrince54(2, (t, y, f) -> {
            f[0] = y[1];
            f[1] = -y[0];
        }, null, 1e-6, 0);
        dp.setFixedStep(h);
        dp.reset(0, new double[] {1, 0});
        double[] dense = new double[2];
        boolean got = false;
        while (dp.time() < tEnd - 1e-12) {
            dp.step();
            if (!got && dp.time() >= tDense) {
                dp.interpolate(tDense, dense);
                got = true;
            }
        }
        return new double[] {Math.abs(dp.state()[0] - Math.cos(tEnd)), Math.abs(dense[0] - Math.cos(tDense))};
    }

    @Test
    void fixedStepSolutionIsFifthOrderAndDenseOutputFourthOrder() {
        double[] coarse = run(0.2, 4.0, 0.1);
        double[] fine = run(0.1, 4.0, 0.05);
        double globalOrder = Math.log(coarse[0] / fine[0]) / Math.log(2);
        // dense output inside the first step: local error O(h^5) of a 4th-order interpolant
        double denseOrder = Math.log(coarse[1] / fine[1]) / Math.log(2);
        assertEquals(5, globalOrder, 0.2, "global order");
        assertTrue(denseOrder > 4.7, "dense-output local order " + denseOrder);
    }

    @Test
    void adaptiveStepMeetsTheTolerance() {
        DormandPrince54 dp = new DormandPrince54(2, (t, y, f) -> {
            f[0] = y[1];
            f[1] = -y[0];
        }, null, 1e-10, 1e-12);
        dp.reset(0, new double[] {1, 0});
        double[] out = new double[2];
        double worst = 0;
        while (dp.time() < 10) {
            dp.step();
            for (double s = dp.previousTime(); s <= dp.time(); s += (dp.time() - dp.previousTime()) / 7) {
                dp.interpolate(s, out);
                worst = Math.max(worst, Math.abs(out[0] - Math.cos(s)));
            }
        }
        assertTrue(worst < 1e-8, "max dense error " + worst);
    }
}
