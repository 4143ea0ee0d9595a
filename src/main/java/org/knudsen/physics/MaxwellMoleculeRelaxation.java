package org.knudsen.physics;

/**
 * Exact moment equations of a spatially homogeneous mixture of Maxwell molecules (γ = 0), PHYSICS.md §2:
 * <pre>  m_i dU_i/dt = −Σ_j μ_ij λ_ij n_j (U_i − U_j),
 *   dT_i/dt = Σ_j 2 μ_ij λ_ij n_j/(m_i + m_j) [(T_j − T_i) + m_j/3 |U_i − U_j|²],   λ_ij = C_ij b^(1)_ij,</pre>
 * valid for arbitrary (non-Maxwellian) distributions; every rate × 1/ε² in the scaled equation. Integrated
 * with classical RK4. The reference for the particle relaxation tests.
 */
public final class MaxwellMoleculeRelaxation {
    private final int n;
    private final double[] mass;
    private final double[] density;
    private final double[] coupling; // μ_ij λ_ij / ε², i*n+j

    /** The moments (U_i, T_i) at one time: velocity[i][d], temperature[i]. */
    public record State(double[][] velocity, double[] temperature) {
    }

    /**
     * @param numberDensity n_i of each species (constant in a homogeneous mixture)
     * @param epsilon       ε of the scaled equation (1 for the unscaled operator)
     */
    public MaxwellMoleculeRelaxation(Mixture mixture, double[] numberDensity, double epsilon) {
        n = mixture.size();
        if (numberDensity.length != n) {
            throw new IllegalArgumentException("numberDensity has " + numberDensity.length
                    + " entries, the mixture has " + n + " species");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + " must be > 0");
        }
        mass = new double[n];
        density = numberDensity.clone();
        coupling = new double[n * n];
        for (int i = 0; i < n; i++) {
            mass[i] = mixture.mass(i);
            for (int j = 0; j < n; j++) {
                CollisionKernel k = mixture.kernel(i, j);
                if (k.gamma() != 0) {
                    throw new IllegalArgumentException("pair (" + mixture.name(i) + ", " + mixture.name(j)
                            + "): gamma = " + k.gamma() + "; the exact moment ODEs need Maxwell molecules (gamma = 0)");
                }
                coupling[i * n + j] = mixture.reducedMass(i, j) * k.strength() * k.angular().momentumTransfer()
                        / (epsilon * epsilon);
            }
        }
    }

    /** Right-hand side on the flat state (U_1x, U_1y, U_1z, ..., U_Nz, T_1, ..., T_N). */
    public void derivative(double[] y, double[] dy) {
        int tOff = 3 * n;
        for (int i = 0; i < n; i++) {
            double ax = 0, ay = 0, az = 0, at = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue; // like collisions conserve U_i and T_i
                }
                double c = coupling[i * n + j] * density[j];
                double dx = y[3 * i] - y[3 * j], dyy = y[3 * i + 1] - y[3 * j + 1], dz = y[3 * i + 2] - y[3 * j + 2];
                ax -= c * dx;
                ay -= c * dyy;
                az -= c * dz;
                at += 2 * c / (mass[i] + mass[j])
                        * ((y[tOff + j] - y[tOff + i]) + mass[j] / 3 * (dx * dx + dyy * dyy + dz * dz));
            }
            dy[3 * i] = ax / mass[i];
            dy[3 * i + 1] = ay / mass[i];
            dy[3 * i + 2] = az / mass[i];
            dy[tOff + i] = at;
        }
    }

    /** Integrates from (U_i(0), T_i(0)) to time t with RK4 steps of at most maxStep. */
    public State solve(double[][] velocity0, double[] temperature0, double t, double maxStep) {
        if (!(t >= 0) || !(maxStep > 0)) {
            throw new IllegalArgumentException("t = " + t + ", maxStep = " + maxStep + ": need t >= 0, maxStep > 0");
        }
        int dim = 4 * n;
        double[] y = new double[dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(velocity0[i], 0, y, 3 * i, 3);
            y[3 * n + i] = temperature0[i];
        }
        int steps = (int) Math.ceil(t / maxStep);
        double h = steps == 0 ? 0 : t / steps;
        double[] k1 = new double[dim], k2 = new double[dim], k3 = new double[dim], k4 = new double[dim];
        double[] tmp = new double[dim];
        for (int s = 0; s < steps; s++) {
            derivative(y, k1);
            for (int d = 0; d < dim; d++) {
                tmp[d] = y[d] + 0.5 * h * k1[d];
            }
            derivative(tmp, k2);
            for (int d = 0; d < dim; d++) {
                tmp[d] = y[d] + 0.5 * h * k2[d];
            }
            derivative(tmp, k3);
            for (int d = 0; d < dim; d++) {
                tmp[d] = y[d] + h * k3[d];
            }
            derivative(tmp, k4);
            for (int d = 0; d < dim; d++) {
                y[d] += h / 6 * (k1[d] + 2 * k2[d] + 2 * k3[d] + k4[d]);
            }
        }
        double[][] u = new double[n][3];
        double[] temp = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(y, 3 * i, u[i], 0, 3);
            temp[i] = y[3 * n + i];
        }
        return new State(u, temp);
    }
}
