package org.knudsen.linear;

import java.util.ArrayList;
import java.util.List;
import org.knudsen.physics.Mixture;

/**
 * Finds the N + 2 slow eigenpairs of one mode's operator Ã (real form, {@link ModeOperator}) at one degree and ε: the
 * N − 1 concentration modes, the thermal mode and the sound pair (one member tracked, its conjugate implied).
 * <p>
 * From the limit: the eigenpairs start at ε₀ ≪ ε from the Chapman–Enskog reduction {@link SlowSubspace} and are
 * continued in ε (geometric steps, ν = ελ extrapolated, Rayleigh-quotient inverse iteration with the block solver
 * {@link ShiftedSolver} and the bilinear left vector P x; a step is shrunk when the eigenvector jumps, and a complex
 * shift is tried where two real branches meet). On the degree ladder: the eigenpairs of a neighbouring degree are
 * carried over by basis labels and refined by the same iteration. Either way each pair is labelled with its ε → 0
 * rate at this degree, and two branches that ended on one eigenvalue are marked not converged.
 * <p>
 * Complex vectors are interleaved (re, im). Used by {@link ModeDynamics}, which holds the results.
 */
final class SlowModeTracker {
    private final LinearizedBoltzmann op;
    private final double wavenumber;
    private final double epsilon;

    /** For the mode of wavenumber |k| at ε of the given operator (the degree the eigenpairs are wanted at). */
    SlowModeTracker(LinearizedBoltzmann op, double wavenumber, double epsilon) {
        this.op = op;
        this.wavenumber = wavenumber;
        this.epsilon = epsilon;
    }

    /** A tracked eigenpair: λ = re + i im, right eigenvector (interleaved complex, unit norm). */
    record Eigenpair(ModeKind kind, int index, double re, double im, double[] vector, boolean converged,
                     double residual, double limitRate) {
    }

    /**
     * The slow modes at this degree from the ε → 0 limit, continued in ε at the working degree itself: a
     * low-degree continuation laddered up can land on another branch.
     */
    List<Eigenpair> fromLimit() {
        return flagDuplicates(labelled(continued(op, epsilon)));
    }

    /** The slow modes at this degree by refining the eigenpairs found at a neighbouring degree (the degree ladder). */
    List<Eigenpair> fromDegree(List<Eigenpair> start, int startDegree) {
        int n = op.mixture().size();
        return flagDuplicates(labelled(refineAll(op, start, new BurnettBasis(n, startDegree))));
    }

    /** |λ_a − λ_b| / |λ_a|. */
    static double change(Eigenpair a, Eigenpair b) {
        return Math.hypot(a.re - b.re, a.im - b.im) / Math.hypot(a.re, a.im);
    }

    /** Two branches that ended on one eigenvalue (lost at a branch point) are both marked not converged. */
    private static List<Eigenpair> flagDuplicates(List<Eigenpair> pairs) {
        List<Eigenpair> out = new ArrayList<>(pairs);
        for (int a = 0; a < pairs.size(); a++) {
            for (int b = a + 1; b < pairs.size(); b++) {
                Eigenpair x = pairs.get(a), y = pairs.get(b);
                boolean same = Math.hypot(x.re - y.re, x.im - y.im) <= 1e-8 * Math.hypot(x.re, x.im);
                if (same) {
                    out.set(a, withConverged(out.get(a), false));
                    out.set(b, withConverged(out.get(b), false));
                }
            }
        }
        return out;
    }

    private static Eigenpair withConverged(Eigenpair e, boolean converged) {
        return new Eigenpair(e.kind, e.index, e.re, e.im, e.vector, converged, e.residual, e.limitRate);
    }

    /** The eigenpairs with their ε → 0 limits at this degree, for reference. */
    private List<Eigenpair> labelled(List<Eigenpair> out) {
        Mixture mixture = op.mixture();
        int n = mixture.size();
        double[][] g = new SlowSubspace(mixture).reducedOperator(op.block(1), op.basis().radialCount(1));
        ChapmanEnskog.Eigen e = ChapmanEnskog.Eigen.of(g);
        List<Eigenpair> labelled = new ArrayList<>();
        for (Eigenpair p : out) {
            double limit = p.kind == ModeKind.SOUND ? 0 : Double.NaN;
            if (p.kind != ModeKind.SOUND) {
                limit = limitRate(e, p.kind, p.index, n);
            }
            labelled.add(new Eigenpair(p.kind, p.index, p.re, p.im, p.vector, p.converged, p.residual, limit));
        }
        return labelled;
    }

    /** −k² g for the mode of the given kind and index among the eigenvalues g of the reduced operator. */
    private double limitRate(ChapmanEnskog.Eigen e, ModeKind kind, int index, int n) {
        int thermal = thermalPosition(e, n);
        int count = 0;
        for (int m = n - 1; m >= 0; m--) {                 // ascending rate
            if (kind == ModeKind.THERMAL && m == thermal) {
                return -wavenumber * wavenumber * e.values()[m];
            }
            if (kind == ModeKind.CONCENTRATION && m != thermal) {
                if (count++ == index) {
                    return -wavenumber * wavenumber * e.values()[m];
                }
            }
        }
        return Double.NaN;
    }

    private static int thermalPosition(ChapmanEnskog.Eigen e, int n) {
        int best = 0;
        for (int m = 1; m < n; m++) {
            if (Math.abs(e.vectors()[m][n - 1]) > Math.abs(e.vectors()[best][n - 1])) {
                best = m;
            }
        }
        return best;
    }

    /** Refines each eigenpair on another degree (vectors padded or cut by basis labels). */
    List<Eigenpair> refineAll(LinearizedBoltzmann target, List<Eigenpair> seeds, BurnettBasis from) {
        ModeOperator m = new ModeOperator(target, wavenumber, epsilon);
        List<Eigenpair> out = new ArrayList<>();
        for (Eigenpair s : seeds) {
            double[] x = transfer(s.vector, from, target.basis());
            Refined r = refine(m, s.re, s.im, x);
            boolean onBranch = overlap(r.vector, x) > 0.5;
            out.add(new Eigenpair(s.kind, s.index, r.re, r.im, r.vector, s.converged && r.converged && onBranch,
                    r.residual, s.limitRate));
        }
        return out;
    }

    /** Pads or truncates an interleaved vector to another basis, matching (l, species, n). */
    static double[] transfer(double[] x, BurnettBasis from, BurnettBasis to) {
        int n = to.species();
        double[] y = new double[2 * to.size()];
        int maxL = Math.min(from.degree(), to.degree());
        for (int l = 0; l <= maxL; l++) {
            int rc = Math.min(from.radialCount(l), to.radialCount(l));
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < rc; r++) {
                    int s = from.index(l, i, r), d = to.index(l, i, r);
                    y[2 * d] = x[2 * s];
                    y[2 * d + 1] = x[2 * s + 1];
                }
            }
        }
        normalise(y);
        return y;
    }

    /** The slow eigenpairs at ε by continuation from ε₀ on the given (low-degree) operator. */
    private List<Eigenpair> continued(LinearizedBoltzmann low, double eps) {
        Mixture mixture = low.mixture();
        int n = mixture.size();
        BurnettBasis basis = low.basis();
        SlowSubspace w = new SlowSubspace(mixture);
        double[][] g = w.reducedOperator(low.block(1), basis.radialCount(1));
        ChapmanEnskog.Eigen e = ChapmanEnskog.Eigen.of(g);
        int thermal = thermalPosition(e, n);
        double eps0 = Math.min(eps, Math.min(eps / 16, 1e-2));
        double k2 = wavenumber * wavenumber, total = mixture.totalConcentration();
        List<Eigenpair> seeds = new ArrayList<>();
        int conc = 0;
        for (int m = n - 1; m >= 0; m--) {
            double[] z = e.vectors()[m];
            double[] ab = new double[n + 1];
            for (int q = 0; q < n; q++) {
                for (int c = 0; c <= n; c++) {
                    ab[c] += z[q] * w.basis[q][c];
                }
            }
            double[] x = new double[2 * basis.size()];
            for (int i = 0; i < n; i++) {
                x[2 * basis.index(0, i, 0)] = ab[i];
                x[2 * basis.index(0, i, 1)] = ab[n] * Math.sqrt(mixture.concentration(i) / total);
            }
            ModeKind kind = m == thermal ? ModeKind.THERMAL : ModeKind.CONCENTRATION;
            int index = kind == ModeKind.THERMAL ? 0 : conc++;
            seeds.add(new Eigenpair(kind, index, k2 * e.values()[m], 0, x, true, Double.NaN, -k2 * e.values()[m]));
        }
        // sound: û + i P̂ with eigenvalue +i c_s k/ε (û the pressure direction of the l = 0 invariants)
        double rho = 0;
        for (int i = 0; i < n; i++) {
            rho += mixture.mass(i) * mixture.concentration(i);
        }
        double norm = Math.sqrt(5 * total / 3), cs = Math.sqrt(5 * total / (3 * rho));
        double[] xs = new double[2 * basis.size()];
        for (int i = 0; i < n; i++) {
            double ci = mixture.concentration(i);
            xs[2 * basis.index(0, i, 0)] = Math.sqrt(ci) / norm;
            xs[2 * basis.index(0, i, 1)] = Math.sqrt(2.0 / 3) * Math.sqrt(total) / norm * Math.sqrt(ci / total);
            xs[2 * basis.index(1, i, 0) + 1] = Math.sqrt(mixture.mass(i) * ci / rho);
        }
        seeds.add(new Eigenpair(ModeKind.SOUND, 0, 0, cs * wavenumber, xs, true, Double.NaN, 0));
        List<Eigenpair> out = new ArrayList<>();
        for (Eigenpair s : seeds) {
            out.add(continueOne(low, s, eps0, eps));
        }
        return out;
    }

    /** Continuation of one eigenpair from ε₀ (seed eigenvalue in ν = ελ-scaled form for sound) to ε. */
    private Eigenpair continueOne(LinearizedBoltzmann low, Eigenpair seed, double eps0, double eps) {
        double[] x = seed.vector.clone();
        normalise(x);
        // the seed's λ: W modes λ = k²g (ε-independent); sound ν = ελ = i c_s k
        double nuRe = seed.kind == ModeKind.SOUND ? 0 : eps0 * seed.re;
        double nuIm = seed.kind == ModeKind.SOUND ? seed.im : 0;
        double epsNow = eps0;
        Refined r = refine(new ModeOperator(low, wavenumber, eps0), nuRe / eps0, nuIm / eps0, x);
        boolean ok = r.converged;
        x = r.vector;
        double prevEps = Double.NaN, prevNuRe = 0, prevNuIm = 0;
        double curNuRe = epsNow * r.re, curNuIm = epsNow * r.im;
        double ratio = 1.6;
        int halvings = 0;
        while (epsNow < eps && ok) {
            double next = Math.min(eps, epsNow * ratio);
            double pRe = curNuRe, pIm = curNuIm;
            if (!Double.isNaN(prevEps)) {
                double slope = (next - epsNow) / (epsNow - prevEps);
                pRe += (curNuRe - prevNuRe) * slope;
                pIm += (curNuIm - prevNuIm) * slope;
            }
            ModeOperator at = new ModeOperator(low, wavenumber, next);
            Refined t = refine(at, pRe / next, pIm / next, x);
            if ((!t.converged || overlap(t.vector, x) < 0.8) && ratio < 1.02 && pIm == 0) {
                // near a branch point two real eigenvalues meet and leave the real axis as a conjugate pair:
                // a real shift and vector cannot follow, so try a complex shift
                double[] xc = x.clone();
                for (int q = 0; q < xc.length / 2; q++) {
                    xc[2 * q + 1] += 1e-3 * xc[2 * q];
                }
                normalise(xc);
                t = refine(at, pRe / next, 1e-3 * Math.abs(pRe / next), xc);
            }
            if (!t.converged || overlap(t.vector, x) < 0.8) {
                ratio = Math.sqrt(ratio);
                if (++halvings > 12) {
                    ok = false;
                    break;
                }
                continue;
            }
            prevEps = epsNow;
            prevNuRe = curNuRe;
            prevNuIm = curNuIm;
            epsNow = next;
            curNuRe = next * t.re;
            curNuIm = next * t.im;
            x = t.vector;
            r = t;
            ratio = Math.min(ratio * 1.3, 2);
        }
        return new Eigenpair(seed.kind, seed.index, r.re, r.im, x, ok, r.residual, seed.limitRate);
    }

    private record Refined(double re, double im, double[] vector, boolean converged, double residual) {
    }

    /**
     * Inverse iteration at the shift, then Rayleigh-quotient iteration with the bilinear quotient
     * ρ = xᵀPÃx / xᵀPx (Ãᵀ = PÃP), to a residual of 1e-13 ‖Ã‖₁.
     */
    private static Refined refine(ModeOperator m, double shiftRe, double shiftIm, double[] start) {
        double norm = m.norm1(0);
        double[] x = new ShiftedSolver(m, shiftRe, shiftIm).solve(start);
        normalise(x);
        double sRe = shiftRe, sIm = shiftIm, residual = Double.NaN;
        double[] ax = new double[x.length];
        for (int it = 0; it < 15; it++) {
            applyComplex(m, x, ax);
            double[] q = quotient(m, x, ax);
            sRe = q[0];
            sIm = q[1];
            residual = residual(x, ax, sRe, sIm) / norm;
            if (residual < 1e-13) {
                return new Refined(sRe, sIm, x, true, residual);
            }
            double[] y = new ShiftedSolver(m, sRe, sIm).solve(x);
            normalise(y);
            x = y;
        }
        applyComplex(m, x, ax);
        double[] q = quotient(m, x, ax);
        residual = residual(x, ax, q[0], q[1]) / norm;
        return new Refined(q[0], q[1], x, residual < 1e-10, residual);
    }

    static void applyComplex(ModeOperator m, double[] x, double[] out) {
        int n = m.size();
        double[] re = new double[n], im = new double[n], yr = new double[n], yi = new double[n];
        for (int k = 0; k < n; k++) {
            re[k] = x[2 * k];
            im[k] = x[2 * k + 1];
        }
        m.apply(re, yr);
        m.apply(im, yi);
        for (int k = 0; k < n; k++) {
            out[2 * k] = yr[k];
            out[2 * k + 1] = yi[k];
        }
    }

    /** xᵀ P Ã x / xᵀ P x (complex, bilinear). */
    private static double[] quotient(ModeOperator m, double[] x, double[] ax) {
        double nr = 0, ni = 0, dr = 0, di = 0;
        for (int l = 0; l <= m.basis.degree(); l++) {
            double p = l % 2 == 0 ? 1 : -1;
            int from = m.basis.blockOffset(l), to = m.basis.blockOffset(l + 1);
            for (int k = from; k < to; k++) {
                double xr = x[2 * k], xi = x[2 * k + 1], yr = ax[2 * k], yi = ax[2 * k + 1];
                nr += p * (xr * yr - xi * yi);
                ni += p * (xr * yi + xi * yr);
                dr += p * (xr * xr - xi * xi);
                di += p * (2 * xr * xi);
            }
        }
        double den = dr * dr + di * di;
        return new double[] {(nr * dr + ni * di) / den, (ni * dr - nr * di) / den};
    }

    private static double residual(double[] x, double[] ax, double re, double im) {
        double s = 0;
        for (int k = 0; k < x.length / 2; k++) {
            double rr = ax[2 * k] - (re * x[2 * k] - im * x[2 * k + 1]);
            double ri = ax[2 * k + 1] - (re * x[2 * k + 1] + im * x[2 * k]);
            s += rr * rr + ri * ri;
        }
        return Math.sqrt(s);
    }

    static void normalise(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        s = Math.sqrt(s);
        for (int k = 0; k < x.length; k++) {
            x[k] /= s;
        }
    }

    /** |x^H y| for unit vectors. */
    static double overlap(double[] x, double[] y) {
        double re = 0, im = 0;
        for (int k = 0; k < x.length / 2; k++) {
            re += x[2 * k] * y[2 * k] + x[2 * k + 1] * y[2 * k + 1];
            im += x[2 * k] * y[2 * k + 1] - x[2 * k + 1] * y[2 * k];
        }
        return Math.hypot(re, im);
    }
}
