package org.knudsen.physics;

/**
 * Transport coefficients and equilibrium collision rates of a mixture at temperature θ = 1, unscaled
 * operator (divide rates by ε² for the scaled equation, PHYSICS.md §0).
 */
public final class TransportCoefficients {
    private TransportCoefficients() {
    }

    /** κ_γ = 2^{γ/2} Γ((5+γ)/2) / Γ(5/2) (PHYSICS.md §0). */
    public static double kappa(double gamma) {
        return Math.pow(2, gamma / 2) * SpecialFunctions.gamma((5 + gamma) / 2) / SpecialFunctions.gamma(2.5);
    }

    /** E|g|^γ for g ~ N(0, I/μ): (2/μ)^{γ/2} Γ((3+γ)/2)/Γ(3/2) (PHYSICS.md §3). */
    public static double meanRelativeSpeedPower(double gamma, double reducedMass) {
        return Math.pow(2 / reducedMass, gamma / 2) * SpecialFunctions.gamma((3 + gamma) / 2) / SpecialFunctions.gamma(1.5);
    }

    /** Δ_ij = 1 / (C_ij b^(1)_ij κ_γ μ_ij^{1−γ/2}) (PHYSICS.md §1); symmetric, independent of c. */
    public static double delta(Mixture mixture, int i, int j) {
        CollisionKernel k = mixture.kernel(i, j);
        double mu = mixture.reducedMass(i, j);
        return 1 / (k.strength() * k.angular().momentumTransfer() * kappa(k.gamma()) * Math.pow(mu, 1 - k.gamma() / 2));
    }

    /** The N×N matrix of Δ_ij with a zero diagonal (self-diffusion does not enter Maxwell–Stefan). */
    public static double[][] deltaMatrix(Mixture mixture) {
        int n = mixture.size();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = i == j ? 0 : delta(mixture, i, j);
            }
        }
        return d;
    }

    /**
     * Exact momentum exchange ∫ m_i v Q_ij(M_i, M_j) dv between drifting Maxwellians with densities c_i, c_j
     * and relative drift w = ε(u_i − u_j) (one Cartesian component of w given; |w| needed for the ₁F₁ factor),
     * PHYSICS.md §1: −c_i c_j w_x / Δ_ij · ₁F₁(−γ/2; 5/2; −μ|w|²/2).
     */
    public static double momentumExchange(Mixture mixture, int i, int j, double ci, double cj,
                                          double relativeDriftComponent, double relativeDriftNorm) {
        double gamma = mixture.kernel(i, j).gamma();
        double mu = mixture.reducedMass(i, j);
        double correction = SpecialFunctions.hypergeometric1F1(-gamma / 2, 2.5,
                -mu * relativeDriftNorm * relativeDriftNorm / 2);
        return -ci * cj * relativeDriftComponent / delta(mixture, i, j) * correction;
    }

    /**
     * ν_ij: i–j collision events per unit volume and time at equilibrium (PHYSICS.md §3),
     * (1 − δ_ij/2) c_i c_j C_ij ‖b‖ E|g|^γ with ‖b‖ = 1.
     */
    public static double collisionFrequency(Mixture mixture, int i, int j, double ci, double cj) {
        CollisionKernel k = mixture.kernel(i, j);
        double like = i == j ? 0.5 : 1.0;
        return like * ci * cj * k.strength() * meanRelativeSpeedPower(k.gamma(), mixture.reducedMass(i, j));
    }

    /** ν_ij at the reference concentrations, as an N×N matrix (i = j counted once per pair). */
    public static double[][] collisionFrequencyMatrix(Mixture mixture) {
        int n = mixture.size();
        double[][] nu = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                nu[i][j] = collisionFrequency(mixture, i, j, mixture.concentration(i), mixture.concentration(j));
            }
        }
        return nu;
    }

    /** Per-particle collision rate of species i at equilibrium: Σ_j c_j C_ij E|g|^γ (PHYSICS.md §3, §10). */
    public static double perParticleRate(Mixture mixture, int i) {
        double rate = 0;
        for (int j = 0; j < mixture.size(); j++) {
            CollisionKernel k = mixture.kernel(i, j);
            rate += mixture.concentration(j) * k.strength() * meanRelativeSpeedPower(k.gamma(), mixture.reducedMass(i, j));
        }
        return rate;
    }

    /** Fraction of the shortest scaled mean collision time used as the default time step (PHYSICS.md §10). */
    public static final double TIME_STEP_FRACTION = 0.2;

    /**
     * The safe default time step of PHYSICS.md §10, Δt = 0.2 ε² / max_i ν_i with ν_i the per-particle collision rate:
     * a fifth of the shortest mean collision time of the scaled equation.
     */
    public static double resolvedTimeStep(Mixture mixture, double epsilon) {
        double maxRate = 0;
        for (int i = 0; i < mixture.size(); i++) {
            maxRate = Math.max(maxRate, perParticleRate(mixture, i));
        }
        return TIME_STEP_FRACTION * epsilon * epsilon / maxRate;
    }

    /**
     * Relaxation rate of the momentum of species i towards the others, Σ_{j≠i} c_j/(m_i Δ_ij) in the unscaled
     * operator (divide by ε² for the scaled one): exact for Maxwell molecules (PHYSICS.md §2, 1/Δ_ij = μ_ij λ_ij),
     * the friction rate of §1 otherwise.
     */
    public static double momentumRelaxationRate(Mixture mixture, int i) {
        double rate = 0;
        for (int j = 0; j < mixture.size(); j++) {
            if (j != i) {
                rate += mixture.concentration(j) / (mixture.mass(i) * delta(mixture, i, j));
            }
        }
        return rate;
    }

    /** Mean thermal speed ⟨|v|⟩ = √(8/(π m)) of a species at θ = 1. */
    public static double meanSpeed(double mass) {
        return Math.sqrt(8 / (Math.PI * mass));
    }

    /** Mean free path of species i in x units of the scaled problem: ε ⟨|v|⟩_i / ν_i (PHYSICS.md §3, §10). */
    public static double meanFreePath(Mixture mixture, int i, double epsilon) {
        return epsilon * meanSpeed(mixture.mass(i)) / perParticleRate(mixture, i);
    }
}
