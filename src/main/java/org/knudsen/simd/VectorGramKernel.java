package org.knudsen.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API kernels of the smoothing ({@link GramKernel}): the Gram partials in tiles of 4 × 4 entries, 16
 * accumulators in registers while the tile's 8 columns stream by (a vector holds L of an entry's 8 partials, so a width
 * below 8 lanes makes 8/L passes, each over the rows of its lanes); the smoothed weights L rows at a time, four vectors
 * interleaved (each row's chain of fused multiply-adds is serial). A template, defined once per width as a hidden
 * class whose class data is the species ({@link VectorKernels#gram}; why: {@link VectorStreamKernel}).
 */
final class VectorGramKernel implements GramKernel {
    private static final VectorSpecies<Double> LANES = VectorKernels.classData(MethodHandles.lookup());
    private static final GramKernel TWIN = new ScalarGramKernel();

    VectorGramKernel() {
        // run once against the scalar twin, so a width that computes otherwise falls back (VectorizationProvider)
        // 45 weights: the four-vector loop, then the one-vector loop and the tail at every width up to 512 bits
        int size = 7, rows = 6 * PARTIALS, stride = rows, count = rows - 3;
        double[] columns = new double[2 * TILE * stride];
        for (int f = 0; f < size; f++) {
            for (int q = 0; q < count; q++) {
                columns[f * stride + q] = 0.1 * (f * stride + q) - 0.7;
            }
        }
        int ps = 2 * TILE;
        double[] a = new double[ps * ps * PARTIALS], b = new double[ps * ps * PARTIALS];
        TWIN.accumulate(columns, stride, rows, size, a, ps, true);
        accumulate(columns, stride, rows, size, b, ps, true);
        TWIN.accumulate(columns, stride, rows, size, a, ps, false); // a second chunk continues the partials
        accumulate(columns, stride, rows, size, b, ps, false);
        double[] coefficient = {0.3, -1.1, 2.5, 0.7, -0.2, 1.9, 0.05};
        double[] wa = new double[count], wb = new double[count];
        TWIN.combine(columns, stride, count, coefficient, size, wa, 0);
        combine(columns, stride, count, coefficient, size, wb, 0);
        for (int r = 0; r < size; r++) {
            for (int s = r; s < size; s++) {
                for (int j = 0; j < PARTIALS; j++) {
                    int p = (r * ps + s) * PARTIALS + j;
                    if (Double.doubleToRawLongBits(a[p]) != Double.doubleToRawLongBits(b[p])) {
                        throw new IllegalStateException("vector Gram kernel at " + LANES.vectorBitSize()
                                + " bits differs from its scalar twin");
                    }
                }
            }
        }
        double[] ux = new double[count], uy = new double[count], uz = new double[count];
        double[] ca = new double[VELOCITY_FUNCTIONS * stride], cb = ca.clone();
        for (int q = 0; q < count; q++) {
            ux[q] = 0.37 * q - 6.1;
            uy[q] = 2.9 - 0.11 * q;
            uz[q] = 0.05 * q * q - 1.3;
        }
        TWIN.velocityColumns(ux, uy, uz, 0, count, 1.3, VELOCITY_FUNCTIONS, ca, stride);
        velocityColumns(ux, uy, uz, 0, count, 1.3, VELOCITY_FUNCTIONS, cb, stride);
        for (int i = 0; i < ca.length; i++) {
            if (Double.doubleToRawLongBits(ca[i]) != Double.doubleToRawLongBits(cb[i])) {
                throw new IllegalStateException("vector basis values at " + LANES.vectorBitSize()
                        + " bits differ from the scalar twin's");
            }
        }
        for (int q = 0; q < count; q++) {
            if (Double.doubleToRawLongBits(wa[q]) != Double.doubleToRawLongBits(wb[q])) {
                throw new IllegalStateException("vector smoothing at " + LANES.vectorBitSize()
                        + " bits differs from its scalar twin");
            }
        }
    }

    @Override
    public void accumulate(double[] columns, int columnStride, int rows, int size, double[] partials,
                           int partialStride, boolean start) {
        int lanes = LANES.length();
        if (PARTIALS % lanes != 0) { // a vector would mix partials: the twin's bits
            TWIN.accumulate(columns, columnStride, rows, size, partials, partialStride, start);
            return;
        }
        int e1 = PARTIALS, e2 = 2 * PARTIALS, e3 = 3 * PARTIALS; // the next entry of a tile row
        int f1 = partialStride * PARTIALS, f2 = 2 * f1, f3 = 3 * f1; // the next tile row
        DoubleVector zero = DoubleVector.zero(LANES);
        for (int r = 0; r < size; r += TILE) {
            int x0 = r * columnStride, x1 = x0 + columnStride, x2 = x1 + columnStride, x3 = x2 + columnStride;
            for (int s = r; s < size; s += TILE) {
                int y0 = s * columnStride, y1 = y0 + columnStride, y2 = y1 + columnStride, y3 = y2 + columnStride;
                for (int h = 0; h < PARTIALS; h += lanes) {
                    int p = (r * partialStride + s) * PARTIALS + h;
                    DoubleVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
                    if (start) {
                        a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = zero;
                        a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = zero;
                    } else {
                        a00 = load(partials, p); a01 = load(partials, p + e1);
                        a02 = load(partials, p + e2); a03 = load(partials, p + e3);
                        a10 = load(partials, p + f1); a11 = load(partials, p + f1 + e1);
                        a12 = load(partials, p + f1 + e2); a13 = load(partials, p + f1 + e3);
                        a20 = load(partials, p + f2); a21 = load(partials, p + f2 + e1);
                        a22 = load(partials, p + f2 + e2); a23 = load(partials, p + f2 + e3);
                        a30 = load(partials, p + f3); a31 = load(partials, p + f3 + e1);
                        a32 = load(partials, p + f3 + e2); a33 = load(partials, p + f3 + e3);
                    }
                    for (int q = h; q < rows; q += PARTIALS) {
                        DoubleVector u0 = load(columns, x0 + q), u1 = load(columns, x1 + q);
                        DoubleVector u2 = load(columns, x2 + q), u3 = load(columns, x3 + q);
                        DoubleVector v0 = load(columns, y0 + q), v1 = load(columns, y1 + q);
                        DoubleVector v2 = load(columns, y2 + q), v3 = load(columns, y3 + q);
                        a00 = u0.fma(v0, a00); a01 = u0.fma(v1, a01); a02 = u0.fma(v2, a02); a03 = u0.fma(v3, a03);
                        a10 = u1.fma(v0, a10); a11 = u1.fma(v1, a11); a12 = u1.fma(v2, a12); a13 = u1.fma(v3, a13);
                        a20 = u2.fma(v0, a20); a21 = u2.fma(v1, a21); a22 = u2.fma(v2, a22); a23 = u2.fma(v3, a23);
                        a30 = u3.fma(v0, a30); a31 = u3.fma(v1, a31); a32 = u3.fma(v2, a32); a33 = u3.fma(v3, a33);
                    }
                    a00.intoArray(partials, p); a01.intoArray(partials, p + e1);
                    a02.intoArray(partials, p + e2); a03.intoArray(partials, p + e3);
                    a10.intoArray(partials, p + f1); a11.intoArray(partials, p + f1 + e1);
                    a12.intoArray(partials, p + f1 + e2); a13.intoArray(partials, p + f1 + e3);
                    a20.intoArray(partials, p + f2); a21.intoArray(partials, p + f2 + e1);
                    a22.intoArray(partials, p + f2 + e2); a23.intoArray(partials, p + f2 + e3);
                    a30.intoArray(partials, p + f3); a31.intoArray(partials, p + f3 + e1);
                    a32.intoArray(partials, p + f3 + e2); a33.intoArray(partials, p + f3 + e3);
                }
            }
        }
    }

    private static DoubleVector load(double[] array, int at) {
        return DoubleVector.fromArray(LANES, array, at);
    }

    @Override
    public void combine(double[] columns, int columnStride, int count, double[] coefficient, int functions,
                        double[] out, int offset) {
        int lanes = LANES.length(), q = 0;
        DoubleVector zero = DoubleVector.zero(LANES);
        for (; q + 4 * lanes <= count; q += 4 * lanes) {
            DoubleVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
            for (int f = 0, c = q; f < functions; f++, c += columnStride) {
                DoubleVector a = DoubleVector.broadcast(LANES, coefficient[f]);
                s0 = load(columns, c).fma(a, s0);
                s1 = load(columns, c + lanes).fma(a, s1);
                s2 = load(columns, c + 2 * lanes).fma(a, s2);
                s3 = load(columns, c + 3 * lanes).fma(a, s3);
            }
            s0.intoArray(out, offset + q);
            s1.intoArray(out, offset + q + lanes);
            s2.intoArray(out, offset + q + 2 * lanes);
            s3.intoArray(out, offset + q + 3 * lanes);
        }
        for (; q + lanes <= count; q += lanes) {
            DoubleVector sum = zero;
            for (int f = 0, c = q; f < functions; f++, c += columnStride) {
                sum = load(columns, c).fma(DoubleVector.broadcast(LANES, coefficient[f]), sum);
            }
            sum.intoArray(out, offset + q);
        }
        // each row on its own: the twin's chain gives the same bits
        ScalarGramKernel.combineRows(columns, columnStride, q, count, coefficient, functions, out, offset);
    }

    @Override
    public void velocityColumns(double[] vx, double[] vy, double[] vz, int first, int count, double sqrtMass,
                                int functions, double[] columns, int columnStride) {
        boolean all = GramKernel.requireVelocityFunctions(functions) == VELOCITY_FUNCTIONS;
        int lanes = LANES.length(), q = 0;
        DoubleVector one = DoubleVector.broadcast(LANES, 1.0);
        for (; q + lanes <= count; q += lanes) { // velocityBasis's operations, in its order, on L particles
            DoubleVector cx = load(vx, first + q).mul(sqrtMass);
            DoubleVector cy = load(vy, first + q).mul(sqrtMass);
            DoubleVector cz = load(vz, first + q).mul(sqrtMass);
            DoubleVector c2 = cx.mul(cx).add(cy.mul(cy)).add(cz.mul(cz));
            one.intoArray(columns, q);
            cx.intoArray(columns, columnStride + q);
            cy.intoArray(columns, 2 * columnStride + q);
            cz.intoArray(columns, 3 * columnStride + q);
            c2.sub(3).intoArray(columns, 4 * columnStride + q);
            DoubleVector h = c2.sub(5);
            cx.mul(h).intoArray(columns, 5 * columnStride + q);
            cy.mul(h).intoArray(columns, 6 * columnStride + q);
            cz.mul(h).intoArray(columns, 7 * columnStride + q);
            DoubleVector xy = cx.mul(cy), xz = cx.mul(cz), yz = cy.mul(cz);
            xy.intoArray(columns, 8 * columnStride + q);
            xz.intoArray(columns, 9 * columnStride + q);
            yz.intoArray(columns, 10 * columnStride + q);
            DoubleVector xx = cx.mul(cx), yy = cy.mul(cy), zz = cz.mul(cz);
            DoubleVector normal1 = cx.mul(2).mul(cx).sub(yy).sub(zz), normal2 = yy.sub(zz);
            normal1.intoArray(columns, 11 * columnStride + q);
            normal2.intoArray(columns, 12 * columnStride + q);
            DoubleVector diffusiveSonine2 = c2.sub(14).mul(c2).add(35);
            cx.mul(diffusiveSonine2).intoArray(columns, 13 * columnStride + q);
            cy.mul(diffusiveSonine2).intoArray(columns, 14 * columnStride + q);
            cz.mul(diffusiveSonine2).intoArray(columns, 15 * columnStride + q);
            c2.sub(10).mul(c2).add(15).intoArray(columns, 16 * columnStride + q);
            if (!all) {
                continue;
            }
            DoubleVector stressSonine = c2.sub(7);
            xy.mul(stressSonine).intoArray(columns, 17 * columnStride + q);
            xz.mul(stressSonine).intoArray(columns, 18 * columnStride + q);
            yz.mul(stressSonine).intoArray(columns, 19 * columnStride + q);
            normal1.mul(stressSonine).intoArray(columns, 20 * columnStride + q);
            normal2.mul(stressSonine).intoArray(columns, 21 * columnStride + q);
            cx.mul(xx.sub(yy.mul(3))).intoArray(columns, 22 * columnStride + q);
            cy.mul(xx.mul(3).sub(yy)).intoArray(columns, 23 * columnStride + q);
            cz.mul(xx.sub(yy)).intoArray(columns, 24 * columnStride + q);
            xy.mul(cz).intoArray(columns, 25 * columnStride + q);
            DoubleVector transverse = zz.mul(4).sub(xx).sub(yy);
            cx.mul(transverse).intoArray(columns, 26 * columnStride + q);
            cy.mul(transverse).intoArray(columns, 27 * columnStride + q);
            cz.mul(zz.mul(2).sub(xx.mul(3)).sub(yy.mul(3))).intoArray(columns, 28 * columnStride + q);
        }
        for (; q < count; q++) {
            GramKernel.velocityBasis(vx[first + q] * sqrtMass, vy[first + q] * sqrtMass, vz[first + q] * sqrtMass,
                    functions, columns, q, columnStride);
        }
    }

    @Override
    public String name() {
        return "vector-" + LANES.vectorBitSize();
    }
}
