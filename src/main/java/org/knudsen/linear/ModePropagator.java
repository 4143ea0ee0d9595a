package org.knudsen.linear;

import java.util.ArrayList;
import java.util.List;
import org.knudsen.linear.SlowModeTracker.Eigenpair;

/**
 * e^{tÃ} v for the real form Ã of one mode's operator ({@link ModeOperator}): the slow eigenvectors evolved
 * analytically, the rest by a Taylor series of e^{τÃ} with scaling (steps with τ‖Ã − μ‖₁ ≤ 4, μ the mean diagonal;
 * terms summed to rounding). The slow content of the remainder is projected out after each step, and the remainder
 * is dropped once its norm is below 1e-13 ‖v‖ — e^{tÃ} is a contraction, so it stays below. The fast initial layer
 * costs a few hundred steps whatever ε is.
 * <p>
 * Only eigenpairs that converged to a residual below 1e-11 are split off (with the conjugate of a complex one); with
 * none the Taylor series alone evolves v. One propagator serves any number of {@link #evolve} calls; the step loop
 * works on buffers allocated once per call.
 */
final class ModePropagator {
    private static final double REMAINDER_TOLERANCE = 1e-13;
    private static final double TAYLOR_THETA = 4;

    private final ModeOperator a;
    private final List<double[]> xs = new ArrayList<>();      // right eigenvectors (interleaved)
    private final List<double[]> lam = new ArrayList<>();     // {re, im}
    private final double[][] ys;                              // left vectors P x / (xᵀ P x)

    /** The propagator of Ã splitting off the given slow eigenpairs (empty: the Taylor series alone). */
    ModePropagator(ModeOperator a, List<Eigenpair> slow) {
        this.a = a;
        int n = a.size();
        for (Eigenpair e : slow) {
            if (!e.converged() || !(e.residual() < 1e-11)) {
                continue;
            }
            xs.add(e.vector());
            lam.add(new double[] {e.re(), e.im()});
            if (e.im() != 0) {
                double[] c = e.vector().clone();
                for (int k = 0; k < n; k++) {
                    c[2 * k + 1] = -c[2 * k + 1];
                }
                xs.add(c);
                lam.add(new double[] {e.re(), -e.im()});
            }
        }
        int m = xs.size();
        ys = new double[m][];
        for (int q = 0; q < m; q++) {
            double[] x = xs.get(q), y = new double[2 * n];
            double dr = 0, di = 0;
            for (int k = 0; k < n; k++) {
                double p = a.parity(k);
                y[2 * k] = p * x[2 * k];
                y[2 * k + 1] = p * x[2 * k + 1];
                dr += y[2 * k] * x[2 * k] - y[2 * k + 1] * x[2 * k + 1];
                di += y[2 * k] * x[2 * k + 1] + y[2 * k + 1] * x[2 * k];
            }
            double den = dr * dr + di * di;
            for (int k = 0; k < n; k++) {           // y ← y / (dr + i di)
                double yr = y[2 * k], yi = y[2 * k + 1];
                y[2 * k] = (yr * dr + yi * di) / den;
                y[2 * k + 1] = (yi * dr - yr * di) / den;
            }
            ys[q] = y;
        }
    }

    /** e^{tÃ} v at the times (≥ 0, non-decreasing): slow eigenvectors analytically, the remainder by Taylor steps. */
    double[][] evolve(double[] v, double[] times) {
        int n = v.length;
        double[][] out = new double[times.length][];
        double norm0 = norm(v);
        if (norm0 == 0) {
            for (int t = 0; t < times.length; t++) {
                out[t] = new double[n];
            }
            return out;
        }
        int m = xs.size();
        double[] ampRe = new double[m], ampIm = new double[m];
        double[] r = v.clone();
        project(r, xs, ys, ampRe, ampIm);
        boolean active = norm(r) > REMAINDER_TOLERANCE * norm0;
        if (!active) {
            java.util.Arrays.fill(r, 0);
        }
        double mu = a.meanDiagonal();
        double tauMax = TAYLOR_THETA / a.norm1(mu);
        double[] work = new double[n], term = new double[n], sum = new double[n];
        double tNow = 0;
        for (int t = 0; t < times.length; t++) {
            while (active && tNow < times[t]) {
                double tau = Math.min(tauMax, times[t] - tNow);
                taylorStep(r, tau, mu, work, term, sum);
                advance(ampRe, ampIm, lam, tau);
                tNow += tau;
                project(r, xs, ys, ampRe, ampIm);
                if (norm(r) <= REMAINDER_TOLERANCE * norm0) {
                    active = false;
                    java.util.Arrays.fill(r, 0);
                }
            }
            if (tNow < times[t]) {
                advance(ampRe, ampIm, lam, times[t] - tNow);
                tNow = times[t];
            }
            double[] o = r.clone();
            for (int q = 0; q < m; q++) {
                double[] x = xs.get(q);
                for (int k = 0; k < n; k++) {
                    o[k] += ampRe[q] * x[2 * k] - ampIm[q] * x[2 * k + 1];
                }
            }
            out[t] = o;
        }
        return out;
    }

    /** Moves the slow content of r into the amplitudes: δ_q = y_qᵀ r, r ← r − Re Σ δ_q x_q. */
    private static void project(double[] r, List<double[]> xs, double[][] ys, double[] ampRe, double[] ampIm) {
        int n = r.length;
        for (int q = 0; q < xs.size(); q++) {
            double[] y = ys[q];
            double dr = 0, di = 0;
            for (int k = 0; k < n; k++) {
                dr += y[2 * k] * r[k];
                di += y[2 * k + 1] * r[k];
            }
            ampRe[q] += dr;
            ampIm[q] += di;
            double[] x = xs.get(q);
            for (int k = 0; k < n; k++) {
                r[k] -= dr * x[2 * k] - di * x[2 * k + 1];
            }
        }
    }

    private static void advance(double[] ampRe, double[] ampIm, List<double[]> lam, double dt) {
        for (int q = 0; q < ampRe.length; q++) {
            double[] l = lam.get(q);
            double g = Math.exp(l[0] * dt), c = g * Math.cos(l[1] * dt), s = g * Math.sin(l[1] * dt);
            double re = ampRe[q] * c - ampIm[q] * s, im = ampRe[q] * s + ampIm[q] * c;
            ampRe[q] = re;
            ampIm[q] = im;
        }
    }

    /** r ← e^{μτ} Σ_j (τ(Ã − μ))^j r / j!, summed until two successive terms are below rounding. */
    private void taylorStep(double[] r, double tau, double mu, double[] work, double[] term, double[] sum) {
        int n = r.length;
        System.arraycopy(r, 0, term, 0, n);
        System.arraycopy(r, 0, sum, 0, n);
        double lastNorm = Double.POSITIVE_INFINITY;
        for (int j = 1; j <= 80; j++) {
            a.apply(term, work);
            double f = tau / j, tn = 0;
            for (int k = 0; k < n; k++) {
                term[k] = f * (work[k] - mu * term[k]);
                sum[k] += term[k];
                tn += term[k] * term[k];
            }
            tn = Math.sqrt(tn);
            double sn = norm(sum);
            if (tn + lastNorm <= 1e-17 * sn || sn == 0) {
                break;
            }
            lastNorm = tn;
        }
        double g = Math.exp(mu * tau);
        for (int k = 0; k < n; k++) {
            r[k] = g * sum[k];
        }
    }

    /** The Euclidean norm. */
    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
