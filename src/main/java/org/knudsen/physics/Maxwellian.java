package org.knudsen.physics;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Draws velocities from a drifting Maxwellian of one species: v = drift + √(T/m) Z, Z standard normal
 * (Ziggurat Gaussians from Commons RNG).
 */
public final class Maxwellian {
    private final ZigguratSampler.NormalizedGaussian gaussian;

    public Maxwellian(UniformRandomProvider rng) {
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** One standard normal deviate from this sampler's stream. */
    public double standardNormal() {
        return gaussian.sample();
    }

    /** Thermal speed scale √(T/m). */
    public static double thermalScale(double mass, double temperature) {
        return Math.sqrt(temperature / mass);
    }

    /**
     * Fills v[from, to) of the three component arrays with draws from the Maxwellian of the given mass,
     * temperature and drift.
     */
    public void fill(double mass, double temperature, double driftX, double driftY, double driftZ,
                     double[] vx, double[] vy, double[] vz, int from, int to) {
        double s = thermalScale(mass, temperature);
        for (int p = from; p < to; p++) {
            vx[p] = driftX + s * gaussian.sample();
            vy[p] = driftY + s * gaussian.sample();
            vz[p] = driftZ + s * gaussian.sample();
        }
    }
}
