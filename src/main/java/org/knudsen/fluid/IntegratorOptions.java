package org.knudsen.fluid;

/**
 * Time integration of the Maxwell–Stefan solver (Dormand–Prince 5(4)): adaptive with tolerances rtol, atol on the
 * concentrations, or a fixed step h (fixedStep > 0; no error control, order 5). maxStep caps adaptive steps.
 */
public record IntegratorOptions(double rtol, double atol, double fixedStep, double maxStep) {
    public IntegratorOptions {
        if (!(rtol > 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("fluid tolerances rtol = " + rtol + ", atol = " + atol
                    + ": need rtol > 0 and atol >= 0");
        }
        if (!(fixedStep >= 0) || !Double.isFinite(fixedStep)) {
            throw new IllegalArgumentException("fluid fixed step = " + fixedStep + " must be finite and >= 0");
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("fluid maximum step = " + maxStep + " must be > 0");
        }
    }

    public static IntegratorOptions adaptive(double rtol, double atol) {
        return new IntegratorOptions(rtol, atol, 0, Double.POSITIVE_INFINITY);
    }

    public static IntegratorOptions fixed(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("fluid fixed step = " + step + " must be > 0");
        }
        return new IntegratorOptions(1e-6, 0, step, Double.POSITIVE_INFINITY);
    }

    /** rtol = 1e-8, atol = 1e-12: well below any particle noise. */
    public static IntegratorOptions defaults() {
        return adaptive(1e-8, 1e-12);
    }
}
