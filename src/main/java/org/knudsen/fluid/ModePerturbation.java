package org.knudsen.fluid;

import java.util.List;

/**
 * The initial perturbation of a list of Fourier modes, c̃_i(x) = Σ_modes a_i cos(k·x) with k = 2π n/L: the one place
 * it is evaluated, at grid points for the Maxwell–Stefan initial data and at any position for the particles.
 * Immutable; allocates nothing per evaluation.
 */
public final class ModePerturbation {
    private final double[][] k;         // [mode][3]
    private final double[][] amplitude; // [mode][species]

    public ModePerturbation(List<FourierMode> modes, double[] lengths) {
        k = new double[modes.size()][];
        amplitude = new double[modes.size()][];
        for (int q = 0; q < k.length; q++) {
            k[q] = FourierMode.angularWavevector(modes.get(q).wavevector(), lengths);
            amplitude[q] = modes.get(q).amplitude();
        }
    }

    /** c̃_i(x, y, z). */
    public double at(int species, double x, double y, double z) {
        double sum = 0;
        for (int q = 0; q < k.length; q++) {
            sum += amplitude[q][species] * Math.cos(k[q][0] * x + k[q][1] * y + k[q][2] * z);
        }
        return sum;
    }

    /** Σ_modes |a_i| ≥ max_x |c̃_i(x)|. */
    public double bound(int species) {
        double sum = 0;
        for (double[] a : amplitude) {
            sum += Math.abs(a[species]);
        }
        return sum;
    }
}
