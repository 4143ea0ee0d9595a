package org.knudsen.physics;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The BKW exact solution of the single-species homogeneous Boltzmann equation for Maxwell molecules
 * (γ = 0, any angular law), PHYSICS.md §4.1, at temperature 1:
 * F = n (m/2πK)^{3/2} e^{−m|v|²/2K} [1 − 3(1−K)/(2K) + (1−K) m|v|²/(2K²)], 1 − K(t) = (1 − K₀) e^{−λt},
 * λ = n C b^(2) / 4 (× 1/ε² in the scaled equation). Positivity needs K₀ ≥ 3/5.
 */
public final class BkwSolution {
    private final double density;
    private final double mass;
    private final double k0;
    private final double rate;

    /**
     * @param density n
     * @param mass    m
     * @param kernel  a Maxwell-molecule kernel (γ = 0)
     * @param k0      K(0) ∈ [3/5, 1]
     * @param epsilon ε of the scaled equation (1 for the unscaled operator)
     */
    public BkwSolution(double density, double mass, CollisionKernel kernel, double k0, double epsilon) {
        if (kernel.gamma() != 0) {
            throw new IllegalArgumentException("BKW: gamma = " + kernel.gamma() + " must be 0 (Maxwell molecules)");
        }
        if (!(k0 >= 0.6 && k0 <= 1)) {
            throw new IllegalArgumentException("BKW: K0 = " + k0 + " must lie in [3/5, 1] (positivity of F)");
        }
        if (!(density > 0) || !(mass > 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("BKW: density = " + density + ", mass = " + mass + ", epsilon = "
                    + epsilon + " must all be > 0");
        }
        this.density = density;
        this.mass = mass;
        this.k0 = k0;
        this.rate = density * kernel.strength() * kernel.angular().viscosityIntegral() / 4 / (epsilon * epsilon);
    }

    /** λ = n C b^(2)/(4ε²). */
    public double rate() {
        return rate;
    }

    /** K(t) = 1 − (1 − K₀) e^{−λt}. */
    public double k(double t) {
        return 1 - (1 - k0) * Math.exp(-rate * t);
    }

    /** ⟨|v|^{2j}⟩ = (2j+1)!!/m^j K^{j−1} (j − (j−1)K). */
    public double moment(int j, double t) {
        double doubleFactorial = 1;
        for (int q = 2 * j + 1; q > 1; q -= 2) {
            doubleFactorial *= q;
        }
        double k = k(t);
        return doubleFactorial / Math.pow(mass, j) * Math.pow(k, j - 1) * (j - (j - 1) * k);
    }

    /** ⟨|v|⁴⟩ = 15/m² (1 − (1 − K)²). */
    public double fourthMoment(double t) {
        double a = 1 - k(t);
        return 15 / (mass * mass) * (1 - a * a);
    }

    /** F(v, t) at speed |v|. */
    public double density(double speed, double t) {
        double k = k(t);
        double e = mass * speed * speed;
        return density * Math.pow(mass / (2 * Math.PI * k), 1.5) * Math.exp(-e / (2 * k))
                * (1 - 3 * (1 - k) / (2 * k) + (1 - k) * e / (2 * k * k));
    }

    /**
     * Fills v[from, to) with draws from F(·, t)/n: with probability (5K − 3)/(2K), m|v|²/K ~ χ²₃, otherwise
     * χ²₅; the direction is uniform (PHYSICS.md §4.1).
     */
    public void sample(double t, UniformRandomProvider rng, double[] vx, double[] vy, double[] vz, int from, int to) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double k = k(t);
        double p3 = (5 * k - 3) / (2 * k);
        double scale = Math.sqrt(k / mass);
        for (int p = from; p < to; p++) {
            double a = gauss.sample(), b = gauss.sample(), c = gauss.sample();
            double f = scale;
            if (rng.nextDouble() >= p3) {
                // χ²₅ radius with the (independent, uniform) direction of (a, b, c)
                double d = gauss.sample(), e = gauss.sample();
                double r3 = a * a + b * b + c * c;
                f *= Math.sqrt((r3 + d * d + e * e) / r3);
            }
            vx[p] = f * a;
            vy[p] = f * b;
            vz[p] = f * c;
        }
    }
}
