package org.knudsen.fluid;

import org.knudsen.physics.ParameterException;

/**
 * One cosine mode of the initial perturbation: c̃_i(x) gets amplitude_i · cos(2π Σ_d k_d x_d / L_d), with one
 * amplitude per species in mixture order (PHYSICS.md §11: the amplitudes must sum to zero, k ≠ 0).
 */
public record FourierMode(int[] wavevector, double[] amplitude) {
    public FourierMode {
        requireWavevector(wavevector);
        requireAmplitudes(amplitude);
        wavevector = java.util.Arrays.copyOf(wavevector, 3);
        amplitude = amplitude.clone();
    }

    /** 1 to 3 integer components, not all zero (the perturbation has zero mean, Theorem 2.1), else "wavevector". */
    public static void requireWavevector(int[] n) {
        if (n == null || n.length < 1 || n.length > 3) {
            throw new ParameterException("wavevector", "must have 1 to 3 integer components");
        }
        boolean zero = true;
        for (int k : n) {
            zero &= k == 0;
        }
        if (zero) {
            throw new ParameterException("wavevector", "must not be all zero (a mode needs a direction; the perturbation "
                    + "has zero mean, Theorem 2.1)");
        }
    }

    /**
     * One finite amplitude per species, summing to zero (flux incompressibility: Σ_i c_i stays uniform, Theorem 2.1),
     * else "amplitude".
     */
    public static void requireAmplitudes(double[] a) {
        if (a == null || a.length == 0) {
            throw new ParameterException("amplitude", "must be given per species");
        }
        double sum = 0;
        double max = 0;
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new ParameterException("amplitude", "every amplitude must be finite");
            }
            sum += x;
            max = Math.max(max, Math.abs(x));
        }
        if (Math.abs(sum) > 1e-12 * max) {
            throw new ParameterException("amplitude", String.format(java.util.Locale.ROOT,
                    "amplitudes must sum to zero (flux incompressibility), sum = %.6g", sum));
        }
    }

    @Override
    public int[] wavevector() {
        return wavevector.clone();
    }

    @Override
    public double[] amplitude() {
        return amplitude.clone();
    }

    /**
     * The angular wavevector k_d = 2π n_d / L_d of integer mode numbers n (1 to 3 components; missing ones are 0) on a
     * box of side lengths L: the one place this conversion is written.
     */
    public static double[] angularWavevector(int[] n, double[] lengths) {
        double[] k = new double[3];
        for (int d = 0; d < Math.min(n.length, 3); d++) {
            k[d] = 2 * Math.PI * n[d] / lengths[d];
        }
        return k;
    }

    /**
     * Whether a periodic grid of {@code cells} points per axis resolves the mode numbers n: 2|n_d| &lt; cells_d on every
     * axis, i.e. strictly below the Nyquist mode (at or above it the spectral derivative of the mode is lost or
     * aliased and its cell averages mean another mode).
     */
    public static boolean resolvedBy(int[] n, int[] cells) {
        for (int d = 0; d < 3; d++) {
            int nd = d < n.length ? n[d] : 0;
            if (2L * Math.abs((long) nd) >= cells[d] && nd != 0) {
                return false;
            }
        }
        return true;
    }

    int k(int axis) {
        return wavevector[axis];
    }

    double a(int species) {
        return amplitude[species];
    }

    @Override
    public String toString() {
        return "FourierMode" + java.util.Arrays.toString(wavevector) + java.util.Arrays.toString(amplitude);
    }
}
