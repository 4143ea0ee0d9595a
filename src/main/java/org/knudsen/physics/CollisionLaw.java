package org.knudsen.physics;

/**
 * The paper's mass-dependent post-collision law (PHYSICS.md §0), the one place it is written:
 * V = (m_i v + m_j v*)/(m_i + m_j), v' = V + (m_j/M)|g|σ, v*' = V − (m_i/M)|g|σ, with
 * σ = x ĝ + √(1−x²)(cos φ e₁ + sin φ e₂), x = cos θ drawn from b_ij and φ uniform.
 * It conserves mass, momentum m_i v + m_j v* and energy exactly (up to rounding).
 */
public final class CollisionLaw {
    private CollisionLaw() {
    }

    /**
     * Post-collision velocities of a pair, written to {@code out} as (v'x, v'y, v'z, v*'x, v*'y, v*'z).
     * The frame (e₁, e₂) ⟂ ĝ is Bird's: it needs no trigonometry beyond cos φ, sin φ and stays stable
     * when g is nearly along x.
     */
    public static void postCollision(double massI, double massJ,
                                     double vx, double vy, double vz,
                                     double wx, double wy, double wz,
                                     double cosTheta, double cosPhi, double sinPhi, double[] out) {
        postCollision(massI, massJ, vx, vy, vz, wx, wy, wz, relativeSpeed(vx, vy, vz, wx, wy, wz), cosTheta, cosPhi,
                sinPhi, out);
    }

    /** |g| = |v − v*| = √(gx² + gy² + gz²), the one place of it (the law's own and the NTC acceptance's). */
    public static double relativeSpeed(double vx, double vy, double vz, double wx, double wy, double wz) {
        double gx = vx - wx, gy = vy - wy, gz = vz - wz;
        return Math.sqrt(gx * gx + gy * gy + gz * gz);
    }

    /**
     * The same with the relative speed |g| given as {@link #relativeSpeed} computes it, for a caller that has just
     * computed it (the NTC acceptance does): one square root fewer.
     */
    public static void postCollision(double massI, double massJ,
                                     double vx, double vy, double vz,
                                     double wx, double wy, double wz, double g,
                                     double cosTheta, double cosPhi, double sinPhi, double[] out) {
        double total = massI + massJ;
        postCollisionOfFractions(massJ / total, massI / total, vx, vy, vz, wx, wy, wz, g, cosTheta, cosPhi, sinPhi, out);
    }

    /**
     * The law with the pair's mass fractions m_j/M and m_i/M given (a collider computes them once per species pair):
     * V = (m_i/M) v + (m_j/M) v*, and one division per event (1/|g_⊥|).
     */
    public static void postCollisionOfFractions(double fractionJ, double fractionI,
                                                double vx, double vy, double vz,
                                                double wx, double wy, double wz, double g,
                                                double cosTheta, double cosPhi, double sinPhi, double[] out) {
        double cx = fractionI * vx + fractionJ * wx;
        double cy = fractionI * vy + fractionJ * wy;
        double cz = fractionI * vz + fractionJ * wz;
        double gx = vx - wx, gy = vy - wy, gz = vz - wz;
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double sx, sy, sz; // |g| σ
        double gPerp = Math.sqrt(gy * gy + gz * gz);
        if (gPerp > 1e-12 * g) {
            double perp = sinTheta / gPerp;
            sx = cosTheta * gx + sinTheta * sinPhi * gPerp;
            sy = cosTheta * gy + perp * (g * gz * cosPhi - gx * gy * sinPhi);
            sz = cosTheta * gz - perp * (g * gy * cosPhi + gx * gz * sinPhi);
        } else { // g along ±x: e₁ = y, e₂ = z
            sx = cosTheta * gx;
            sy = sinTheta * cosPhi * g;
            sz = sinTheta * sinPhi * g;
        }
        out[0] = cx + fractionJ * sx;
        out[1] = cy + fractionJ * sy;
        out[2] = cz + fractionJ * sz;
        out[3] = cx - fractionI * sx;
        out[4] = cy - fractionI * sy;
        out[5] = cz - fractionI * sz;
    }
}
