package org.knudsen.particles;

import org.knudsen.simd.GramKernel;
import org.knudsen.simd.VectorizationProvider;

/**
 * The smoothing that keeps importance weights' variance bounded (docs/variance-reduction.md): after a cell's collisions,
 * the weights of one species there are replaced by the function w̃(c) = Σ_k a_k φ_k(c) of the reduced velocity
 * c = √m v that has the same weighted moments Σ_p w_p φ_k(c_p) (the least-squares projection on span φ in the
 * particles' empirical measure), except that Σ w̃ is set to the cell's shadow mass before the collisions, which
 * collisions conserve. The velocity basis is Grad's 13 moments φ = 1, c, |c|² − 3, c(|c|² − 5), the traceless c ⊗ c,
 * the next Sonine terms of the diffusive and thermal parts, c S₂ and S₂ with S₂ ∝ L₂^(3/2) and L₂^(1/2) of |c|²/2
 * (c(|c|⁴ − 14|c|² + 35), |c|⁴ − 10|c|² + 15): 17 functions; or those, the degree-4 stress c ⊗ c (|c|² − 7) and the
 * seven harmonic cubics: 29 (all orthogonal under the unit Maxwellian, {@link GramKernel#velocityBasis}; a run's
 * {@code [particles] smoothing_basis} chooses). Whatever of μ/f lies outside
 * the span is handed to the shadow at every smoothing, so the mean of the reduced estimate follows the Galerkin
 * projection of the kinetic evolution on the span, a moment closure, whose error is the estimator's bias (it does not
 * fall with the particle count or the time step; docs/variance-reduction.md "What the reduced estimate follows").
 * Computed for the default mixture, that closure error at ε = 0.1 is 1–6 % of the amplitude with the 17 functions
 * up to S₂, worse with either the degree-4 stress or the cubics added alone, and 0.05–2 % with both: the two are
 * coupled by the streaming. With fewer particles than basis functions, or a singular Gram matrix, the nested prefixes
 * of 29, 17 (velocity alone), 13, 8, 5 (1, c, |c|² − 3) and 1 functions are used (see
 * PARTICLES_PER_FUNCTION). A group whose weights are all 1 and whose target is its count is left alone, so an
 * equilibrium run keeps w ≡ 1 exactly. The Gram matrix and the smoothed weights are {@link GramKernel}'s (fused
 * multiply-adds in an order fixed by its contract: the same bits from the vector kernel and its scalar twin).
 * Single-threaded; allocation-free once its scratch (at most {@link #CACHED_ROWS} rows of basis values) has grown.
 */
final class WeightProjection {
    /** The velocity functions ({@link GramKernel#velocityBasis}); the position functions follow them (so the fallbacks stay prefixes). */
    static final int VELOCITY_BASIS = GramKernel.VELOCITY_FUNCTIONS;
    /** Grad's 13 and the four S₂ terms (without the degree-4 stress and the cubics): the first fallback. */
    static final int SONINE = GramKernel.SONINE_FUNCTIONS;
    /** Grad's 13: the next fallback. */
    private static final int GRAD = 13;
    /**
     * Position functions per axis with variation: ξ_a × (1, c_x, c_y, c_z, |c|² − 3), ξ_a ∈ [−½, ½) in the cell. (ξ_a
     * times all of Grad's 13 was measured no better: docs/variance-reduction.md.)
     */
    static final int PER_AXIS = 5;
    static final int MAX_BASIS = VELOCITY_BASIS + 3 * PER_AXIS;
    private final int basisSize;
    /** The velocity functions in use: {@link #VELOCITY_BASIS}, or the 17 of {@link #SONINE}. */
    private final int velocityFunctions;
    private final int[] sizes;
    /** The axes along which the grid has more than one cell (the position functions' axes). */
    private final int[] axes;
    private static final double PIVOT_TOLERANCE = 1e-10;
    /**
     * Particles per basis function below which a smaller basis is used: an over-fitted polynomial takes large values
     * at outlying velocities, the product rule w_k w_l then feeds on them and the weights blew up (18 particles of a
     * species in a cell with 8 functions).
     */
    static final int PARTICLES_PER_FUNCTION = 5;

    /** The stride of the Gram matrix and its factor: MAX_BASIS + 1 (the weight rides as the last value) rounded up to 8. */
    private static final int BASIS = (MAX_BASIS + 1 + 7) / 8 * 8;
    /** Columns of the Gram kernel's partial sums: the basis and the weight, rounded up to whole tiles. */
    private static final int PARTIAL_COLUMNS = GramKernel.tileColumns(MAX_BASIS + 1);
    private final double[] gram = new double[BASIS * BASIS];
    private final double[] factor = new double[BASIS * BASIS];
    private final double[] rhs = new double[BASIS];
    private final double[] coefficient = new double[BASIS];
    private final double[] partials = new double[PARTIAL_COLUMNS * PARTIAL_COLUMNS * GramKernel.PARTIALS];
    /**
     * The group's basis values and weights by function (value f of the group's q-th particle at f·capacity + q), the
     * layout of {@link GramKernel}: kept from the Gram pass for the smoothed weights, grown on demand up to
     * CACHED_ROWS rows (with the rest of the scratch at most {@link #MAX_SCRATCH_BYTES}), then reused; a larger group
     * goes through in chunks of CACHED_ROWS particles and has its basis values computed again for the weights.
     */
    private double[] columns = new double[0];
    private int capacity;
    private final int columnCount;
    /** A multiple of {@link GramKernel#PARTIALS}, so that a row keeps its partial from chunk to chunk. */
    static final int CACHED_ROWS = 2048;
    /** The smoothed weights of an indexed group before they are scattered to its particles. */
    private double[] smoothed = new double[0];
    /** The most this smoothing allocates: columns and weights of CACHED_ROWS rows, the partials, the Gram arrays. */
    static final long MAX_SCRATCH_BYTES = 8L * ((PARTIAL_COLUMNS + 1L) * CACHED_ROWS
            + (long) PARTIAL_COLUMNS * PARTIAL_COLUMNS * GramKernel.PARTIALS + 2L * BASIS * BASIS + 2L * BASIS);
    private static final GramKernel GRAM = VectorizationProvider.get().gramKernel();

    /** Velocity functions only (a homogeneous cell), all of them. */
    WeightProjection() {
        this(new int[0], VELOCITY_BASIS);
    }

    /**
     * With the position functions of the given axes (0, 1, 2 = x, y, z): within a cell μ/f varies with position as
     * the perturbation does, and a basis of velocity alone averages that variation away at every step — a numerical
     * diffusion of the shadow that the reduced estimate then misses (its bias fell with the cell size,
     * docs/variance-reduction.md "Bias against ε"); {@code velocityFunctions} = 29 (all) or 17 ({@link #SONINE}).
     */
    WeightProjection(int[] axes, int velocityFunctions) {
        this.axes = axes.clone();
        this.velocityFunctions = GramKernel.requireVelocityFunctions(velocityFunctions);
        this.basisSize = velocityFunctions + PER_AXIS * axes.length;
        this.columnCount = GramKernel.tileColumns(basisSize + 1);
        int[] fallbacks = velocityFunctions == VELOCITY_BASIS ? new int[] {VELOCITY_BASIS, SONINE, GRAD, 8, 5, 1}
                : new int[] {SONINE, GRAD, 8, 5, 1};
        if (basisSize > velocityFunctions) {
            int[] all = new int[fallbacks.length + 1];
            all[0] = basisSize;
            System.arraycopy(fallbacks, 0, all, 1, fallbacks.length);
            fallbacks = all;
        }
        this.sizes = fallbacks;
    }

    /** The axes of the position functions. */
    int[] axes() {
        return axes.clone();
    }

    /** The velocity functions in use (17 or 29). */
    int velocityFunctions() {
        return velocityFunctions;
    }

    /**
     * Projects the weights of one species group (positions [offset, offset + count) of {@code index}, or particle
     * numbers directly when index is null) so that their sum is {@code targetMass}.
     */
    void project(double[] w, double[] vx, double[] vy, double[] vz, double sqrtMass, int[] index, int offset,
                 int count, double targetMass) {
        project(w, vx, vy, vz, sqrtMass, null, null, index, offset, count, targetMass);
    }

    /**
     * As above, with the positions (x, y, z columns) and the cell's frame {centre_x, centre_y, centre_z, 1/h_x, 1/h_y,
     * 1/h_z} for the position functions; null for a projection on velocity alone.
     */
    void project(double[] w, double[] vx, double[] vy, double[] vz, double sqrtMass, float[][] position,
                 double[] frame, int[] index, int offset, int count, double targetMass) {
        int size = position == null ? velocityFunctions : basisSize;
        if (count == 0) {
            return;
        }
        int chunk = roundUp(Math.min(count, CACHED_ROWS));
        if (capacity < chunk) {
            capacity = Math.min(Math.max(chunk, roundUp(2 * capacity)), CACHED_ROWS);
            columns = new double[columnCount * capacity];
        }
        if (targetMass == count && allOne(w, index, offset, count)) {
            return;
        }
        for (int begin = 0; begin < count; begin += capacity) {
            int rows = Math.min(capacity, count - begin);
            fill(w, vx, vy, vz, sqrtMass, position, frame, index, offset + begin, rows, size, true);
            GRAM.accumulate(columns, capacity, roundUp(rows), size + 1, partials, PARTIAL_COLUMNS, begin == 0);
        }
        GramKernel.reduce(partials, PARTIAL_COLUMNS, size + 1, gram, BASIS);
        for (int r = 0; r < size; r++) { // column size of the Gram matrix: Σ_p φ_r w_p
            rhs[r] = gram[r * BASIS + size];
        }
        rhs[0] = targetMass;
        int m = 1;
        for (int candidate : sizes) {
            if (candidate <= size && count >= PARTICLES_PER_FUNCTION * candidate && solve(candidate)) {
                m = candidate;
                break;
            }
        }
        if (m == 1) { // the constant: w̃ = target / count (solve(1) cannot fail for count >= 1)
            coefficient[0] = targetMass / count;
        }
        if (count <= capacity) {
            smooth(w, index, offset, count, m);
            return;
        }
        for (int begin = 0; begin < count; begin += capacity) {
            int rows = Math.min(capacity, count - begin);
            fill(w, vx, vy, vz, sqrtMass, position, frame, index, offset + begin, rows, m, false);
            smooth(w, index, offset + begin, rows, m);
        }
    }

    private static boolean allOne(double[] w, int[] index, int offset, int count) {
        for (int q = offset; q < offset + count; q++) {
            if (w[index == null ? q : index[q]] != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of scratch this smoothing holds now (≤ {@link #MAX_SCRATCH_BYTES}). */
    long scratchBytes() {
        return 8L * (columns.length + smoothed.length + partials.length + gram.length + factor.length + rhs.length
                + coefficient.length);
    }

    private static int roundUp(int rows) {
        return (rows + GramKernel.PARTIALS - 1) / GramKernel.PARTIALS * GramKernel.PARTIALS;
    }

    /**
     * columns ← the first {@code functions} basis values (and with {@code weight} then the weight) of the particles
     * at positions [first, first + rows), zeros in the rows up to a whole number of Gram partials.
     */
    private void fill(double[] w, double[] vx, double[] vy, double[] vz, double sqrtMass, float[][] position,
                      double[] frame, int[] index, int first, int rows, int functions, boolean weight) {
        if (index == null) { // the sorted store: contiguous velocities, the kernel's vectors
            GRAM.velocityColumns(vx, vy, vz, first, rows, sqrtMass, velocityFunctions, columns, capacity);
        } else {
            for (int q = 0; q < rows; q++) {
                int p = index[first + q];
                GramKernel.velocityBasis(vx[p] * sqrtMass, vy[p] * sqrtMass, vz[p] * sqrtMass, velocityFunctions,
                        columns, q, capacity);
            }
        }
        if (functions > velocityFunctions) {
            positionBasis(position, frame, index, first, rows);
        }
        if (weight) {
            int o = functions * capacity;
            for (int q = 0; q < rows; q++) {
                columns[o + q] = w[index == null ? first + q : index[first + q]];
            }
        }
        int used = weight ? functions + 1 : functions;
        for (int f = 0; f < used; f++) {
            java.util.Arrays.fill(columns, f * capacity + rows, f * capacity + roundUp(rows), 0.0);
        }
    }

    /** The smoothed weights Σ_r coefficient_r φ_r of the first m functions for the rows in columns. */
    private void smooth(double[] w, int[] index, int first, int rows, int m) {
        if (index == null) {
            GRAM.combine(columns, capacity, rows, coefficient, m, w, first);
            return;
        }
        if (smoothed.length < rows) {
            smoothed = new double[capacity];
        }
        GRAM.combine(columns, capacity, rows, coefficient, m, smoothed, 0);
        for (int q = 0; q < rows; q++) {
            w[index[first + q]] = smoothed[q];
        }
    }

    /**
     * The position functions of the rows: column v + 5k + j = ξ_a × column j (v the velocity functions in use), j &lt; 5,
     * i.e. ξ_a (1, c, |c|² − 3) for the k-th of the axes (ξ_a ∈ [−½, ½) the position in the cell along axis a; the
     * velocity basis already in columns).
     */
    private void positionBasis(float[][] position, double[] frame, int[] index, int first, int rows) {
        for (int k = 0; k < axes.length; k++) {
            int a = axes[k];
            float[] xa = position[a];
            double centre = frame[a], inverseWidth = frame[3 + a];
            int xi = (velocityFunctions + PER_AXIS * k) * capacity; // the column ξ_a (× φ_0 = 1)
            if (index == null) {
                for (int q = 0; q < rows; q++) {
                    columns[xi + q] = (xa[first + q] - centre) * inverseWidth;
                }
            } else {
                for (int q = 0; q < rows; q++) {
                    columns[xi + q] = (xa[index[first + q]] - centre) * inverseWidth;
                }
            }
            for (int j = 1; j < PER_AXIS; j++) {
                int to = xi + j * capacity, from = j * capacity;
                for (int q = 0; q < rows; q++) {
                    columns[to + q] = columns[xi + q] * columns[from + q];
                }
            }
        }
    }

    /** Cholesky solve of the leading m×m Gram system into coefficient[0..m); false if a pivot is not clearly positive. */
    private boolean solve(int m) {
        for (int r = 0; r < m; r++) {
            for (int s = r; s < m; s++) {
                double sum = gram[r * BASIS + s];
                for (int k = 0; k < r; k++) {
                    sum -= factor[k * BASIS + r] * factor[k * BASIS + s];
                }
                if (s == r) {
                    if (!(sum > PIVOT_TOLERANCE * gram[r * BASIS + r])) {
                        return false;
                    }
                    factor[r * BASIS + r] = Math.sqrt(sum);
                } else {
                    factor[r * BASIS + s] = sum / factor[r * BASIS + r];
                }
            }
        }
        // Uᵀ y = b, then U a = y (U upper triangular, stored in factor)
        for (int r = 0; r < m; r++) {
            double sum = rhs[r];
            for (int k = 0; k < r; k++) {
                sum -= factor[k * BASIS + r] * coefficient[k];
            }
            coefficient[r] = sum / factor[r * BASIS + r];
        }
        for (int r = m - 1; r >= 0; r--) {
            double sum = coefficient[r];
            for (int k = r + 1; k < m; k++) {
                sum -= factor[r * BASIS + k] * coefficient[k];
            }
            coefficient[r] = sum / factor[r * BASIS + r];
        }
        return true;
    }
}
