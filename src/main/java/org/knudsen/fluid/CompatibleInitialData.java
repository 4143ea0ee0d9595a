package org.knudsen.fluid;

import java.util.List;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.Grid;

/**
 * Initial data of Theorem 2.1 (PHYSICS.md §11) from Fourier modes: c_i = c_{i,∞} + ε c̃_i with
 * c̃_i(x) = Σ_modes amplitude_i cos(2π k·x/L), checked for the theorem's conditions: Σ_i c̃_i = 0 (each mode's
 * amplitudes sum to zero), zero mean (k ≠ 0), modes resolved by the grid (|k_d| < n_d/2), positivity of c_i on
 * the grid. The smallness δ_MS = max_{i,x} |ε c̃_i| / c_{i,∞} is reported, not bounded. The compatible initial
 * velocities ũ_i (moment compatibility, Theorem 2.1 (iii) with the typo corrected, PHYSICS.md §5.1) come from
 * the Maxwell–Stefan relation at t = 0: {@link #diffusionVelocities}.
 */
public final class CompatibleInitialData {
    private final double[] cInf;
    private final double epsilon;
    private final Grid grid;
    private final double[][] perturbation;
    private final double[][] concentration;
    private final double smallness;

    private CompatibleInitialData(double[] cInf, double epsilon, Grid grid, double[][] perturbation,
                                  double[][] concentration, double smallness) {
        this.cInf = cInf;
        this.epsilon = epsilon;
        this.grid = grid;
        this.perturbation = perturbation;
        this.concentration = concentration;
        this.smallness = smallness;
    }

    /** Builds and checks the data; violations are IllegalArgumentExceptions naming the mode index and the rule. */
    public static CompatibleInitialData build(double[] cInf, double epsilon, List<FourierMode> modes, Grid grid) {
        int n = cInf.length;
        if (n < 2) {
            throw new IllegalArgumentException("Maxwell-Stefan needs at least 2 species, got " + n);
        }
        for (double c : cInf) {
            Mixture.requireConcentration(c);
        }
        KnudsenNumber.require(epsilon);
        for (int m = 0; m < modes.size(); m++) {
            FourierMode mode = modes.get(m);
            if (mode.amplitude().length != n) {
                throw new IllegalArgumentException("fluid mode " + m + ": " + mode.amplitude().length
                        + " amplitudes given, need one per species (" + n + ")");
            }
            // amplitudes and wavevector obey FourierMode's rules by construction; the grid must resolve the mode
            if (!FourierMode.resolvedBy(mode.wavevector(), new int[] {grid.nx(), grid.ny(), grid.nz()})) {
                throw new IllegalArgumentException("fluid mode " + m + ": wavevector "
                        + java.util.Arrays.toString(mode.wavevector()) + " is not resolved by the grid "
                        + java.util.Arrays.toString(new int[] {grid.nx(), grid.ny(), grid.nz()}) + " (need 2|k| < cells on every axis)");
            }
        }
        int points = grid.points();
        double[][] tilde = new double[n][points];
        double[][] c = new double[n][points];
        ModePerturbation perturbation = new ModePerturbation(modes, grid.lengths());
        for (int p = 0; p < points; p++) {
            double x = grid.coordinate(0, grid.axisIndex(p, 0));
            double y = grid.coordinate(1, grid.axisIndex(p, 1));
            double z = grid.coordinate(2, grid.axisIndex(p, 2));
            for (int i = 0; i < n; i++) {
                tilde[i][p] = perturbation.at(i, x, y, z);
            }
        }
        double smallness = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < points; p++) {
                c[i][p] = cInf[i] + epsilon * tilde[i][p];
                if (!(c[i][p] > 0)) {
                    throw new IllegalArgumentException("fluid modes: c_" + i + " = " + c[i][p] + " at grid point " + p
                            + " must be > 0 (positivity, Theorem 2.1): lower the amplitudes or epsilon");
                }
                smallness = Math.max(smallness, Math.abs(epsilon * tilde[i][p]) / cInf[i]);
            }
        }
        return new CompatibleInitialData(cInf.clone(), epsilon, grid, tilde, c, smallness);
    }

    public double[][] concentrations() {
        return deepCopy(concentration);
    }

    /** c̃_i on the grid. */
    public double[][] perturbation() {
        return deepCopy(perturbation);
    }

    public double[] referenceConcentrations() {
        return cInf.clone();
    }

    public double epsilon() {
        return epsilon;
    }

    public Grid grid() {
        return grid;
    }

    /** δ_MS = max_{i,x} |ε c̃_i(x)| / c_{i,∞}. */
    public double smallness() {
        return smallness;
    }

    /**
     * The compatible initial diffusion velocities ũ_i = (u_i − ū)/ε, [species][3][point]: the unique solution of
     * ∇c̃_i = Σ_j c_i c_j (ũ_j − ũ_i)/Δ_ij with Σ_i c_i ũ_i = 0 (full c = c_∞ + ε c̃).
     */
    public double[][][] diffusionVelocities(double[][] delta) {
        int n = cInf.length;
        int points = grid.points();
        MaxwellStefanOperator op = new MaxwellStefanOperator(delta, new double[3], grid);
        double[] c = new double[n * points];
        for (int i = 0; i < n; i++) {
            System.arraycopy(concentration[i], 0, c, i * points, points);
        }
        double[] flux = new double[n * 3 * points];
        op.fluxes(c, flux);
        double[][][] u = new double[n][3][points];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                for (int p = 0; p < points; p++) {
                    u[i][d][p] = flux[(i * 3 + d) * points + p] / c[i * points + p] / epsilon;
                }
            }
        }
        return u;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }
}
