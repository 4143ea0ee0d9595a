package org.knudsen.simd;

/**
 * The kernels of the importance weights' least-squares smoothing (particles.WeightProjection,
 * docs/variance-reduction.md), over a species group's basis values stored by function ("columns": value f of row q at
 * {@code columns[f·columnStride + q]}): the Gram matrix G = Σ_q φ_q φ_qᵀ, which was 95 % of the weighted collide kernel
 * before it had a kernel of its own, and the smoothed weights w̃_q = Σ_f a_f φ_f(q).
 *
 * <p>Two implementations give the same bits at every width ({@link VectorizationProvider#get()} chooses), because the
 * order of every sum is fixed by this contract, not by the lanes: entry (r, s) of the Gram matrix is the sum of
 * {@link #PARTIALS} partial sums, partial j taking the rows q ≡ j (mod 8) in order by fused multiply-adds, and the
 * partials added by {@link #reduce} in a fixed tree; a smoothed weight is one chain of fused multiply-adds over f in
 * order. A vector of L ≤ 8 lanes then holds L of an entry's partials (or L rows' weights): no lane reductions in the
 * loop and no masks, and an entry costs one fused multiply-add per row (the row-major update it replaced took a
 * multiply and an add, and its broadcast operand reloaded per entry, 1.25 loads per product against 0.5 in tiles).
 */
public interface GramKernel {
    /** Partial sums per Gram entry: rows q ≡ j (mod PARTIALS) go to partial j. */
    int PARTIALS = 8;
    /** The vector kernel computes tiles of TILE × TILE entries: column counts and strides are rounded up to it. */
    int TILE = 4;

    /**
     * The partial sums of the Gram entries r ≤ s &lt; size over rows [0, rows): partial j of entry (r, s), at
     * {@code partials[(r·partialStride + s)·PARTIALS + j]}, is {@code fma(columns[r·cs + q], columns[s·cs + q], partial)}
     * for q = j, j + 8, … &lt; rows in order, starting from 0 ({@code start}) or from what it held (a group in several
     * chunks of rows, each a multiple of 8 long, so that row q keeps its partial). Only those entries are specified:
     * the vector kernel also writes the other entries of its tiles (below the diagonal, and columns up to
     * {@link #tileColumns}(size)), which therefore must exist in {@code columns} (their values only reach those
     * unspecified entries) and in {@code partials}, whose length must be at least
     * tileColumns(size)·partialStride·PARTIALS. A vector width that does not divide PARTIALS runs the scalar twin.
     *
     * @param rows          a multiple of {@link #PARTIALS}; rows beyond the group's count must hold zeros
     * @param partialStride ≥ tileColumns(size)
     */
    void accumulate(double[] columns, int columnStride, int rows, int size, double[] partials, int partialStride,
                    boolean start);

    /** The smoothing's velocity functions: Grad's 13, the second Sonine terms c S₂, S₂, the degree-4 stress, the cubics. */
    int VELOCITY_FUNCTIONS = 29;
    /** The first of them without the degree-4 stress and the cubics: Grad's 13 and the second Sonine terms. */
    int SONINE_FUNCTIONS = 17;

    /**
     * φ(c) = 1, c, |c|² − 3, c(|c|² − 5), c_x c_y, c_x c_z, c_y c_z, 2c_x² − c_y² − c_z², c_y² − c_z², c(|c|⁴ − 14|c|² + 35),
     * |c|⁴ − 10|c|² + 15, the five stress functions times (|c|² − 7), and the seven harmonic cubics c_x(c_x² − 3c_y²),
     * c_y(3c_x² − c_y²), c_z(c_x² − c_y²), c_x c_y c_z, c_x(4c_z² − c_x² − c_y²), c_y(4c_z² − c_x² − c_y²),
     * c_z(2c_z² − 3c_x² − 3c_y²) (Hermite–Sonine type, orthogonal under the unit Maxwellian; why these:
     * particles.WeightProjection), function f at out[at + f·stride] for f &lt; functions ({@link #SONINE_FUNCTIONS} or
     * {@link #VELOCITY_FUNCTIONS}). The definition, and the order of operations that {@link #velocityColumns} repeats
     * lane by lane (no fused multiply-adds).
     */
    static void velocityBasis(double cx, double cy, double cz, int functions, double[] out, int at, int stride) {
        double c2 = cx * cx + cy * cy + cz * cz;
        out[at] = 1;
        out[at + stride] = cx;
        out[at + 2 * stride] = cy;
        out[at + 3 * stride] = cz;
        out[at + 4 * stride] = c2 - 3;
        double h = c2 - 5;
        out[at + 5 * stride] = cx * h;
        out[at + 6 * stride] = cy * h;
        out[at + 7 * stride] = cz * h;
        double xy = cx * cy, xz = cx * cz, yz = cy * cz;
        out[at + 8 * stride] = xy;
        out[at + 9 * stride] = xz;
        out[at + 10 * stride] = yz;
        double xx = cx * cx, yy = cy * cy, zz = cz * cz;
        double normal1 = 2 * cx * cx - yy - zz, normal2 = yy - zz;
        out[at + 11 * stride] = normal1;
        out[at + 12 * stride] = normal2;
        double diffusiveSonine2 = (c2 - 14) * c2 + 35; // 8 L₂^(3/2)(|c|²/2)
        out[at + 13 * stride] = cx * diffusiveSonine2;
        out[at + 14 * stride] = cy * diffusiveSonine2;
        out[at + 15 * stride] = cz * diffusiveSonine2;
        out[at + 16 * stride] = (c2 - 10) * c2 + 15; // thermal: 8 L₂^(1/2)(|c|²/2)
        if (functions == SONINE_FUNCTIONS) {
            return;
        }
        double stressSonine = c2 - 7; // −2 L₁^(5/2)(|c|²/2): the stress's next radial term
        out[at + 17 * stride] = xy * stressSonine;
        out[at + 18 * stride] = xz * stressSonine;
        out[at + 19 * stride] = yz * stressSonine;
        out[at + 20 * stride] = normal1 * stressSonine;
        out[at + 21 * stride] = normal2 * stressSonine;
        // the harmonic cubics (l = 3: the traceless part of c ⊗ c ⊗ c)
        out[at + 22 * stride] = cx * (xx - 3 * yy);
        out[at + 23 * stride] = cy * (3 * xx - yy);
        out[at + 24 * stride] = cz * (xx - yy);
        out[at + 25 * stride] = xy * cz;
        double transverse = 4 * zz - xx - yy;
        out[at + 26 * stride] = cx * transverse;
        out[at + 27 * stride] = cy * transverse;
        out[at + 28 * stride] = cz * (2 * zz - 3 * xx - 3 * yy);
    }

    /**
     * columns[f·columnStride + q] = φ_f(c) of c = sqrtMass·(vx, vy, vz)[first + q] for f &lt; functions (17 or 29),
     * q &lt; count: the bits of {@link #velocityBasis}.
     */
    void velocityColumns(double[] vx, double[] vy, double[] vz, int first, int count, double sqrtMass, int functions,
                         double[] columns, int columnStride);

    /** The function count a velocity kernel takes: {@link #SONINE_FUNCTIONS} or {@link #VELOCITY_FUNCTIONS}. */
    static int requireVelocityFunctions(int functions) {
        if (functions != SONINE_FUNCTIONS && functions != VELOCITY_FUNCTIONS) {
            throw new IllegalArgumentException("velocity functions = " + functions + " must be " + SONINE_FUNCTIONS
                    + " or " + VELOCITY_FUNCTIONS);
        }
        return functions;
    }

    /** {@code columns} rounded up to whole tiles: the columns and partial stride the vector kernel reaches. */
    static int tileColumns(int columns) {
        return (columns + TILE - 1) / TILE * TILE;
    }

    /**
     * out[offset + q] = Σ_{f &lt; functions} coefficient[f] · columns[f·columnStride + q] for q in [0, count), as
     * {@code acc = fma(coefficient[f], value, acc)} from acc = 0, f in order (each row on its own).
     */
    void combine(double[] columns, int columnStride, int count, double[] coefficient, int functions, double[] out,
                 int offset);

    /**
     * gram[r·gramStride + s] = ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)) of entry (r, s)'s partials, for
     * r ≤ s &lt; size: the one order in which the partials meet, whoever computed them.
     */
    static void reduce(double[] partials, int partialStride, int size, double[] gram, int gramStride) {
        for (int r = 0; r < size; r++) {
            for (int s = r; s < size; s++) {
                int p = (r * partialStride + s) * PARTIALS;
                gram[r * gramStride + s] = ((partials[p] + partials[p + 1]) + (partials[p + 2] + partials[p + 3]))
                        + ((partials[p + 4] + partials[p + 5]) + (partials[p + 6] + partials[p + 7]));
            }
        }
    }

    /** Name for benchmarks and summaries ("scalar" or "vector-256" ...). */
    String name();
}
