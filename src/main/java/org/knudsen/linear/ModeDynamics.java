package org.knudsen.linear;

import java.util.ArrayList;
import java.util.List;
import org.knudsen.linear.SlowModeTracker.Eigenpair;
import org.knudsen.physics.Mixture;

/**
 * The linear dynamics of one Fourier mode, ∂_t ĥ = A ĥ with A = −(i/ε) k·v + L/ε² (PHYSICS.md §12), in the real form
 * of {@link ModeOperator}: its slow spectrum ({@link #spectrum()}) and the exact evolution e^{tA} ĥ(0)
 * ({@link #evolve}).
 * <p>
 * Spectrum: the N + 2 slow eigenvalues (N − 1 concentration modes, the thermal mode, the sound pair) start at ε₀ ≪ ε
 * from the Chapman–Enskog reduction and are continued in ε at the working degree ({@link SlowModeTracker}: geometric
 * steps, shifted solves, Rayleigh-quotient refinement). {@link #atConvergedDegree} then climbs the degree ladder
 * K → K + 2 by the same refinement until the rates settle.
 * <p>
 * Evolution: the slow eigenvectors evolved analytically, the rest by a scaled Taylor series that is dropped once it has
 * decayed below rounding ({@link ModePropagator}); the fast initial layer costs a few hundred steps whatever ε is.
 */
public final class ModeDynamics {
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

    /** e^{tÃ} v at the times: slow eigenvectors analytically, the remainder by the Taylor series ({@link ModePropagator}). */
    double[][] evolveReal(double[] v, double[] times) {
        // a zero v stays zero: answered without computing the spectrum
        List<Eigenpair> split = useSlowProjection && ModePropagator.norm(v) != 0 ? slowEigenpairs() : List.of();
        return new ModePropagator(a, split).evolve(v, times);
    }

    /** Whether the evolution splits off the slow eigenvectors (off: the Taylor series alone, for tests). */
    boolean useSlowProjection = true;

    /**
     * The slow spectrum (computed once): continued in ε at this degree, then each eigenpair refined at degree K − 2
     * for {@link ModeSpectrum.Mode#degreeChange()}.
     */
    public synchronized ModeSpectrum spectrum() {
        if (spectrum == null) {
            if (slow == null) {
                SlowModeTracker tracker = new SlowModeTracker(op, wavenumber, epsilon);
                slow = tracker.fromLimit();
                degreeChange = new double[slow.size()];
                java.util.Arrays.fill(degreeChange, Double.NaN);
                if (op.degree() >= 5) {
                    List<Eigenpair> lower = tracker.refineAll(op.truncated(op.degree() - 2), slow, op.basis());
                    for (int m = 0; m < slow.size(); m++) {
                        degreeChange[m] = SlowModeTracker.change(slow.get(m), lower.get(m));
                    }
                }
            }
            List<ModeSpectrum.Mode> modes = new ArrayList<>();
            double edge = essentialSpectrumEdge();
            for (int m = 0; m < slow.size(); m++) {
                Eigenpair e = slow.get(m);
                modes.add(new ModeSpectrum.Mode(e.kind(), e.index(), -e.re(), e.im(), e.limitRate(), -e.re() < edge,
                        e.converged(), e.residual(), degreeChange[m]));
                if (e.kind() == ModeKind.SOUND) {
                    modes.add(new ModeSpectrum.Mode(e.kind(), e.index() + 1, -e.re(), -e.im(), e.limitRate(),
                            -e.re() < edge, e.converged(), e.residual(), degreeChange[m]));
                }
            }
            spectrum = new ModeSpectrum(wavenumber, epsilon, op.degree(), edge, modes);
        }
        return spectrum;
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
            List<Eigenpair> refined = new SlowModeTracker(next.op, wavenumber, epsilon).fromDegree(md.slow, k);
            next.slow = refined;
            next.degreeChange = new double[refined.size()];
            for (int m = 0; m < refined.size(); m++) {
                next.degreeChange[m] = SlowModeTracker.change(refined.get(m), md.slow.get(m));
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
}
