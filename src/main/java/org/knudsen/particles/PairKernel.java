package org.knudsen.particles;

import org.apache.commons.rng.UniformRandomProvider;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.CollisionLaw;

/**
 * The pair kernel of one ordered species pair (i, j): what happens to a candidate pair once {@link NtcSelection} has
 * drawn it. It gives the σ-integrated rate B̄ = C|g|^γ ({@link CollisionKernel#integratedRate}), the NTC acceptance
 * B̄(|g|)/B_max of a candidate (PHYSICS.md §3 "NTC"), and one collision event: cos θ from the pair's angular law, φ
 * uniform, the post-collision velocities of {@link CollisionLaw#postCollision} (PHYSICS.md §0), and the rule for
 * unequal species weights.
 *
 * <p><b>Weights.</b> With W_i ≠ W_j (the candidate count uses W_max), an event always updates the particle of the
 * species with the smaller weight and updates the other one with probability W_min/W_max. Mass, momentum and energy
 * are then conserved exactly for equal weights and in expectation otherwise (docs/weights.md).
 *
 * <p><b>Speed.</b> For the isotropic and VSS laws cos θ is drawn with the law's own formula
 * ({@link AngularLaw.Isotropic#cosTheta}, {@link AngularLaw.VariableSoftSphere#cosTheta}) from a uniform drawn here:
 * no call through the interface per event (the other laws use their sampler). φ is a rejection-sampled unit 2-D
 * vector (no trigonometry). Immutable and allocation-free; the methods are small and final, so the selection loop
 * that calls them compiles to one loop.
 */
final class PairKernel {
    private final double massI;
    private final double massJ;
    private final double fractionI; // m_i/(m_i + m_j), the post-collision law's weights of v and v*
    private final double fractionJ; // m_j/(m_i + m_j)
    private final double strength;
    private final double gamma;
    private final AngularLaw law;
    private final AngularLaw.Kind kind;
    private final AngularLaw.VariableSoftSphere vss; // the law when it is VSS, else null
    private final double maxWeight;
    private final boolean weighted;
    private final double keepProbability; // W_min/W_max: probability that the heavier-weight particle is updated
    private final boolean iIsHeavier;
    /**
     * Bounds of x^γ on the intervals [k/S, (k+1)/S] for 0 < γ < 1 (null otherwise): per interval the chord's
     * intercept and slope (below x^γ, which is concave) and the midpoint tangent's (above), 4 entries per interval.
     * They decide almost every candidate that the linear bounds leave open without the power, which was a sixth of
     * the whole step of the γ = 0.38 bench workloads.
     */
    private final double[] squeeze;
    private static final int SQUEEZE_INTERVALS = 32;
    /** Distance kept from the bounds, far above the rounding of x^γ against B̄/B_max, so decisions never change. */
    private static final double SQUEEZE_MARGIN = 1e-12;

    /** The kernel of species i (mass, weight) with species j, from the mixture's kernel of the pair. */
    PairKernel(double massI, double weightI, double massJ, double weightJ, CollisionKernel kernel) {
        this.massI = massI;
        this.massJ = massJ;
        this.fractionI = massI / (massI + massJ);
        this.fractionJ = massJ / (massI + massJ);
        this.strength = kernel.strength();
        this.gamma = kernel.gamma();
        this.law = kernel.angular();
        this.kind = law.kind();
        this.vss = law instanceof AngularLaw.VariableSoftSphere v ? v : null;
        this.maxWeight = Math.max(weightI, weightJ);
        this.weighted = weightI != weightJ;
        this.keepProbability = weighted ? Math.min(weightI, weightJ) / maxWeight : 1;
        this.iIsHeavier = weightI > weightJ;
        this.squeeze = gamma > 0 && gamma < 1 ? powerSqueeze(gamma) : null;
    }

    private static double[] powerSqueeze(double gamma) {
        double[] t = new double[4 * SQUEEZE_INTERVALS];
        for (int k = 1; k < SQUEEZE_INTERVALS; k++) { // interval 0 (slope unbounded at 0) keeps the linear bounds
            double a = (double) k / SQUEEZE_INTERVALS, b = (double) (k + 1) / SQUEEZE_INTERVALS, m = (a + b) / 2;
            double chordSlope = (Math.pow(b, gamma) - Math.pow(a, gamma)) / (b - a);
            double tangentSlope = gamma * Math.pow(m, gamma - 1);
            t[4 * k] = Math.pow(a, gamma) - chordSlope * a;
            t[4 * k + 1] = chordSlope;
            t[4 * k + 2] = Math.pow(m, gamma) - tangentSlope * m;
            t[4 * k + 3] = tangentSlope;
        }
        return t;
    }

    double massI() {
        return massI;
    }

    double massJ() {
        return massJ;
    }

    /** C of B̄ = C|g|^γ. */
    double strength() {
        return strength;
    }

    /** γ of B̄ = C|g|^γ; for γ = 0 every candidate collides (B̄ = C = B_max). */
    double gamma() {
        return gamma;
    }

    /** W_max = max(W_i, W_j), the weight in the candidate count. */
    double maxWeight() {
        return maxWeight;
    }

    /** B̄(|g|) = C|g|^γ, the power avoided for hard spheres and γ = ½ (for γ = 0 it is C: |g|⁰ = 1 exactly). */
    double rate(double speed) {
        return strength * (gamma == 1 ? speed : gamma == 0.5 ? Math.sqrt(speed) : Math.pow(speed, gamma));
    }

    /**
     * NTC acceptance of a candidate of relative speed |g| below the majorant: with x = |g|/s_max ≤ 1, where
     * s_max = (B_max/C)^{1/γ}, the ratio is B̄/B_max = x^γ, and the candidate collides if U &lt; x^γ (one uniform U).
     * Since x ≤ x^γ ≤ 1 + γ(x − 1) on [0, 1] (γ ≤ 1), U &lt; x accepts and U ≥ 1 + γ(x − 1) rejects without the
     * power (an exact squeeze); then the chord and the midpoint tangent of x^γ on x's interval of width 1/32 bound it
     * from below and above (concavity), so only a band of width O(10⁻³) is left; in it, U is compared with
     * B̄(|g|)/B_max itself. Every decision is the one of that comparison (the bounds keep a margin far above rounding).
     */
    boolean accepts(double speed, double x, double majorant, UniformRandomProvider rng) {
        double u = rng.nextDouble();
        if (u < x) {
            return true;
        }
        if (u >= 1 + gamma * (x - 1)) {
            return false;
        }
        if (squeeze != null) {
            int k = (int) (x * SQUEEZE_INTERVALS);
            if (k > 0 && k < SQUEEZE_INTERVALS) {
                if (u < squeeze[4 * k] + squeeze[4 * k + 1] * x - SQUEEZE_MARGIN) {
                    return true;
                }
                if (u >= squeeze[4 * k + 2] + squeeze[4 * k + 3] * x + SQUEEZE_MARGIN) {
                    return false;
                }
            }
        }
        return u < rate(speed) / majorant;
    }

    /** Probability that an event changes the velocity of the species-i particle (W_min/W_max if i has the larger W, else 1). */
    double changeProbabilityI() {
        return weighted && iIsHeavier ? keepProbability : 1;
    }

    /** Probability that an event changes the velocity of the species-j particle. */
    double changeProbabilityJ() {
        return weighted && !iIsHeavier ? keepProbability : 1;
    }

    /**
     * One collision event of particle k (species i) with particle l (species j): their velocities are replaced in
     * place by the post-collision ones (one of them kept under the weight rule); {@code out} is a scratch of 6;
     * {@code speed} is |v_k − v_l| as the selection computed it.
     *
     * @return which velocities changed: bit 0 for k, bit 1 for l
     */
    int collide(int k, int l, double speed, double[] vx, double[] vy, double[] vz, double[] out,
                UniformRandomProvider rng) {
        double cosTheta = kind == AngularLaw.Kind.ISOTROPIC ? AngularLaw.Isotropic.cosTheta(rng.nextDouble())
                : kind == AngularLaw.Kind.VSS ? vss.cosTheta(rng.nextDouble())
                : law.sampleCosTheta(rng);
        double u, w, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            w = 2 * rng.nextDouble() - 1;
            s = u * u + w * w;
        } while (s > 1 || s == 0);
        // (u, w)/√s is uniform on the circle, so its doubled angle φ is too: cos φ, sin φ without trig
        double inverse = 1 / s;
        double cosPhi = (u * u - w * w) * inverse;
        double sinPhi = 2 * u * w * inverse;
        CollisionLaw.postCollisionOfFractions(fractionJ, fractionI, vx[k], vy[k], vz[k], vx[l], vy[l], vz[l], speed,
                cosTheta, cosPhi, sinPhi, out);
        boolean updateK = true, updateL = true;
        if (weighted && rng.nextDouble() >= keepProbability) {
            if (iIsHeavier) {
                updateK = false;
            } else {
                updateL = false;
            }
        }
        if (updateK) {
            vx[k] = out[0];
            vy[k] = out[1];
            vz[k] = out[2];
        }
        if (updateL) {
            vx[l] = out[3];
            vy[l] = out[4];
            vz[l] = out[5];
        }
        return (updateK ? 1 : 0) | (updateL ? 2 : 0);
    }
}
