package org.knudsen.fluid;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Explicit embedded Runge–Kutta pair of Dormand and Prince, order 5 with an order-4 error estimate (the
 * coefficients of Hairer–Nørsett–Wanner, "Solving ODEs I", §II.5, code DOPRI5), first-same-as-last, with the
 * 4th-order continuous extension of DOPRI5 (dense output between the ends of the last accepted step).
 *
 * Adaptive mode: error norm sqrt(mean((err_k / (atol + rtol·max(|y_k|,|y_new,k|)))²)) ≤ 1, step control with the
 * PI stabilisation of DOPRI5 (β = 0.04, safety 0.9, factors in [0.2, 10]); fixed-step mode ({@link #setFixedStep})
 * propagates the order-5 solution with a constant step (used to measure the convergence order).
 * An {@link Admissibility} hook refuses states (e.g. non-positive concentrations): in adaptive mode the step is
 * retried with a quarter of the step size, down to a minimum step, after which it throws. No allocation per step.
 */
final class DormandPrince54 {

    /** dy/dt = f(t, y). */
    interface Rhs {
        void eval(double t, double[] y, double[] dydt);
    }

    /** Returns the index of the first entry of y that makes the state inadmissible, or −1. */
    interface Admissibility {
        int firstViolation(double[] y);
    }

    /** Thrown when a step cannot be made admissible even with the minimum step size. */
    static final class InadmissibleStepException extends RuntimeException {
        final int index;
        final double value;
        final double time;
        final double step;

        InadmissibleStepException(int index, double value, double time, double step) {
            super("inadmissible state at entry " + index + " (value " + value + ") in a step from t = " + time
                    + " with h = " + step);
            this.index = index;
            this.value = value;
            this.time = time;
            this.step = step;
        }
    }

    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784,
            A76 = 11.0 / 84;
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;
    // dense output (DOPRI5 contd5)
    private static final double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
            D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
            D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

    private final int size;
    private final Rhs f;
    private final Admissibility admissibility;
    private double rtol;
    private double atol;
    private double fixedStep;
    private double maxStep = Double.POSITIVE_INFINITY;

    private final double[] y;
    private final double[] yNew;
    private final double[] yStage;
    private final double[] k1, k2, k3, k4, k5, k6, k7;
    private final double[] r1, r2, r3, r4, r5;
    private double t;
    private double t0;
    private double tOld;
    private double hLast;
    private double h;
    private double facOld = 1e-4;
    private long accepted;
    private long rejected;
    private long evaluations;

    DormandPrince54(int size, Rhs f, Admissibility admissibility, double rtol, double atol) {
        this.size = size;
        this.f = f;
        this.admissibility = admissibility;
        setTolerances(rtol, atol);
        y = new double[size];
        yNew = new double[size];
        yStage = new double[size];
        k1 = new double[size];
        k2 = new double[size];
        k3 = new double[size];
        k4 = new double[size];
        k5 = new double[size];
        k6 = new double[size];
        k7 = new double[size];
        r1 = new double[size];
        r2 = new double[size];
        r3 = new double[size];
        r4 = new double[size];
        r5 = new double[size];
    }

    void setTolerances(double rtol, double atol) {
        if (!(rtol > 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerances rtol = " + rtol + ", atol = " + atol
                    + " must be rtol > 0 and atol >= 0");
        }
        this.rtol = rtol;
        this.atol = atol;
    }

    /** h > 0: constant step, no error control; 0: adaptive. */
    void setFixedStep(double h) {
        if (!(h >= 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("fixed step = " + h + " must be finite and >= 0");
        }
        this.fixedStep = h;
    }

    void setMaxStep(double hmax) {
        if (!(hmax > 0)) {
            throw new IllegalArgumentException("maximum step = " + hmax + " must be > 0");
        }
        this.maxStep = hmax;
    }

    /** Starts at (t0, y0): evaluates f there and picks the first step (DOPRI5's hinit) unless the step is fixed. */
    void reset(double t0, double[] y0) {
        System.arraycopy(y0, 0, y, 0, size);
        this.t0 = t0;
        t = t0;
        tOld = t0;
        hLast = 0;
        facOld = 1e-4;
        accepted = 0;
        rejected = 0;
        evaluations = 0;
        eval(t, y, k1);
        // the "last step" is degenerate: dense output at t0 returns y0
        System.arraycopy(y, 0, r1, 0, size);
        java.util.Arrays.fill(r2, 0);
        java.util.Arrays.fill(r3, 0);
        java.util.Arrays.fill(r4, 0);
        java.util.Arrays.fill(r5, 0);
        h = fixedStep > 0 ? fixedStep : initialStep();
    }

    private void eval(double time, double[] state, double[] out) {
        evaluations++;
        f.eval(time, state, out);
    }

    private double scale(int k, double a, double b) {
        return atol + rtol * Math.max(Math.abs(a), Math.abs(b));
    }

    private double initialStep() {
        double dnf = 0, dny = 0;
        for (int k = 0; k < size; k++) {
            double sk = scale(k, y[k], y[k]);
            dnf += (k1[k] / sk) * (k1[k] / sk);
            dny += (y[k] / sk) * (y[k] / sk);
        }
        dnf /= size;
        dny /= size;
        double h0 = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
        h0 = Math.min(h0, maxStep);
        for (int k = 0; k < size; k++) {
            yStage[k] = y[k] + h0 * k1[k];
        }
        eval(t + h0, yStage, k2);
        double der2 = 0;
        for (int k = 0; k < size; k++) {
            double sk = scale(k, y[k], y[k]);
            double v = (k2[k] - k1[k]) / sk;
            der2 += v * v;
        }
        der2 = Math.sqrt(der2 / size) / h0;
        double der12 = Math.max(der2, Math.sqrt(dnf));
        double h1 = der12 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / der12, 0.2);
        return Math.min(Math.min(100 * h0, h1), maxStep);
    }

    /** Performs one accepted step; afterwards {@link #interpolate} covers [tOld, t]. */
    void step() {
        boolean rejectedBefore = false;
        while (true) {
            double hh = h;
            stages(hh);
            double err = 0;
            if (fixedStep == 0) {
                for (int k = 0; k < size; k++) {
                    double e = hh * (E1 * k1[k] + E3 * k3[k] + E4 * k4[k] + E5 * k5[k] + E6 * k6[k] + E7 * k7[k]);
                    double sk = scale(k, y[k], yNew[k]);
                    err += (e / sk) * (e / sk);
                }
                err = Math.sqrt(err / size);
                if (!(err <= 1)) {
                    rejected++;
                    rejectedBefore = true;
                    double fac11 = Math.pow(err, 0.2 - 0.04 * 0.75);
                    h = hh / Math.min(5.0, fac11 / 0.9);
                    if (!Double.isFinite(err)) {
                        h = hh * 0.25;
                    }
                    checkMinStep(hh, -1, Double.NaN);
                    continue;
                }
            }
            int bad = admissibility == null ? -1 : admissibility.firstViolation(yNew);
            if (bad >= 0) {
                if (fixedStep > 0) {
                    throw new InadmissibleStepException(bad, yNew[bad], t, hh);
                }
                rejected++;
                rejectedBefore = true;
                h = hh * 0.25;
                checkMinStep(hh, bad, yNew[bad]);
                continue;
            }
            // accept: dense-output coefficients, then advance (FSAL: k7 is f at the new point)
            for (int k = 0; k < size; k++) {
                double ydiff = yNew[k] - y[k];
                double bspl = hh * k1[k] - ydiff;
                r1[k] = y[k];
                r2[k] = ydiff;
                r3[k] = bspl;
                r4[k] = ydiff - hh * k7[k] - bspl;
                r5[k] = hh * (D1 * k1[k] + D3 * k3[k] + D4 * k4[k] + D5 * k5[k] + D6 * k6[k] + D7 * k7[k]);
            }
            System.arraycopy(yNew, 0, y, 0, size);
            System.arraycopy(k7, 0, k1, 0, size);
            tOld = t;
            accepted++;
            // fixed steps: t = t0 + n h, so that n steps of T/n land on T without accumulated rounding
            t = fixedStep > 0 ? t0 + accepted * hh : t + hh;
            hLast = hh;
            if (fixedStep == 0) {
                double fac11 = Math.pow(Math.max(err, 1e-300), 0.2 - 0.04 * 0.75);
                double fac = fac11 / Math.pow(facOld, 0.04);
                fac = Math.max(0.1, Math.min(5.0, fac / 0.9));
                double hNew = hh / fac;
                if (rejectedBefore) {
                    hNew = Math.min(hNew, hh);
                }
                facOld = Math.max(err, 1e-4);
                h = Math.min(hNew, maxStep);
            }
            return;
        }
    }

    private void checkMinStep(double hTried, int index, double value) {
        double hMin = 1e-14 * Math.max(1.0, Math.abs(t));
        if (h < hMin) {
            throw new InadmissibleStepException(index, value, t, hTried);
        }
    }

    private void stages(double hh) {
        int n = size;
        for (int k = 0; k < n; k++) {
            yStage[k] = y[k] + hh * A21 * k1[k];
        }
        eval(t + C2 * hh, yStage, k2);
        for (int k = 0; k < n; k++) {
            yStage[k] = y[k] + hh * (A31 * k1[k] + A32 * k2[k]);
        }
        eval(t + C3 * hh, yStage, k3);
        for (int k = 0; k < n; k++) {
            yStage[k] = y[k] + hh * (A41 * k1[k] + A42 * k2[k] + A43 * k3[k]);
        }
        eval(t + C4 * hh, yStage, k4);
        for (int k = 0; k < n; k++) {
            yStage[k] = y[k] + hh * (A51 * k1[k] + A52 * k2[k] + A53 * k3[k] + A54 * k4[k]);
        }
        eval(t + C5 * hh, yStage, k5);
        for (int k = 0; k < n; k++) {
            yStage[k] = y[k] + hh * (A61 * k1[k] + A62 * k2[k] + A63 * k3[k] + A64 * k4[k] + A65 * k5[k]);
        }
        eval(t + hh, yStage, k6);
        for (int k = 0; k < n; k++) {
            yNew[k] = y[k] + hh * (A71 * k1[k] + A73 * k3[k] + A74 * k4[k] + A75 * k5[k] + A76 * k6[k]);
        }
        eval(t + hh, yNew, k7);
    }

    /** Dense output at time s in [tOld, t] (4th order; exact at both ends). */
    void interpolate(double s, double[] out) {
        if (hLast == 0) {
            System.arraycopy(y, 0, out, 0, size);
            return;
        }
        double theta = (s - tOld) / hLast;
        double theta1 = 1 - theta;
        for (int k = 0; k < size; k++) {
            out[k] = r1[k] + theta * (r2[k] + theta1 * (r3[k] + theta * (r4[k] + theta1 * r5[k])));
        }
    }

    /**
     * Writes the integrator's exact state after an accepted step: times (t0, t, tOld), last and next step size,
     * the PI controller's memory, counters, the current y and f(t, y) (first-same-as-last), and the dense-output
     * coefficients of the last step. The stage buffers are scratch (recomputed before use). Read back by
     * {@link #readState}, the following steps and interpolations are bit-identical to an uninterrupted run.
     */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeDouble(t0);
        out.writeDouble(t);
        out.writeDouble(tOld);
        out.writeDouble(hLast);
        out.writeDouble(h);
        out.writeDouble(facOld);
        out.writeLong(accepted);
        out.writeLong(rejected);
        out.writeLong(evaluations);
        for (double[] a : new double[][] {y, k1, r1, r2, r3, r4, r5}) {
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** Restores a state written by {@link #writeState} for a system of the same size. */
    void readState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != size) {
            throw new IOException("integrator state of size " + n + ", this system has " + size + " unknowns");
        }
        double newT0 = in.readDouble(), newT = in.readDouble(), newTOld = in.readDouble();
        double newHLast = in.readDouble(), newH = in.readDouble(), newFacOld = in.readDouble();
        if (!(newT >= newTOld && newTOld >= newT0) || !Double.isFinite(newT) || !(newH > 0) || !Double.isFinite(newH)
                || !(newHLast >= 0)) {
            throw new IOException("integrator state: inconsistent times t0 = " + newT0 + ", tOld = " + newTOld
                    + ", t = " + newT + ", h = " + newH + ", hLast = " + newHLast);
        }
        long newAccepted = in.readLong(), newRejected = in.readLong(), newEvaluations = in.readLong();
        for (double[] a : new double[][] {y, k1, r1, r2, r3, r4, r5}) {
            for (int k = 0; k < size; k++) {
                a[k] = in.readDouble();
            }
        }
        t0 = newT0;
        t = newT;
        tOld = newTOld;
        hLast = newHLast;
        h = newH;
        facOld = newFacOld;
        accepted = newAccepted;
        rejected = newRejected;
        evaluations = newEvaluations;
    }

    double time() {
        return t;
    }

    double previousTime() {
        return tOld;
    }

    double[] state() {
        return y;
    }

    double nextStep() {
        return h;
    }

    long acceptedSteps() {
        return accepted;
    }

    long rejectedSteps() {
        return rejected;
    }

    long evaluations() {
        return evaluations;
    }
}
