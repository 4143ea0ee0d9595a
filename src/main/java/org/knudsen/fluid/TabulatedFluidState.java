package org.knudsen.fluid;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knudsen.physics.Grid;

/**
 * A {@link FluidState} interpolated from {@link TabulatedFields} (an external solver's output) onto a target
 * {@link Grid}: the reference M^ε of a cross-check (docs/check.md).
 *
 * <p><b>Space.</b> The source grid is uniform and periodic, so interpolation is separable along the axes, with one of
 * <ul>
 * <li>{@link SpaceInterpolation#FOURIER} (default): the trigonometric interpolant (periodic Dirichlet kernel, the
 * Nyquist mode of an even grid taken as a cosine). Spectral order: exact for trigonometric polynomials of degree
 * &lt; n/2 per axis, error decaying geometrically for analytic fields; may overshoot at unresolved fronts.</li>
 * <li>{@link SpaceInterpolation#LINEAR}: periodic (tri)linear, order 2 (error ≤ h²/8 max|∂²c|), monotone, keeps
 * c ≥ 0.</li>
 * </ul>
 * If the source grid equals the target grid (same counts and cell centres) both are the identity.
 *
 * <p><b>Time.</b> {@link TimeInterpolation#CUBIC} (default): 4-point Lagrange on the 4 source times nearest the
 * query interval (centred {t_{k−1},t_k,t_{k+1},t_{k+2}} inside, one-sided at the ends), order 4 (error O(Δt⁴),
 * non-uniform times allowed); with fewer than 4 times the polynomial through all of them.
 * {@link TimeInterpolation#LINEAR}: order 2. Queries outside [first time, last time] are refused.
 *
 * <p><b>Velocities.</b> Interpolated like the concentrations when the source has them; otherwise u_i = 0, so that
 * the comparison rests on the concentrations only and the Hermite moments of degree ≥ 1 of M^ε are those of a
 * non-drifting Maxwellian.
 *
 * <p>Spatially interpolated source slices are cached (a few at a time), so sweeping t forward costs one spatial
 * interpolation per source time. Not thread-safe.
 */
public final class TabulatedFluidState implements FluidState {

    /** Interpolation in space from the source grid to the target grid. */
    public enum SpaceInterpolation {
        /** Trigonometric (periodic Fourier) interpolation: spectral order. */
        FOURIER,
        /** Periodic trilinear interpolation: order 2. */
        LINEAR
    }

    /** Interpolation in time between source output times. */
    public enum TimeInterpolation {
        /** 4-point Lagrange: order 4. */
        CUBIC(4),
        /** Piecewise linear: order 2. */
        LINEAR(2);

        private final int order;

        TimeInterpolation(int order) {
            this.order = order;
        }

        /** The order p of the error O(Δt^p). */
        public int order() {
            return order;
        }
    }

    private static final int CACHE_SLICES = 8;

    private final TabulatedFields source;
    private final Grid target;
    private final double[] cInf;
    private final TimeInterpolation timeInterpolation;
    private final SpaceInterpolation spaceInterpolation;
    // per axis: for target index j, source indices idx[d][j][*] with weights w[d][j][*]
    private final int[][][] idx = new int[3][][];
    private final double[][][] wt = new double[3][][];
    private final Map<Integer, double[][]> sliceCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, double[][]> eldest) {
            return size() > CACHE_SLICES;
        }
    };
    private final double[] timeWeights = new double[4];
    private final int[] timeStencil = new int[4];

    /**
     * @param source                  the tabulated fields
     * @param target                  the grid on which to evaluate (the particle cells)
     * @param referenceConcentrations c_{i,∞} (e.g. the scenario's); null for the spatial means of the first slice
     */
    public TabulatedFluidState(TabulatedFields source, Grid target, double[] referenceConcentrations,
                               SpaceInterpolation space, TimeInterpolation time) {
        this.source = source;
        this.target = target;
        this.spaceInterpolation = space;
        this.timeInterpolation = time;
        Grid s = source.grid();
        for (int d = 0; d < 3; d++) {
            if (Math.abs(s.length(d) - target.length(d)) > 1e-9 * target.length(d)) {
                throw new IllegalArgumentException("tabulated fields cover a box of length " + s.length(d)
                        + " along axis " + "xyz".charAt(d) + ", the target grid " + target.length(d)
                        + "; they must be equal");
            }
            buildAxisWeights(d);
        }
        if (referenceConcentrations == null) {
            this.cInf = source.spatialMeans(0);
        } else {
            if (referenceConcentrations.length != source.species()) {
                throw new IllegalArgumentException("referenceConcentrations has " + referenceConcentrations.length
                        + " entries for " + source.species() + " species");
            }
            this.cInf = referenceConcentrations.clone();
        }
    }

    /** Fourier in space, cubic (order 4) in time, c_{i,∞} = spatial means at the first time. */
    public static TabulatedFluidState of(TabulatedFields source, Grid target) {
        return new TabulatedFluidState(source, target, null, SpaceInterpolation.FOURIER, TimeInterpolation.CUBIC);
    }

    public TabulatedFields source() {
        return source;
    }

    public SpaceInterpolation spaceInterpolation() {
        return spaceInterpolation;
    }

    public TimeInterpolation timeInterpolation() {
        return timeInterpolation;
    }

    /** Whether velocities come from the source (false: u_i = 0). */
    public boolean hasVelocities() {
        return source.hasVelocities();
    }

    @Override
    public Grid grid() {
        return target;
    }

    @Override
    public int species() {
        return source.species();
    }

    @Override
    public double[] referenceConcentrations() {
        return cInf.clone();
    }

    @Override
    public double startTime() {
        return source.times()[0];
    }

    @Override
    public double endTime() {
        return source.times()[source.times().length - 1];
    }

    @Override
    public void concentrationsAt(double t, double[][] out) {
        int used = timeStencil(t);
        int n = species();
        int points = target.points();
        for (int i = 0; i < n; i++) {
            Arrays.fill(out[i], 0, points, 0.0);
        }
        for (int s = 0; s < used; s++) {
            double[][] slice = slice(timeStencil[s]);
            double w = timeWeights[s];
            for (int i = 0; i < n; i++) {
                double[] src = slice[i];
                double[] dst = out[i];
                for (int p = 0; p < points; p++) {
                    dst[p] += w * src[p];
                }
            }
        }
    }

    @Override
    public void velocitiesAt(double t, double[][][] out) {
        int n = species();
        int points = target.points();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                Arrays.fill(out[i][d], 0, points, 0.0);
            }
        }
        if (!source.hasVelocities()) {
            checkTime(t);
            return;
        }
        int used = timeStencil(t);
        for (int s = 0; s < used; s++) {
            double[][] slice = slice(timeStencil[s]);
            double w = timeWeights[s];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) {
                    double[] src = slice[n + 3 * i + d];
                    double[] dst = out[i][d];
                    for (int p = 0; p < points; p++) {
                        dst[p] += w * src[p];
                    }
                }
            }
        }
    }

    private void checkTime(double t) {
        double t0 = startTime();
        double t1 = endTime();
        double slack = 1e-12 * Math.max(1.0, Math.max(Math.abs(t0), Math.abs(t1)));
        if (!(t >= t0 - slack && t <= t1 + slack)) {
            throw new IllegalArgumentException("time " + t + " lies outside the tabulated interval [" + t0 + ", " + t1
                    + "]");
        }
    }

    /** Fills timeStencil/timeWeights for t; returns the number of source times used. */
    private int timeStencil(double t) {
        checkTime(t);
        double[] times = source.times();
        int m = times.length;
        if (m == 1) {
            timeStencil[0] = 0;
            timeWeights[0] = 1;
            return 1;
        }
        // interval k with times[k] <= t <= times[k+1]
        int k = Arrays.binarySearch(times, t);
        if (k < 0) {
            k = -k - 2;
        }
        k = Math.max(0, Math.min(m - 2, k));
        if (timeInterpolation == TimeInterpolation.LINEAR) {
            double f = (t - times[k]) / (times[k + 1] - times[k]);
            f = Math.max(0.0, Math.min(1.0, f));
            timeStencil[0] = k;
            timeStencil[1] = k + 1;
            timeWeights[0] = 1 - f;
            timeWeights[1] = f;
            return 2;
        }
        int used = Math.min(4, m);
        int start = Math.max(0, Math.min(m - used, k - 1));
        for (int a = 0; a < used; a++) {
            timeStencil[a] = start + a;
        }
        for (int a = 0; a < used; a++) {
            double ta = times[start + a];
            double w = 1;
            for (int b = 0; b < used; b++) {
                if (b != a) {
                    double tb = times[start + b];
                    w *= (t - tb) / (ta - tb);
                }
            }
            timeWeights[a] = w;
        }
        return used;
    }

    /** Source slice k interpolated to the target grid: rows 0..N−1 concentrations, then N + 3i + d velocities. */
    private double[][] slice(int k) {
        double[][] cached = sliceCache.get(k);
        if (cached != null) {
            return cached;
        }
        int n = species();
        boolean vel = source.hasVelocities();
        double[][] slice = new double[vel ? 4 * n : n][];
        for (int i = 0; i < n; i++) {
            slice[i] = interpolate(source.concentrations()[k][i]);
            if (vel) {
                for (int d = 0; d < 3; d++) {
                    slice[n + 3 * i + d] = interpolate(source.velocities()[k][i][d]);
                }
            }
        }
        sliceCache.put(k, slice);
        return slice;
    }

    /** Separable interpolation of one source field to the target grid: along x, then y, then z. */
    double[] interpolate(double[] field) {
        Grid s = source.grid();
        int[] n = {s.nx(), s.ny(), s.nz()};
        double[] cur = field;
        for (int d = 0; d < 3; d++) {
            int nt = target.cells(d);
            int[] shape = n.clone();
            shape[d] = nt;
            double[] next = new double[shape[0] * shape[1] * shape[2]];
            // strides of axis d in the current and next arrays (x fastest)
            int strideCur = d == 0 ? 1 : d == 1 ? n[0] : n[0] * n[1];
            int strideNext = d == 0 ? 1 : d == 1 ? shape[0] : shape[0] * shape[1];
            int inner = strideCur; // product of the extents before axis d (identical in cur and next)
            int outer = d == 0 ? n[1] * n[2] : d == 1 ? n[2] : 1;
            for (int o = 0; o < outer; o++) {
                int baseCur = o * inner * n[d];
                int baseNext = o * inner * nt;
                for (int a = 0; a < inner; a++) {
                    for (int j = 0; j < nt; j++) {
                        int[] ix = idx[d][j];
                        double[] w = wt[d][j];
                        double sum = 0;
                        for (int q = 0; q < ix.length; q++) {
                            sum += w[q] * cur[baseCur + a + ix[q] * strideCur];
                        }
                        next[baseNext + a + j * strideNext] = sum;
                    }
                }
            }
            cur = next;
            n = shape;
        }
        return cur;
    }

    private void buildAxisWeights(int d) {
        Grid s = source.grid();
        int ns = s.cells(d);
        int nt = target.cells(d);
        double length = target.length(d);
        idx[d] = new int[nt][];
        wt[d] = new double[nt][];
        for (int j = 0; j < nt; j++) {
            double xi = target.coordinate(d, j);
            if (ns == 1) {
                idx[d][j] = new int[] {0};
                wt[d][j] = new double[] {1.0};
                continue;
            }
            // identity when the target point coincides with a source point (avoids rounding in the kernel)
            double u = xi / s.spacing(d) - source.offset();
            long nearest = Math.round(u);
            if (Math.abs(u - nearest) < 1e-12 * ns) {
                idx[d][j] = new int[] {(int) Math.floorMod(nearest, (long) ns)};
                wt[d][j] = new double[] {1.0};
                continue;
            }
            if (spaceInterpolation == SpaceInterpolation.LINEAR) {
                double fl = Math.floor(u);
                double f = u - fl;
                int k0 = (int) Math.floorMod((long) fl, (long) ns);
                idx[d][j] = new int[] {k0, (k0 + 1) % ns};
                wt[d][j] = new double[] {1 - f, f};
            } else {
                int[] ix = new int[ns];
                double[] w = new double[ns];
                for (int k = 0; k < ns; k++) {
                    ix[k] = k;
                    w[k] = dirichletKernel(ns, (xi - source.coordinate(d, k)) / length);
                }
                idx[d][j] = ix;
                wt[d][j] = w;
            }
        }
    }

    /**
     * Weight of a source point at fractional distance s (in units of the box length) in the trigonometric
     * interpolant on n uniform points: (1/n)[1 + 2 Σ_{m=1}^{M} cos 2πms (+ cos nπs for even n)], M = ⌈n/2⌉ − 1.
     */
    static double dirichletKernel(int n, double s) {
        int m = (n - 1) / 2;
        double sum = 1;
        for (int q = 1; q <= m; q++) {
            sum += 2 * Math.cos(2 * Math.PI * q * s);
        }
        if (n % 2 == 0) {
            sum += Math.cos(Math.PI * n * s);
        }
        return sum / n;
    }
}
