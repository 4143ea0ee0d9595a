package org.knudsen.fluid;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.physics.Grid;

/**
 * The nonlinear Maxwell–Stefan system on the periodic box (PHYSICS.md §5.1), pseudo-spectral in space and
 * Dormand–Prince 5(4) in time.
 *
 * <p><b>State and variables.</b> The solver state is the <em>full</em> concentration field c_i(t,x) (not the
 * perturbation c̃_i), in the time t of the paper's scaled equation (1.6). Velocities are the full MS velocities
 * u_i = N_i / c_i = ū + ε ũ_i obtained from c at any time by the flux-form MS relation (closure Σ_i N_i = C0 ū,
 * ū constant): they are O(ε) away from ū when c = c_∞ + O(ε), and {@link LocalMaxwellian} uses the drift ε u_i.
 *
 * <p><b>Space.</b> Spectral first derivatives along each axis (JTransforms), gradient of c, per-point dense solve
 * for the fluxes, spectral divergence. No dealiasing: the flux is a smooth rational function of c and ∇c, for
 * which the 2/3 rule does not remove aliasing anyway; for resolved (analytic) data aliasing errors fall at the
 * spectral rate with the truncation error (the convergence test shows geometric decay).
 * Conservation: spectral derivatives have zero mean, so Σ_x c_i is conserved to rounding; Σ_i N_i = C0 ū at
 * every point (closure row of the solve), so Σ_i c_i = C0 holds pointwise to rounding, nothing is projected.
 *
 * <p><b>Time.</b> Adaptive DP5(4) (or fixed step) with 4th-order dense output. The solver integrates on demand:
 * a query at time t advances the integration until t lies in the last accepted step and interpolates; a query
 * before that step restarts from the initial data (deterministic, so it reproduces the same steps). A step whose
 * result has some c_i ≤ 0 is refused and retried with a quarter of the step; if that fails down to the minimum
 * step a {@link PositivityException} names species, point and value. Not thread-safe.
 */
public final class MaxwellStefanSolver implements FluidState {
    private final Grid grid;
    private final int n;
    private final int points;
    private final double[] cInf;
    private final double totalConcentration;
    private final double[][] delta;
    private final double[] meanVelocity;
    private final double[] initial;
    private final MaxwellStefanOperator operator;
    private final DormandPrince54 integrator;
    private final double startTime;
    private String[] names;
    private double[] masses;
    // scratch
    private final double[] cBuf;
    private final double[] fluxBuf;
    private final double[] rhsFlux;
    private final double[] dcdtBuf;
    private final double[] dFluxBuf;
    private double cachedTime = Double.NaN;
    private SourceProjection sourceProjection;

    /**
     * @param delta                 Δ_ij (N×N, symmetric, > 0 off the diagonal; the diagonal is ignored)
     * @param cInf                  c_{i,∞}, C0 = Σ c_{i,∞}
     * @param grid                  the periodic grid
     * @param meanVelocity          ū (3 components; null for 0)
     * @param initialConcentrations c_i(0, x_p), [species][point], positive, with Σ_i c_i = C0 at every point
     * @param options               time integration
     */
    public MaxwellStefanSolver(double[][] delta, double[] cInf, Grid grid, double[] meanVelocity,
                               double[][] initialConcentrations, IntegratorOptions options) {
        this.n = cInf.length;
        validateDelta(delta, n);
        this.grid = grid;
        this.points = grid.points();
        this.cInf = cInf.clone();
        double c0 = 0;
        for (int i = 0; i < n; i++) {
            if (!(cInf[i] > 0) || !Double.isFinite(cInf[i])) {
                throw new IllegalArgumentException("c_inf[" + i + "] = " + cInf[i] + " must be finite and > 0");
            }
            c0 += cInf[i];
        }
        this.totalConcentration = c0;
        this.delta = new double[n][];
        for (int i = 0; i < n; i++) {
            this.delta[i] = delta[i].clone();
        }
        this.meanVelocity = meanVelocity == null ? new double[3] : java.util.Arrays.copyOf(meanVelocity, 3);
        if (meanVelocity != null && meanVelocity.length != 3) {
            throw new IllegalArgumentException("mean velocity must have 3 components, got " + meanVelocity.length);
        }
        if (initialConcentrations.length != n) {
            throw new IllegalArgumentException("initial concentrations for " + initialConcentrations.length
                    + " species, need " + n);
        }
        initial = new double[n * points];
        for (int i = 0; i < n; i++) {
            if (initialConcentrations[i].length != points) {
                throw new IllegalArgumentException("initial concentration of species " + i + " has "
                        + initialConcentrations[i].length + " values, grid has " + points + " points");
            }
            System.arraycopy(initialConcentrations[i], 0, initial, i * points, points);
        }
        for (int p = 0; p < points; p++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double v = initial[i * points + p];
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("initial concentration c_" + i + " = " + v + " at grid point "
                            + p + " must be finite and > 0");
                }
                s += v;
            }
            if (Math.abs(s - c0) > 1e-12 * c0) {
                throw new IllegalArgumentException("initial concentrations sum to " + s + " at grid point " + p
                        + "; Maxwell-Stefan with sum_i N_i = C0 u_bar needs sum_i c_i = C0 = " + c0
                        + " everywhere (to 1e-12)");
            }
        }
        this.operator = new MaxwellStefanOperator(this.delta, this.meanVelocity, grid);
        this.cBuf = new double[n * points];
        this.fluxBuf = new double[n * 3 * points];
        this.rhsFlux = new double[n * 3 * points];
        this.dcdtBuf = new double[n * points];
        this.dFluxBuf = new double[n * 3 * points];
        this.integrator = new DormandPrince54(n * points, (t, y, dydt) -> operator.rhs(y, rhsFlux, dydt),
                y -> {
                    for (int k = 0; k < y.length; k++) {
                        if (!(y[k] > 0)) {
                            return k;
                        }
                    }
                    return -1;
                }, options.rtol(), options.atol());
        integrator.setFixedStep(options.fixedStep());
        if (Double.isFinite(options.maxStep())) {
            integrator.setMaxStep(options.maxStep());
        }
        this.startTime = 0;
        this.names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "species " + i;
        }
        restart();
    }

    /** Solver for a mixture (Δ_ij from {@link TransportCoefficients#deltaMatrix}) and Fourier-mode initial data. */
    public static MaxwellStefanSolver forMixture(Mixture mixture, Grid grid, double[] meanVelocity, double epsilon,
                                                 List<FourierMode> modes, IntegratorOptions options) {
        return forMixture(mixture, TransportCoefficients.deltaMatrix(mixture), grid, meanVelocity, epsilon, modes,
                options);
    }

    /** Solver for a mixture with given Δ_ij (e.g. of a {@link DiffusionClosure}) and Fourier-mode initial data. */
    public static MaxwellStefanSolver forMixture(Mixture mixture, double[][] delta, Grid grid, double[] meanVelocity,
                                                 double epsilon, List<FourierMode> modes, IntegratorOptions options) {
        CompatibleInitialData data = CompatibleInitialData.build(mixture.concentrations(), epsilon, modes, grid);
        MaxwellStefanSolver s = new MaxwellStefanSolver(delta, mixture.concentrations(), grid, meanVelocity,
                data.concentrations(), options);
        String[] nm = new String[mixture.size()];
        double[] m = new double[mixture.size()];
        for (int i = 0; i < nm.length; i++) {
            nm[i] = mixture.name(i);
            m[i] = mixture.mass(i);
        }
        return s.withSpeciesNames(nm).withMasses(m);
    }

    static void validateDelta(double[][] delta, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Maxwell-Stefan needs at least 2 species, got " + n);
        }
        if (delta == null || delta.length != n) {
            throw new IllegalArgumentException("Delta matrix must be " + n + "x" + n);
        }
        for (int i = 0; i < n; i++) {
            if (delta[i].length != n) {
                throw new IllegalArgumentException("Delta matrix row " + i + " has " + delta[i].length
                        + " entries, need " + n);
            }
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double d = delta[i][j];
                    if (!(d > 0) || !Double.isFinite(d)) {
                        throw new IllegalArgumentException("Delta[" + i + "][" + j + "] = " + d
                                + " must be finite and > 0");
                    }
                    if (Math.abs(d - delta[j][i]) > 1e-12 * d) {
                        throw new IllegalArgumentException("Delta[" + i + "][" + j + "] = " + d + " != Delta[" + j
                                + "][" + i + "] = " + delta[j][i] + ": the matrix must be symmetric");
                    }
                }
            }
        }
    }

    /** Names used in error messages (mixture order). */
    public MaxwellStefanSolver withSpeciesNames(String... speciesNames) {
        if (speciesNames.length != n) {
            throw new IllegalArgumentException(speciesNames.length + " species names for " + n + " species");
        }
        this.names = speciesNames.clone();
        return this;
    }

    /** Molecular masses m_i, needed only by {@link #sourceProjectionAt}. */
    public MaxwellStefanSolver withMasses(double... m) {
        if (m.length != n) {
            throw new IllegalArgumentException(m.length + " masses for " + n + " species");
        }
        this.masses = m.clone();
        return this;
    }

    private void restart() {
        integrator.reset(startTime, initial);
        cachedTime = Double.NaN;
    }

    /** Integrates (on demand) until t lies within the last accepted step. */
    public void advanceTo(double t) {
        if (!(t >= startTime) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("fluid time t = " + t + " must be finite and >= " + startTime);
        }
        if (t < integrator.previousTime()) {
            restart();
        }
        try {
            while (integrator.time() < t) {
                integrator.step();
            }
        } catch (DormandPrince54.InadmissibleStepException e) {
            int species = e.index / points;
            int point = e.index % points;
            throw new PositivityException(names[species], species, point, grid, e.value, e.time, e.step);
        }
    }

    /** Performs exactly one accepted time step from the current integration time and returns the new time. */
    public double step() {
        try {
            integrator.step();
        } catch (DormandPrince54.InadmissibleStepException e) {
            int species = e.index / points;
            throw new PositivityException(names[species], species, e.index % points, grid, e.value, e.time, e.step);
        }
        cachedTime = Double.NaN;
        return integrator.time();
    }

    /** Version of the layout written by {@link #writeState}. */
    private static final int STATE_VERSION = 1;

    /**
     * Writes the exact integration state (for checkpoints): a solver built from the same scenario and restored
     * with {@link #readState} continues with bit-identical steps and dense output.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(n);
        out.writeInt(points);
        integrator.writeState(out);
    }

    /** Restores a state written by {@link #writeState} (same species count and grid). */
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("Maxwell-Stefan state version " + version + ", this build reads " + STATE_VERSION);
        }
        int species = in.readInt();
        int gridPoints = in.readInt();
        if (species != n || gridPoints != points) {
            throw new IOException("Maxwell-Stefan state for " + species + " species on " + gridPoints
                    + " points, this solver has " + n + " species on " + points + " points");
        }
        integrator.readState(in);
        cachedTime = Double.NaN;
    }

    /** c at time t into the flat scratch buffer. */
    private double[] flatConcentrations(double t) {
        if (t != cachedTime) {
            advanceTo(t);
            integrator.interpolate(t, cBuf);
            operator.fluxes(cBuf, fluxBuf);
            cachedTime = t;
        }
        return cBuf;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public int species() {
        return n;
    }

    @Override
    public double[] referenceConcentrations() {
        return cInf.clone();
    }

    public double[] meanVelocity() {
        return meanVelocity.clone();
    }

    /** C0 = Σ_i c_{i,∞}. */
    public double totalConcentration() {
        return totalConcentration;
    }

    public double[][] delta() {
        return CompatibleInitialData.deepCopy(delta);
    }

    @Override
    public double startTime() {
        return startTime;
    }

    @Override
    public double endTime() {
        return Double.POSITIVE_INFINITY;
    }

    /** The time reached by the integration so far. */
    public double time() {
        return integrator.time();
    }

    public long acceptedSteps() {
        return integrator.acceptedSteps();
    }

    public long rejectedSteps() {
        return integrator.rejectedSteps();
    }

    /** Right-hand-side evaluations so far (each: 2·dim·⌈N/2⌉ line-FFT passes and one small solve per point). */
    public long evaluations() {
        return integrator.evaluations();
    }

    @Override
    public void concentrationsAt(double t, double[][] out) {
        double[] c = flatConcentrations(t);
        for (int i = 0; i < n; i++) {
            System.arraycopy(c, i * points, out[i], 0, points);
        }
    }

    @Override
    public void velocitiesAt(double t, double[][][] out) {
        double[] c = flatConcentrations(t);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                double[] o = out[i][d];
                int base = (i * 3 + d) * points;
                for (int p = 0; p < points; p++) {
                    o[p] = fluxBuf[base + p] / c[i * points + p];
                }
            }
        }
    }

    /** out[i][d][p] = N_{i,d} = c_i u_{i,d}, the species fluxes (Σ_i N_i = C0 ū). */
    public void fluxesAt(double t, double[][][] out) {
        flatConcentrations(t);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                System.arraycopy(fluxBuf, (i * 3 + d) * points, out[i][d], 0, points);
            }
        }
    }

    /** out[i][d][p] = ∂_t N_{i,d} from the time derivative of the MS relation (exact for the semi-discrete system). */
    public void fluxTimeDerivativesAt(double t, double[][][] out) {
        computeFluxTimeDerivative(t);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                System.arraycopy(dFluxBuf, (i * 3 + d) * points, out[i][d], 0, points);
            }
        }
    }

    private void computeFluxTimeDerivative(double t) {
        double[] c = flatConcentrations(t);
        operator.negativeDivergence(fluxBuf, dcdtBuf);
        operator.fluxTimeDerivative(c, fluxBuf, dcdtBuf, dFluxBuf);
    }

    /**
     * The fluid part π_L(S^ε) of the source term (PHYSICS.md §8.2) in the orthonormal basis φ^(k) of ker L,
     * k = 0..N+3, at every point: out[k][p]. Mass coordinates (k < N) are 0; momentum k = N+ℓ is
     * −P_ℓ/√ρ_∞ with P = Σ_i m_i (∂_t N_i + ∇·(N_i ⊗ u_i)); energy k = N+3 is −ε E/√(6 C_∞) with
     * E = Σ_i m_i (∂_t(c_i|u_i|²) + ∇·(c_i|u_i|² u_i)). Needs {@link #withMasses}. Computed by
     * {@link SourceProjection} from this solver's fields at t.
     */
    public void sourceProjectionAt(double t, double epsilon, double[][] out) {
        if (masses == null) {
            throw new IllegalStateException("sourceProjectionAt needs the species masses (withMasses)");
        }
        computeFluxTimeDerivative(t);
        if (sourceProjection == null) {   // its scratch allocated on first use only
            sourceProjection = new SourceProjection(grid, cInf, operator.spectral());
        }
        sourceProjection.project(masses, epsilon, cBuf, fluxBuf, dcdtBuf, dFluxBuf, out);
    }
}
