package org.knudsen.simd;

/** The scalar twin of the smoothing's kernels: entry by entry and row by row, in the orders of {@link GramKernel}. */
final class ScalarGramKernel implements GramKernel {
    @Override
    public void accumulate(double[] columns, int columnStride, int rows, int size, double[] partials,
                           int partialStride, boolean start) {
        for (int r = 0; r < size; r++) {
            int cr = r * columnStride;
            for (int s = r; s < size; s++) {
                int cs = s * columnStride, p = (r * partialStride + s) * PARTIALS;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                if (!start) {
                    s0 = partials[p]; s1 = partials[p + 1]; s2 = partials[p + 2]; s3 = partials[p + 3];
                    s4 = partials[p + 4]; s5 = partials[p + 5]; s6 = partials[p + 6]; s7 = partials[p + 7];
                }
                for (int q = 0; q < rows; q += PARTIALS) { // the 8 partials side by side: independent chains
                    s0 = Math.fma(columns[cr + q], columns[cs + q], s0);
                    s1 = Math.fma(columns[cr + q + 1], columns[cs + q + 1], s1);
                    s2 = Math.fma(columns[cr + q + 2], columns[cs + q + 2], s2);
                    s3 = Math.fma(columns[cr + q + 3], columns[cs + q + 3], s3);
                    s4 = Math.fma(columns[cr + q + 4], columns[cs + q + 4], s4);
                    s5 = Math.fma(columns[cr + q + 5], columns[cs + q + 5], s5);
                    s6 = Math.fma(columns[cr + q + 6], columns[cs + q + 6], s6);
                    s7 = Math.fma(columns[cr + q + 7], columns[cs + q + 7], s7);
                }
                partials[p] = s0; partials[p + 1] = s1; partials[p + 2] = s2; partials[p + 3] = s3;
                partials[p + 4] = s4; partials[p + 5] = s5; partials[p + 6] = s6; partials[p + 7] = s7;
            }
        }
    }

    @Override
    public void combine(double[] columns, int columnStride, int count, double[] coefficient, int functions,
                        double[] out, int offset) {
        combineRows(columns, columnStride, 0, count, coefficient, functions, out, offset);
    }

    /** {@link #combine} for the rows [from, to): each row's chain on its own (also the vector kernel's tail). */
    static void combineRows(double[] columns, int columnStride, int from, int to, double[] coefficient, int functions,
                            double[] out, int offset) {
        for (int q = from; q < to; q++) {
            double sum = 0;
            for (int f = 0, c = q; f < functions; f++, c += columnStride) {
                sum = Math.fma(coefficient[f], columns[c], sum);
            }
            out[offset + q] = sum;
        }
    }

    @Override
    public void velocityColumns(double[] vx, double[] vy, double[] vz, int first, int count, double sqrtMass,
                                int functions, double[] columns, int columnStride) {
        GramKernel.requireVelocityFunctions(functions);
        for (int q = 0; q < count; q++) {
            GramKernel.velocityBasis(vx[first + q] * sqrtMass, vy[first + q] * sqrtMass, vz[first + q] * sqrtMass,
                    functions, columns, q, columnStride);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
