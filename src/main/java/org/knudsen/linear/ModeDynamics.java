package org.knudsen.linear;

import java.util.ArrayList;
import java.util.List;
import org.knudsen.physics.Mixture;

/**
 * The linear dynamics of one Fourier mode, ∂_t ĥ = A ĥ with A = −(i/ε) k·v + L/ε² (PHYSICS.md §12), in the real form
 * of {@link ModeOperator}: its slow spectrum ({@link #spectrum()}) and the exact evolution e^{tA} ĥ(0)
 * ({@link #evolve}).
 * <p>
 * Spectrum: the N + 2 slow eigenvalues (N − 1 concentration modes, the thermal mode, the sound pair) start at ε₀ ≪ ε
 * from the Chapman–Enskog reduction {@link SlowSubspace} and are continued in ε at the working degree (geometric steps,
 * ν = ελ extrapolated, Rayleigh-quotient inverse iteration with the block solver {@link ShiftedSolver} and the bilinear
 * left vector P x; a step is shrunk when the eigenvector jumps, and a complex shift is tried where two real branches
 * meet). {@link #atConvergedDegree} then climbs the degree ladder K → K + 2 by the same refinement until the rates
 * settle.
 * <p>
 * Evolution: Taylor series of e^{τÃ} with scaling (steps with τ‖Ã − μ‖₁ ≤ 4, μ the mean diagonal; terms summed to
 * rounding), on the part of ĥ outside the slow eigenvectors, which are evolved analytically; the slow content of the
 * remainder is projected out after each step, and the remainder is dropped once its norm is below 1e-13 ‖ĥ(0)‖ —
 * e^{tÃ} is a contraction, so it stays below. The fast initial layer costs a few hundred steps whatever ε is.
 */
public final class ModeDynamics {
    private static final double REMAINDER_TOLERANCE = 1e-13;
    private static final double TAYLOR_THETA = 4;

    private final LinearizedBoltzmann op;
    private final ModeOperator a;
    private final double wavenumber;
    private final double epsilon;
    private List<Eigenpair> slow;
    private double[] degreeChange;
    private ModeSpectrum spectrum;

    private ModeDynamics(LinearizedBoltzmann op, double wavenumber, double epsilon) {
        this.op = op;
        this.wavenumber = wavenumber;
        this.epsilon = epsilon;
        this.a = new ModeOperator(op, wavenumber, epsilon);
    }

    /** The mode of wavenumber |k| (k = 2πn/L, > 0) at ε > 0 for the assembled operator (degree K ≥ 3). */
    public static ModeDynamics of(LinearizedBoltzmann op, double wavenumber, double epsilon) {
        if (!(wavenumber > 0)) {
            throw new IllegalArgumentException("mode wavenumber must be > 0, got " + wavenumber);
        }
        if (op.degree() < 3) {
            throw new IllegalArgumentException("mode dynamics needs Burnett degree >= 3 (heat flux), got " + op.degree());
        }
        return new ModeDynamics(op, wavenumber, epsilon);
    }

    public double wavenumber() {
        return wavenumber;
    }

    public double epsilon() {
        return epsilon;
    }

    public int degree() {
        return op.degree();
    }

    public LinearizedBoltzmann operator() {
        return op;
    }

    /** min_{i,v} ν_i(v)/ε²: rates at or above it are not isolated eigenvalues. */
    public double essentialSpectrumEdge() {
        return op.essentialSpectrumEdge() / (epsilon * epsilon);
    }

    /** y = Ã x in the real form (tests, external integrators). */
    public void apply(double[] x, double[] y) {
        a.apply(x, y);
    }

    ModeOperator realForm() {
        return a;
    }

    /**
     * The exact evolution of a degree-≤1 initial perturbation (e.g. the particles' initial M^ε) at the given times
     * (≥ 0, non-decreasing), see {@link LinearEvolution} for the conventions.
     */
    public LinearEvolution evolve(MaxwellianMode initial, double[] times) {
        Mixture mixture = op.mixture();
        if (initial.species() != mixture.size()) {
            throw new IllegalArgumentException("initial data has " + initial.species() + " species, mixture "
                    + mixture.size());
        }
        double prev = 0;
        for (double t : times) {
            if (!(t >= prev)) {
                throw new IllegalArgumentException("evolution times must be >= 0 and non-decreasing: " + t);
            }
            prev = t;
        }
        BurnettBasis basis = op.basis();
        int n = basis.size();
        double[] c0 = initial.coefficients(basis, mixture, epsilon);
        // real form: d = i^{−l} c, split into real and imaginary parts, each evolved by the real Ã
        double[] dRe = new double[n], dIm = new double[n];
        for (int l = 0; l <= basis.degree(); l++) {
            for (int k = basis.blockOffset(l); k < basis.blockOffset(l + 1); k++) {
                double[] d = timesPowerOfI(c0[2 * k], c0[2 * k + 1], -l);
                dRe[k] = d[0];
                dIm[k] = d[1];
            }
        }
        double[][] re = evolveReal(dRe, times), im = evolveReal(dIm, times);
        double[][] coefficients = new double[times.length][2 * n];
        for (int t = 0; t < times.length; t++) {
            for (int l = 0; l <= basis.degree(); l++) {
                for (int k = basis.blockOffset(l); k < basis.blockOffset(l + 1); k++) {
                    double[] c = timesPowerOfI(re[t][k], im[t][k], l);
                    coefficients[t][2 * k] = c[0];
                    coefficients[t][2 * k + 1] = c[1];
                }
            }
        }
        double[] conc = mixture.concentrations(), mass = new double[mixture.size()];
        for (int i = 0; i < mass.length; i++) {
            mass[i] = mixture.mass(i);
        }
        return LinearEvolution.of(times, epsilon, basis, conc, mass, coefficients);
    }

    /** (re + i im) · i^p. */
    private static double[] timesPowerOfI(double re, double im, int p) {
        return switch (Math.floorMod(p, 4)) {
            case 0 -> new double[] {re, im};
            case 1 -> new double[] {-im, re};
            case 2 -> new double[] {-re, -im};
            default -> new double[] {im, -re};
        };
    }

    /** e^{tÃ} v at the times: slow eigenvectors analytically, the remainder by the Taylor series (class comment). */
    double[][] evolveReal(double[] v, double[] times) {
        int n = v.length;
        double[][] out = new double[times.length][];
        double norm0 = norm(v);
        if (norm0 == 0) {
            for (int t = 0; t < times.length; t++) {
                out[t] = new double[n];
            }
            return out;
        }
        List<double[]> xs = new ArrayList<>();            // right eigenvectors (interleaved)
        List<double[]> lam = new ArrayList<>();           // {re, im}
        if (useSlowProjection) {
            for (Eigenpair e : slowEigenpairs()) {
                if (!e.converged || !(e.residual < 1e-11)) {
                    continue;
                }
                xs.add(e.vector);
                lam.add(new double[] {e.re, e.im});
                if (e.im != 0) {
                    double[] c = e.vector.clone();
                    for (int k = 0; k < n; k++) {
                        c[2 * k + 1] = -c[2 * k + 1];
                    }
                    xs.add(c);
                    lam.add(new double[] {e.re, -e.im});
                }
            }
        }
        int m = xs.size();
        double[][] ys = new double[m][];                  // left vectors P x / (xᵀ P x)
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

    /** Whether the evolution splits off the slow eigenvectors (off: the Taylor series alone, for tests). */
    boolean useSlowProjection = true;

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

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** A tracked eigenpair: λ = re + i im, right eigenvector (interleaved complex, unit norm). */
    record Eigenpair(ModeKind kind, int index, double re, double im, double[] vector, boolean converged,
                     double residual, double limitRate) {
    }

    /**
     * The slow spectrum (computed once): continued in ε at this degree, then each eigenpair refined at degree K − 2
     * for {@link ModeSpectrum.Mode#degreeChange()}.
     */
    public synchronized ModeSpectrum spectrum() {
        if (spectrum == null) {
            if (slow == null) {
                slow = flagDuplicates(trackSlowModes(null));
                degreeChange = new double[slow.size()];
                java.util.Arrays.fill(degreeChange, Double.NaN);
                if (op.degree() >= 5) {
                    List<Eigenpair> lower = refineAll(op.truncated(op.degree() - 2), slow, op.basis());
                    for (int m = 0; m < slow.size(); m++) {
                        degreeChange[m] = change(slow.get(m), lower.get(m));
                    }
                }
            }
            List<ModeSpectrum.Mode> modes = new ArrayList<>();
            double edge = essentialSpectrumEdge();
            for (int m = 0; m < slow.size(); m++) {
                Eigenpair e = slow.get(m);
                modes.add(new ModeSpectrum.Mode(e.kind, e.index, -e.re, e.im, e.limitRate, -e.re < edge, e.converged,
                        e.residual, degreeChange[m]));
                if (e.kind == ModeKind.SOUND) {
                    modes.add(new ModeSpectrum.Mode(e.kind, e.index + 1, -e.re, -e.im, e.limitRate, -e.re < edge,
                            e.converged, e.residual, degreeChange[m]));
                }
            }
            spectrum = new ModeSpectrum(wavenumber, epsilon, op.degree(), edge, modes);
        }
        return spectrum;
    }

    private static double change(Eigenpair a, Eigenpair b) {
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

    /**
     * The mode at the lowest degree K ≥ startDegree (of the form startDegree + 2j, at most the degree of the given
     * operator) at which every isolated slow eigenvalue changes by less than tolerance (relative) from K − 2 to K:
     * continued in ε at startDegree, then refined up the ladder K → K + 2. If the top degree is reached first, that
     * one is returned and its spectrum shows the convergence reached.
     */
    public static ModeDynamics atConvergedDegree(LinearizedBoltzmann top, double wavenumber, double epsilon,
                                                 double tolerance, int startDegree) {
        int k = Math.min(Math.max(startDegree, 5), top.degree());
        ModeDynamics md = of(top.truncated(k), wavenumber, epsilon);
        md.spectrum();
        while (k + 2 <= top.degree() && !(md.spectrum.worstIsolatedDegreeChange() < tolerance)) {
            ModeDynamics next = of(top.truncated(k + 2), wavenumber, epsilon);
            List<Eigenpair> refined = flagDuplicates(next.trackSlowModes(md.slow, k));
            next.slow = refined;
            next.degreeChange = new double[refined.size()];
            for (int m = 0; m < refined.size(); m++) {
                next.degreeChange[m] = change(refined.get(m), md.slow.get(m));
            }
            next.spectrum();
            md = next;
            k += 2;
        }
        return md;
    }

    List<Eigenpair> slowEigenpairs() {
        spectrum();
        return slow;
    }

    /**
     * The slow modes at this degree, from the ε → 0 limit at the continuation degree, or (start ≠ null) by refining
     * given eigenpairs of a neighbouring degree (the degree ladder).
     */
    private List<Eigenpair> trackSlowModes(List<Eigenpair> start) {
        return trackSlowModes(start, 0);
    }

    private List<Eigenpair> trackSlowModes(List<Eigenpair> start, int startDegree) {
        Mixture mixture = op.mixture();
        int n = mixture.size();
        List<Eigenpair> seeds = start;
        if (seeds == null) {
            // continued at the working degree itself: a low-degree continuation laddered up can land on another branch
            seeds = continued(op, epsilon);
        } else {
            seeds = refineAll(op, seeds, new BurnettBasis(n, startDegree));
        }
        List<Eigenpair> out = seeds;
        // ε → 0 limits at this degree, for reference
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
    private List<Eigenpair> refineAll(LinearizedBoltzmann target, List<Eigenpair> seeds, BurnettBasis from) {
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
