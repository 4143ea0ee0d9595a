package org.knudsen.particles;

import org.knudsen.simd.GramKernel;
import org.knudsen.simd.VectorizationProvider;

/**
 * The smoothing that keeps importance weights' variance bounded (docs/variance-reduction.md): after a cell's collisions,
 * the weights of one species there are replaced by the function w̃(c) = Σ_k a_k φ_k(c) of the reduced velocity
 * c = √m v that has the same weighted moments Σ_p w_p φ_k(c_p) (the least-squares projection on span φ in the
 * particles' empirical measure), except that Σ w̃ is set to the cell's shadow mass before the collisions, which
 * collisions conserve. The velocity basis is Grad's 13 moments φ = 1, c, |c|² − 3, c(|c|² − 5), the traceless c ⊗ c,
 * and the next Sonine terms of the diffusive and thermal parts, c S₂ and S₂ with S₂ ∝ L₂^(3/2) and L₂^(1/2) of |c|²/2
 * (c(|c|⁴ − 14|c|² + 35), |c|⁴ − 10|c|² + 15; all 17 orthogonal under the unit Maxwellian): shadow density,
 * momentum, energy, heat flux, stress and those two moments are kept. Whatever of μ/f lies outside the span leaks into
 * the shadow (it then carries that part of the particles' deviation, a bias of the reduced estimate that does not
 * fall with the particle count): with 8 functions (no stress) the light species' mode was 25 % off the exact linear
 * evolution within 20 steps at ε = 0.1; with 13 the largest bias at ε = 0.1 was 5–12 % of the amplitude (γ = 0), with
 * the S₂ terms 2–5 %; adding the degree-4 stress c ⊗ c (|c|² − 7) measured worse for the heavy species
 * (docs/variance-reduction.md "The velocity basis"). With fewer particles than basis functions, or a singular
 * Gram matrix, the nested prefixes of 17 (velocity alone), 13, 8, 5 (1, c, |c|² − 3) and 1 functions are used (see
 * PARTICLES_PER_FUNCTION). A group whose weights are all 1 and whose target is its count is left alone, so an
 * equilibrium run keeps w ≡ 1 exactly. Single-threaded; allocation-free once its scratch (at most
 * {@link #CACHED_ROWS} rows of basis values) has grown.
 */
final class WeightProjection {
    /** Grad's 13 velocity functions and the four S₂ terms; the position functions follow them (so the fallbacks stay prefixes). */
    static final int VELOCITY_BASIS = 17;
    /** Grad's 13: the first fallback. */
    private static final int GRAD = 13;
    /**
     * Position functions per axis with variation: ξ_a × (1, c_x, c_y, c_z, |c|² − 3), ξ_a ∈ [−½, ½) in the cell. (ξ_a
     * times all of Grad's 13 was measured no better: docs/variance-reduction.md.)
     */
    static final int PER_AXIS = 5;
    static final int MAX_BASIS = VELOCITY_BASIS + 3 * PER_AXIS;
    private final int basisSize;
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

    /**
     * The stride of the Gram arrays and of the block: MAX_BASIS + 1 (the weight rides as the last value, so the Gram
     * update's last column is the right-hand side Σ w φ) rounded up to 8, whole vectors for GramKernel.
     */
    private static final int BASIS = (MAX_BASIS + 1 + 7) / 8 * 8;
    private final double[] gram = new double[BASIS * BASIS];
    private final double[] factor = new double[BASIS * BASIS];
    private final double[] rhs = new double[BASIS];
    private final double[] coefficient = new double[BASIS];
    private final double[] phi = new double[BASIS];
    /**
     * The basis values of the group's first CACHED_ROWS particles, {@code size} apart, kept from the Gram pass for the
     * evaluation (computing them twice was a seventh of the smoothing by JFR); grown on demand, then reused. Particles
     * beyond those rows (a cell of more than 4096 of one species) have theirs computed again: the scratch stays ≤ 1 MiB.
     */
    private double[] groupValues = new double[0];
    static final int CACHED_ROWS = 4096;
    /** Particles per Gram update ({@link #addToGram}) and their basis values and then weight, BASIS apart. */
    private static final int GRAM_BLOCK = 16;
    private static final GramKernel GRAM = VectorizationProvider.get().gramKernel();
    private final double[] block = new double[GRAM_BLOCK * BASIS];

    /** Velocity functions only (a homogeneous cell). */
    WeightProjection() {
        this(new int[0]);
    }

    /**
     * With the position functions of the given axes (0, 1, 2 = x, y, z): within a cell μ/f varies with position as
     * the perturbation does, and a basis of velocity alone averages that variation away at every step — a numerical
     * diffusion of the shadow that the reduced estimate then misses (its bias fell with the cell size,
     * docs/variance-reduction.md "Bias against ε").
     */
    WeightProjection(int[] axes) {
        this.axes = axes.clone();
        this.basisSize = VELOCITY_BASIS + PER_AXIS * axes.length;
        this.sizes = basisSize > VELOCITY_BASIS ? new int[] {basisSize, VELOCITY_BASIS, GRAD, 8, 5, 1}
                : new int[] {VELOCITY_BASIS, GRAD, 8, 5, 1};
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
        int size = position == null ? VELOCITY_BASIS : basisSize;
        if (count == 0) {
            return;
        }
        java.util.Arrays.fill(gram, 0);
        int cached = Math.min(count, CACHED_ROWS);
        if (groupValues.length < cached * size) {
            groupValues = new double[Math.min(Math.max(cached, 2 * groupValues.length / size), CACHED_ROWS) * size];
        }
        boolean allOne = targetMass == count;
        int pending = 0; // particles whose basis values (and weight, at [size]) wait in block for the Gram update
        for (int q = offset; q < offset + count; q++) {
            int p = index == null ? q : index[q];
            values(p, size, vx, vy, vz, sqrtMass, position, frame);
            double wp = w[p];
            allOne &= wp == 1.0;
            phi[size] = wp;
            System.arraycopy(phi, 0, block, pending * BASIS, size + 1);
            if (q - offset < cached) {
                System.arraycopy(phi, 0, groupValues, (q - offset) * size, size);
            }
            if (++pending == GRAM_BLOCK) {
                addToGram(size + 1, pending);
                pending = 0;
            }
        }
        addToGram(size + 1, pending);
        if (allOne) {
            return;
        }
        for (int r = 0; r < size; r++) { // column size of the Gram update: Σ_p φ_r w_p
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
        for (int q = offset; q < offset + cached; q++) {
            w[index == null ? q : index[q]] = evaluate(m, groupValues, (q - offset) * size);
        }
        for (int q = offset + cached; q < offset + count; q++) {
            int p = index == null ? q : index[q];
            values(p, m, vx, vy, vz, sqrtMass, position, frame);
            w[p] = evaluate(m, phi, 0);
        }
    }

    /**
     * Σ_r coefficient_r φ_r over the first m functions of the basis values v[row ..], in four partial sums: one chain
     * of m dependent adds per particle was the largest line of the smoothing (JFR); four chains overlap.
     */
    private double evaluate(int m, double[] v, int row) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            s0 += coefficient[r] * v[row + r];
            s1 += coefficient[r + 1] * v[row + r + 1];
            s2 += coefficient[r + 2] * v[row + r + 2];
            s3 += coefficient[r + 3] * v[row + r + 3];
        }
        for (; r < m; r++) {
            s0 += coefficient[r] * v[row + r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Adds Σ φφᵀ of the {@code pending} particles in {@code block} (values = the basis and then the weight) to the Gram
     * matrix's upper triangle, each entry taking their products in particle order (the bits of a per-particle update,
     * which was 95 % of the weighted collide kernel by JFR; {@link GramKernel}).
     */
    private void addToGram(int values, int pending) {
        GRAM.addOuterProducts(block, pending, values, BASIS, gram);
    }

    /** phi[0 .. functions): the basis at particle p, with the position functions when functions > VELOCITY_BASIS. */
    private void values(int p, int functions, double[] vx, double[] vy, double[] vz, double sqrtMass,
                        float[][] position, double[] frame) {
        basis(vx[p] * sqrtMass, vy[p] * sqrtMass, vz[p] * sqrtMass, phi);
        if (functions > VELOCITY_BASIS) {
            positionBasis(position, frame, p);
        }
    }

    /** phi[17 ..]: ξ_a × phi[0 .. PER_AXIS) = ξ_a (1, c, |c|² − 3) for each of the axes (phi[0..17) the velocity basis). */
    private void positionBasis(float[][] position, double[] frame, int p) {
        for (int k = 0; k < axes.length; k++) {
            int a = axes[k];
            double x = (position[a][p] - frame[a]) * frame[3 + a];
            int o = VELOCITY_BASIS + PER_AXIS * k;
            for (int j = 0; j < PER_AXIS; j++) {
                phi[o + j] = x * phi[j];
            }
        }
    }

    /**
     * φ(c) = 1, c, |c|² − 3, c(|c|² − 5), c_x c_y, c_x c_z, c_y c_z, 2c_x² − c_y² − c_z², c_y² − c_z², c(|c|⁴ − 14|c|² + 35),
     * |c|⁴ − 10|c|² + 15 (Hermite–Sonine type, orthogonal under the unit Maxwellian).
     */
    static void basis(double cx, double cy, double cz, double[] out) {
        double c2 = cx * cx + cy * cy + cz * cz;
        out[0] = 1;
        out[1] = cx;
        out[2] = cy;
        out[3] = cz;
        out[4] = c2 - 3;
        double h = c2 - 5;
        out[5] = cx * h;
        out[6] = cy * h;
        out[7] = cz * h;
        out[8] = cx * cy;
        out[9] = cx * cz;
        out[10] = cy * cz;
        out[11] = 2 * cx * cx - cy * cy - cz * cz;
        out[12] = cy * cy - cz * cz;
        double diffusiveSonine2 = (c2 - 14) * c2 + 35; // 8 L₂^(3/2)(|c|²/2)
        out[13] = cx * diffusiveSonine2;
        out[14] = cy * diffusiveSonine2;
        out[15] = cz * diffusiveSonine2;
        out[16] = (c2 - 10) * c2 + 15; // thermal: 8 L₂^(1/2)(|c|²/2)
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
