package org.knudsen.simd;

/** The scalar twin of the Gram update: entry by entry, the block's products in order (see {@link GramKernel}). */
final class ScalarGramKernel implements GramKernel {
    @Override
    public void addOuterProducts(double[] values, int count, int size, int stride, double[] gram) {
        for (int r = 0; r < size; r++) {
            int row = r * stride;
            for (int s = r; s < size; s++) {
                double sum = gram[row + s];
                for (int k = 0, o = 0; k < count; k++, o += stride) {
                    sum += values[o + r] * values[o + s];
                }
                gram[row + s] = sum;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
