package org.knudsen.simd;

/**
 * The scalar twin: one particle at a time, in index order, accumulating in locals (no allocation).
 * The product table (He_α for the 20 multi-indices of HermiteBasis, with He_2(x) = x² − 1 and
 * He_3(x) = x (He_2(x) − 2)) is the same, operation for operation, as in {@link VectorMomentAccumulator}'s
 * across-groups kernel (no fused multiply-add; Σ He_1² = Σ He_2 + n), so that the two agree bit for bit.
 */
final class ScalarMomentAccumulator implements MomentAccumulator {

    @Override
    public void accumulate(double[] vx, double[] vy, double[] vz, int from, int to, double sqrtMass,
                           double[] sums, int offset) {
        accumulateRange(vx, vy, vz, from, to, sqrtMass, sums, offset);
    }

    @Override
    public void storeGroups(double[] vx, double[] vy, double[] vz, int[] groupStart, int firstGroup, int endGroup,
                                 double[] sqrtMass, double[] sums) {
        int species = sqrtMass.length;
        for (int g = firstGroup; g < endGroup; g++) {
            java.util.Arrays.fill(sums, g * SLOTS, (g + 1) * SLOTS, 0); // 0 + s = s: the same bits as a store
            accumulateRange(vx, vy, vz, groupStart[g], groupStart[g + 1], sqrtMass[g % species], sums, g * SLOTS);
        }
    }

    /** Also used by the vector kernel for the tail that does not fill a vector. */
    static void accumulateRange(double[] vx, double[] vy, double[] vz, int from, int to, double sqrtMass,
                                double[] sums, int offset) {
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0, q4 = 0;
        double s5 = 0, q5 = 0;
        double s6 = 0, q6 = 0;
        double s7 = 0, q7 = 0;
        double s8 = 0, q8 = 0;
        double s9 = 0, q9 = 0;
        double s10 = 0, q10 = 0;
        double s11 = 0, q11 = 0;
        double s12 = 0, q12 = 0;
        double s13 = 0, q13 = 0;
        double s14 = 0, q14 = 0;
        double s15 = 0, q15 = 0;
        double s16 = 0, q16 = 0;
        double s17 = 0, q17 = 0;
        double s18 = 0, q18 = 0;
        double s19 = 0, q19 = 0;
        double e2 = 0;
        for (int p = from; p < to; p++) {
            double x = sqrtMass * vx[p], y = sqrtMass * vy[p], z = sqrtMass * vz[p];
            double x2 = x * x - 1, y2 = y * y - 1, z2 = z * z - 1;
            double x3 = x * (x2 - 2), y3 = y * (y2 - 2), z3 = z * (z2 - 2);
            double h1 = x;
            s1 += h1;
            double h2 = y;
            s2 += h2;
            double h3 = z;
            s3 += h3;
            double h4 = x2;
            s4 += h4;
            q4 += h4 * h4;
            double h5 = y2;
            s5 += h5;
            q5 += h5 * h5;
            double h6 = z2;
            s6 += h6;
            q6 += h6 * h6;
            double h7 = x*y;
            s7 += h7;
            q7 += h7 * h7;
            double h8 = x*z;
            s8 += h8;
            q8 += h8 * h8;
            double h9 = y*z;
            s9 += h9;
            q9 += h9 * h9;
            double h10 = x3;
            s10 += h10;
            q10 += h10 * h10;
            double h11 = y3;
            s11 += h11;
            q11 += h11 * h11;
            double h12 = z3;
            s12 += h12;
            q12 += h12 * h12;
            double h13 = x2*y;
            s13 += h13;
            q13 += h13 * h13;
            double h14 = x2*z;
            s14 += h14;
            q14 += h14 * h14;
            double h15 = x*y2;
            s15 += h15;
            q15 += h15 * h15;
            double h16 = y2*z;
            s16 += h16;
            q16 += h16 * h16;
            double h17 = x*z2;
            s17 += h17;
            q17 += h17 * h17;
            double h18 = y*z2;
            s18 += h18;
            q18 += h18 * h18;
            double h19 = h7 * z;
            s19 += h19;
            q19 += h19 * h19;
            double e = x2 + y2 + z2; // (x2 + y2) + z2, as the vector kernel
            e2 += e * e;
        }
        int n = to - from;
        sums[offset + SUM] += n;
        sums[offset + SUM_SQUARES] += n;
        sums[offset + SUM + 1] += s1;
        sums[offset + SUM + 2] += s2;
        sums[offset + SUM + 3] += s3;
        sums[offset + SUM + 4] += s4;
        sums[offset + SUM_SQUARES + 4] += q4;
        sums[offset + SUM + 5] += s5;
        sums[offset + SUM_SQUARES + 5] += q5;
        sums[offset + SUM + 6] += s6;
        sums[offset + SUM_SQUARES + 6] += q6;
        sums[offset + SUM + 7] += s7;
        sums[offset + SUM_SQUARES + 7] += q7;
        sums[offset + SUM + 8] += s8;
        sums[offset + SUM_SQUARES + 8] += q8;
        sums[offset + SUM + 9] += s9;
        sums[offset + SUM_SQUARES + 9] += q9;
        sums[offset + SUM + 10] += s10;
        sums[offset + SUM_SQUARES + 10] += q10;
        sums[offset + SUM + 11] += s11;
        sums[offset + SUM_SQUARES + 11] += q11;
        sums[offset + SUM + 12] += s12;
        sums[offset + SUM_SQUARES + 12] += q12;
        sums[offset + SUM + 13] += s13;
        sums[offset + SUM_SQUARES + 13] += q13;
        sums[offset + SUM + 14] += s14;
        sums[offset + SUM_SQUARES + 14] += q14;
        sums[offset + SUM + 15] += s15;
        sums[offset + SUM_SQUARES + 15] += q15;
        sums[offset + SUM + 16] += s16;
        sums[offset + SUM_SQUARES + 16] += q16;
        sums[offset + SUM + 17] += s17;
        sums[offset + SUM_SQUARES + 17] += q17;
        sums[offset + SUM + 18] += s18;
        sums[offset + SUM_SQUARES + 18] += q18;
        sums[offset + SUM + 19] += s19;
        sums[offset + SUM_SQUARES + 19] += q19;
        // Σ He_1² = Σ (He_2 + 1)
        sums[offset + SUM_SQUARES + 1] += s4 + n;
        sums[offset + SUM_SQUARES + 2] += s5 + n;
        sums[offset + SUM_SQUARES + 3] += s6 + n;
        sums[offset + ENERGY_SQUARES] += e2;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
