package org.knudsen.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API Gram update: each row r in whole vectors from the lane-aligned column at or below r to size rounded
 * up to the lanes (so no masks: the stride pads the row), adding the block's products k by k (a multiply, then an
 * add: the scalar twin's bits for every entry s ≥ r, s < size), four rows at a time. A template, defined once per
 * width as a hidden class whose class data is the species ({@link VectorKernels#gram}; why: {@link VectorStreamKernel}).
 */
final class VectorGramKernel implements GramKernel {
    private static final VectorSpecies<Double> LANES = VectorKernels.classData(MethodHandles.lookup());
    private static final GramKernel TWIN = new ScalarGramKernel();

    VectorGramKernel() {
        // run once against the scalar twin, so a width that computes otherwise falls back (VectorizationProvider)
        int stride = Math.max(8, 2 * LANES.length()), size = stride - 1; // ≥ 7 rows: the four-row path runs too
        double[] values = new double[3 * stride], a = new double[stride * stride], b = new double[stride * stride];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1 * i - 0.7;
        }
        TWIN.addOuterProducts(values, 3, size, stride, a);
        addOuterProducts(values, 3, size, stride, b);
        for (int r = 0; r < size; r++) {
            for (int s = r; s < size; s++) {
                if (Double.doubleToRawLongBits(a[r * stride + s]) != Double.doubleToRawLongBits(b[r * stride + s])) {
                    throw new IllegalStateException("vector Gram kernel at " + LANES.vectorBitSize()
                            + " bits differs from its scalar twin");
                }
            }
        }
    }

    @Override
    public void addOuterProducts(double[] values, int count, int size, int stride, double[] gram) {
        int lanes = LANES.length();
        if (stride % lanes != 0) { // whole vectors would cross into the next row: the twin's bits, entry by entry
            TWIN.addOuterProducts(values, count, size, stride, gram);
            return;
        }
        int end = size + (lanes - size % lanes) % lanes; // whole vectors: the row's padding up to stride takes the rest
        int r = 0;
        // Four rows at a time: each entry's sum is a chain of dependent adds, one per particle, so one row at a time
        // waits on the add latency; four independent chains overlap (each entry still adds in particle order). The
        // four start at the first one's column, r - r % lanes (at or below each row's diagonal: the extra entries are
        // below it), and share each vector of a particle.
        for (; r + 4 <= size; r += 4) {
            int row = r * stride;
            for (int s = r - r % lanes; s < end; s += lanes) {
                DoubleVector s0 = DoubleVector.fromArray(LANES, gram, row + s);
                DoubleVector s1 = DoubleVector.fromArray(LANES, gram, row + stride + s);
                DoubleVector s2 = DoubleVector.fromArray(LANES, gram, row + 2 * stride + s);
                DoubleVector s3 = DoubleVector.fromArray(LANES, gram, row + 3 * stride + s);
                for (int k = 0, o = 0; k < count; k++, o += stride) {
                    DoubleVector v = DoubleVector.fromArray(LANES, values, o + s);
                    s0 = s0.add(v.mul(values[o + r]));
                    s1 = s1.add(v.mul(values[o + r + 1]));
                    s2 = s2.add(v.mul(values[o + r + 2]));
                    s3 = s3.add(v.mul(values[o + r + 3]));
                }
                s0.intoArray(gram, row + s);
                s1.intoArray(gram, row + stride + s);
                s2.intoArray(gram, row + 2 * stride + s);
                s3.intoArray(gram, row + 3 * stride + s);
            }
        }
        for (; r < size; r++) {
            int row = r * stride;
            for (int s = r - r % lanes; s < end; s += lanes) {
                DoubleVector sum = DoubleVector.fromArray(LANES, gram, row + s);
                for (int k = 0, o = 0; k < count; k++, o += stride) {
                    sum = sum.add(DoubleVector.fromArray(LANES, values, o + s).mul(values[o + r]));
                }
                sum.intoArray(gram, row + s);
            }
        }
    }

    @Override
    public String name() {
        return "vector-" + LANES.vectorBitSize();
    }
}
