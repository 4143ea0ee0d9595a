package org.knudsen.physics;

/**
 * B_ij(g, σ) = C_ij |g|^γ b_ij(cos θ) for one unordered species pair (PHYSICS.md §0). The angular law is a
 * normalised shape (2π ∫ b = 1), so the σ-integrated kernel is B̄_ij(g) = C_ij |g|^γ.
 *
 * @param strength C_ij > 0, the total collision-rate coefficient
 * @param gamma    γ ∈ [0, 1]: 0 Maxwell molecules, 1 hard spheres (with the isotropic law)
 * @param angular  the angular law b_ij
 */
public record CollisionKernel(double strength, double gamma, AngularLaw angular) {
    public CollisionKernel {
        if (!(strength > 0) || !Double.isFinite(strength)) {
            throw new IllegalArgumentException("collision strength C = " + strength + " must be finite and > 0");
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("collision gamma = " + gamma + " must lie in [0, 1]");
        }
        if (angular == null) {
            throw new IllegalArgumentException("collision kernel needs an angular law");
        }
    }

    /** The σ-integrated kernel B̄(g) = C |g|^γ: the rate at which one pair with relative speed g collides. */
    public double integratedRate(double relativeSpeed) {
        return gamma == 0 ? strength : strength * Math.pow(relativeSpeed, gamma);
    }

    public String describe() {
        return "C=" + strength + ", gamma=" + gamma + ", " + angular.describe();
    }
}
