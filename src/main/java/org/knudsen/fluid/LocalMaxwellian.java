package org.knudsen.fluid;

import org.knudsen.physics.HermiteBasis;

/**
 * The local Maxwellian of the paper, M^ε_i(t,x,v) = c_i (m_i/2π)^{3/2} exp(−m_i |v − ε u_i|²/2) (temperature 1),
 * with c_i, u_i the full Maxwell–Stefan fields of a {@link FluidState} (drift ε u_i, PHYSICS.md §9), and its exact
 * moments (PHYSICS.md §7). Static methods work on one point (c, u); an instance holds the fields of a fluid state
 * at one time ({@link #update}) for the whole grid, without allocation per update.
 */
public final class LocalMaxwellian {
    private final FluidState fluid;
    private final double[] masses;
    private final double[] cInf;
    private final double epsilon;
    private final double[][] c;
    private final double[][][] u;
    private double time = Double.NaN;
    private boolean averaged;
    private SpectralDerivative spectral;

    public LocalMaxwellian(FluidState fluid, double[] masses, double epsilon) {
        if (masses.length != fluid.species()) {
            throw new IllegalArgumentException(masses.length + " masses for " + fluid.species() + " species");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + " must be > 0");
        }
        this.fluid = fluid;
        this.masses = masses.clone();
        this.cInf = fluid.referenceConcentrations();
        this.epsilon = epsilon;
        int points = fluid.grid().points();
        this.c = new double[fluid.species()][points];
        this.u = new double[fluid.species()][3][points];
    }

    /** Loads c_i and u_i at time t from the fluid state: the values at the grid points (cell centres). */
    public void update(double t) {
        if (t != time || averaged) {
            fluid.concentrationsAt(t, c);
            fluid.velocitiesAt(t, u);
            time = t;
            averaged = false;
        }
    }

    /**
     * Loads the cell averages at time t, the quantity a particle estimate measures: c_i and the flux c_i u_i are
     * averaged exactly over each cell (their trigonometric interpolants: every Fourier mode × sinc(kh/2)
     * per axis), and u_i is the averaged flux over the averaged concentration. The Hermite moments of degree 0 and 1,
     * linear in c_i and c_i u_i, are then exact cell averages; those of degree 2 and 3 (O(ε²) and smaller) are
     * second-order accurate in the cell size.
     */
    public void updateCellAverages(double t) {
        if (t == time && averaged) {
            return;
        }
        fluid.concentrationsAt(t, c);
        fluid.velocitiesAt(t, u);
        if (spectral == null) {
            spectral = new SpectralDerivative(fluid.grid());
        }
        int points = fluid.grid().points();
        for (int i = 0; i < c.length; i++) {
            for (int d = 0; d < 3; d++) {
                for (int p = 0; p < points; p++) {
                    u[i][d][p] *= c[i][p]; // flux
                }
            }
            for (int axis = 0; axis < 3; axis++) {
                spectral.cellAverage(axis, c[i], 0, u[i][0], 0);
                spectral.cellAverage(axis, u[i][1], 0, u[i][2], 0);
            }
            for (int d = 0; d < 3; d++) {
                for (int p = 0; p < points; p++) {
                    u[i][d][p] /= c[i][p];
                }
            }
        }
        time = t;
        averaged = true;
    }

    public double time() {
        return time;
    }

    public double epsilon() {
        return epsilon;
    }

    /** c_i at grid point p (after {@link #update}). */
    public double concentration(int i, int p) {
        return c[i][p];
    }

    /** The drift ε u_{i,d} of species i at point p. */
    public double drift(int i, int d, int p) {
        return epsilon * u[i][d][p];
    }

    /** The Maxwell–Stefan velocity u_{i,d} of species i at point p (the drift is ε u_{i,d}). */
    public double velocity(int i, int d, int p) {
        return u[i][d][p];
    }

    /** M^ε_i(v) at grid point p. */
    public double value(int i, int p, double vx, double vy, double vz) {
        return value(masses[i], c[i][p], epsilon * u[i][0][p], epsilon * u[i][1][p], epsilon * u[i][2][p], vx, vy, vz);
    }

    /**
     * The 20 exact Hermite moments ∫ M^ε_i H^(i)_α dv (degree ≤ 3, in {@link HermiteBasis} order) at point p,
     * written to out[offset, offset + 20).
     */
    public void hermiteMoments(int i, int p, double[] out, int offset) {
        hermiteMoments(masses[i], cInf[i], c[i][p], epsilon * u[i][0][p], epsilon * u[i][1][p], epsilon * u[i][2][p],
                out, offset);
    }

    /** ‖M^ε_i − μ_i‖² at point p (PHYSICS.md §7). */
    public double deviationNormSquared(int i, int p) {
        double w2 = 0;
        for (int d = 0; d < 3; d++) {
            double w = epsilon * u[i][d][p];
            w2 += w * w;
        }
        return deviationNormSquared(masses[i], cInf[i], c[i][p], w2);
    }

    // ---- pointwise closed forms; w = ε u is the drift ----

    /** c (m/2π)^{3/2} exp(−m |v − w|²/2). */
    public static double value(double mass, double c, double wx, double wy, double wz, double vx, double vy, double vz) {
        double dx = vx - wx;
        double dy = vy - wy;
        double dz = vz - wz;
        double norm = Math.pow(mass / (2 * Math.PI), 1.5);
        return c * norm * Math.exp(-0.5 * mass * (dx * dx + dy * dy + dz * dz));
    }

    /**
     * Velocity moments {∫M, ∫v_x M, ∫v_y M, ∫v_z M, ∫|v|² M} = {c, c w_x, c w_y, c w_z, 3c/m + c|w|²}
     * (with w = ε u: density c_i, momentum-type ε c_i u_i, energy-type 3c_i/m_i + ε² c_i |u_i|²).
     */
    public static double[] velocityMoments(double mass, double c, double wx, double wy, double wz) {
        return new double[] {c, c * wx, c * wy, c * wz, 3 * c / mass + c * (wx * wx + wy * wy + wz * wz)};
    }

    /** ∫ M H_α = c Π_k (√m w_k)^{α_k} / √(c_∞ α!) for the 20 multi-indices of {@link HermiteBasis} (PHYSICS.md §7). */
    public static void hermiteMoments(double mass, double cInf, double c, double wx, double wy, double wz,
                                      double[] out, int offset) {
        for (int a = 0; a < HermiteBasis.SIZE; a++) {
            out[offset + a] = HermiteBasis.maxwellianMoment(a, mass, cInf, c, wx, wy, wz);
        }
    }

    /** ∫ μ_i H_α = √c_∞ δ_{α0}. */
    public static double referenceHermiteMoment(double cInf, int[] alpha) {
        return alpha[0] == 0 && alpha[1] == 0 && alpha[2] == 0 ? Math.sqrt(cInf) : 0;
    }

    /** ‖M − μ‖² = (c²/c_∞) e^{m|w|²} − 2c + c_∞, with |w|² = ε²|u|² (PHYSICS.md §7). */
    public static double deviationNormSquared(double mass, double cInf, double c, double driftSquared) {
        return c * c / cInf * Math.exp(mass * driftSquared) - 2 * c + cInf;
    }
}
