package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;

class PairKernelTest {
    /**
     * The squeeze of the NTC acceptance (linear bounds, then chord and tangent of x^γ) must decide every candidate as
     * the direct comparison U < B̄(|g|)/B_max does (PHYSICS.md §3 "NTC"): the same uniforms, the same decisions, for
     * relative speeds over the whole range below the majorant, including the intervals' ends.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.2, 0.38, 0.5, 0.81, 0.99})
    void squeezedAcceptanceDecidesExactlyAsTheDirectRatio(double gamma) {
        PairKernel kernel = new PairKernel(1, 1, 4, 1, new CollisionKernel(1.7, gamma, AngularLaw.vss(1.4)));
        double majorant = 1.7 * Math.pow(5 * 1.3, gamma);
        double scale = Math.pow(majorant / 1.7, -1 / gamma); // as NtcSelection keeps it
        UniformRandomProvider speeds = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        UniformRandomProvider a = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        UniformRandomProvider b = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int accepted = 0;
        for (int n = 0; n < 400_000; n++) {
            double x0 = n % 1000 == 0 ? (n / 1000 % 33) / 32.0 : speeds.nextDouble(); // interval ends too
            double speed = x0 / scale;
            double x = speed * scale;
            if (x > 1) {
                continue;
            }
            boolean squeezed = kernel.accepts(speed, x, majorant, a);
            boolean direct = b.nextDouble() < kernel.rate(speed) / majorant;
            assertEquals(direct, squeezed, "gamma " + gamma + ", x " + x);
            accepted += direct ? 1 : 0;
        }
        // E[x^γ] over uniform x is 1/(1+γ): the comparison above is not vacuous
        assertEquals(1 / (1 + gamma), accepted / 400_000.0, 0.01);
    }
}
