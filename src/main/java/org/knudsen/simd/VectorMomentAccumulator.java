package org.knudsen.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API kernel: full vectors of particles per iteration, the remainder by the scalar twin. One pass
 * over the group; the degree-1 squares come from the degree-2 sums (Σ He_1² = Σ He_2 + n) and He_3 from He_2,
 * which keeps the 36 accumulators and the temporaries close to the 32 vector registers. The sums depend on the
 * lane count in the last bits (each lane sums every L-th particle), so the width is a fixed function of the
 * machine ({@link VectorKernels#automaticBits}), never measured at run time: a run must give the same numbers
 * every time.
 *
 * <p>A template, defined once per width as a hidden class whose class data is the species
 * ({@link VectorKernels#moments}; why: {@link VectorStreamKernel}). Never initialised as an ordinary class.
 */
final class VectorMomentAccumulator implements MomentAccumulator {
    /** The double species, one lane per particle: this hidden class's data. */
    private static final VectorSpecies<Double> LANES = VectorKernels.classData(MethodHandles.lookup());
    /** The across-groups kernel at the same width. */
    private final GroupMomentKernel groups = VectorKernels.groupMoments(LANES);

    /**
     * Runs the kernel once on a few particles against the scalar twin, so that a width the JVM cannot serve fails
     * here, at selection.
     */
    private VectorMomentAccumulator() {
        selfCheck();
    }

    @Override
    public void accumulate(double[] vx, double[] vy, double[] vz, int from, int to, double sqrtMass,
                           double[] sums, int offset) {
        int upper = from + LANES.loopBound(to - from);
        if (upper > from) {
            allDegrees(vx, vy, vz, from, upper, sqrtMass, sums, offset);
        }
        ScalarMomentAccumulator.accumulateRange(vx, vy, vz, upper, to, sqrtMass, sums, offset);
    }

    private static void allDegrees(double[] vx, double[] vy, double[] vz, int from, int upper, double sqrtMass,
                                   double[] sums, int offset) {
        DoubleVector s1 = DoubleVector.zero(LANES);
        DoubleVector s2 = DoubleVector.zero(LANES);
        DoubleVector s3 = DoubleVector.zero(LANES);
        DoubleVector s4 = DoubleVector.zero(LANES), q4 = DoubleVector.zero(LANES);
        DoubleVector s5 = DoubleVector.zero(LANES), q5 = DoubleVector.zero(LANES);
        DoubleVector s6 = DoubleVector.zero(LANES), q6 = DoubleVector.zero(LANES);
        DoubleVector s7 = DoubleVector.zero(LANES), q7 = DoubleVector.zero(LANES);
        DoubleVector s8 = DoubleVector.zero(LANES), q8 = DoubleVector.zero(LANES);
        DoubleVector s9 = DoubleVector.zero(LANES), q9 = DoubleVector.zero(LANES);
        DoubleVector s10 = DoubleVector.zero(LANES), q10 = DoubleVector.zero(LANES);
        DoubleVector s11 = DoubleVector.zero(LANES), q11 = DoubleVector.zero(LANES);
        DoubleVector s12 = DoubleVector.zero(LANES), q12 = DoubleVector.zero(LANES);
        DoubleVector s13 = DoubleVector.zero(LANES), q13 = DoubleVector.zero(LANES);
        DoubleVector s14 = DoubleVector.zero(LANES), q14 = DoubleVector.zero(LANES);
        DoubleVector s15 = DoubleVector.zero(LANES), q15 = DoubleVector.zero(LANES);
        DoubleVector s16 = DoubleVector.zero(LANES), q16 = DoubleVector.zero(LANES);
        DoubleVector s17 = DoubleVector.zero(LANES), q17 = DoubleVector.zero(LANES);
        DoubleVector s18 = DoubleVector.zero(LANES), q18 = DoubleVector.zero(LANES);
        DoubleVector s19 = DoubleVector.zero(LANES), q19 = DoubleVector.zero(LANES);
        DoubleVector e2 = DoubleVector.zero(LANES);
        for (int p = from; p < upper; p += LANES.length()) {
            DoubleVector x = DoubleVector.fromArray(LANES, vx, p).mul(sqrtMass);
            DoubleVector y = DoubleVector.fromArray(LANES, vy, p).mul(sqrtMass);
            DoubleVector z = DoubleVector.fromArray(LANES, vz, p).mul(sqrtMass);
            DoubleVector x2 = x.mul(x).sub(1), y2 = y.mul(y).sub(1), z2 = z.mul(z).sub(1);
            DoubleVector x3 = x.mul(x2.sub(2)), y3 = y.mul(y2.sub(2)), z3 = z.mul(z2.sub(2));
            s1 = s1.add(x);
            s2 = s2.add(y);
            s3 = s3.add(z);
            s4 = s4.add(x2);
            q4 = x2.fma(x2, q4);
            s5 = s5.add(y2);
            q5 = y2.fma(y2, q5);
            s6 = s6.add(z2);
            q6 = z2.fma(z2, q6);
            DoubleVector h7 = x.mul(y);
            s7 = s7.add(h7);
            q7 = h7.fma(h7, q7);
            DoubleVector h8 = x.mul(z);
            s8 = s8.add(h8);
            q8 = h8.fma(h8, q8);
            DoubleVector h9 = y.mul(z);
            s9 = s9.add(h9);
            q9 = h9.fma(h9, q9);
            s10 = s10.add(x3);
            q10 = x3.fma(x3, q10);
            s11 = s11.add(y3);
            q11 = y3.fma(y3, q11);
            s12 = s12.add(z3);
            q12 = z3.fma(z3, q12);
            DoubleVector h13 = x2.mul(y);
            s13 = s13.add(h13);
            q13 = h13.fma(h13, q13);
            DoubleVector h14 = x2.mul(z);
            s14 = s14.add(h14);
            q14 = h14.fma(h14, q14);
            DoubleVector h15 = x.mul(y2);
            s15 = s15.add(h15);
            q15 = h15.fma(h15, q15);
            DoubleVector h16 = y2.mul(z);
            s16 = s16.add(h16);
            q16 = h16.fma(h16, q16);
            DoubleVector h17 = x.mul(z2);
            s17 = s17.add(h17);
            q17 = h17.fma(h17, q17);
            DoubleVector h18 = y.mul(z2);
            s18 = s18.add(h18);
            q18 = h18.fma(h18, q18);
            DoubleVector h19 = x.mul(y).mul(z);
            s19 = s19.add(h19);
            q19 = h19.fma(h19, q19);
            DoubleVector e = x2.add(y2).add(z2);
            e2 = e.fma(e, e2);
        }
        int n = upper - from;
        sums[offset + SUM] += n;
        sums[offset + SUM_SQUARES] += n;
        sums[offset + SUM + 1] += sumInLaneOrder(s1);
        // Σ He_1² = Σ He_2 + n
        sums[offset + SUM + 2] += sumInLaneOrder(s2);
        // Σ He_1² = Σ He_2 + n
        sums[offset + SUM + 3] += sumInLaneOrder(s3);
        // Σ He_1² = Σ He_2 + n
        sums[offset + SUM + 4] += sumInLaneOrder(s4);
        sums[offset + SUM_SQUARES + 4] += sumInLaneOrder(q4);
        sums[offset + SUM + 5] += sumInLaneOrder(s5);
        sums[offset + SUM_SQUARES + 5] += sumInLaneOrder(q5);
        sums[offset + SUM + 6] += sumInLaneOrder(s6);
        sums[offset + SUM_SQUARES + 6] += sumInLaneOrder(q6);
        sums[offset + SUM + 7] += sumInLaneOrder(s7);
        sums[offset + SUM_SQUARES + 7] += sumInLaneOrder(q7);
        sums[offset + SUM + 8] += sumInLaneOrder(s8);
        sums[offset + SUM_SQUARES + 8] += sumInLaneOrder(q8);
        sums[offset + SUM + 9] += sumInLaneOrder(s9);
        sums[offset + SUM_SQUARES + 9] += sumInLaneOrder(q9);
        sums[offset + SUM + 10] += sumInLaneOrder(s10);
        sums[offset + SUM_SQUARES + 10] += sumInLaneOrder(q10);
        sums[offset + SUM + 11] += sumInLaneOrder(s11);
        sums[offset + SUM_SQUARES + 11] += sumInLaneOrder(q11);
        sums[offset + SUM + 12] += sumInLaneOrder(s12);
        sums[offset + SUM_SQUARES + 12] += sumInLaneOrder(q12);
        sums[offset + SUM + 13] += sumInLaneOrder(s13);
        sums[offset + SUM_SQUARES + 13] += sumInLaneOrder(q13);
        sums[offset + SUM + 14] += sumInLaneOrder(s14);
        sums[offset + SUM_SQUARES + 14] += sumInLaneOrder(q14);
        sums[offset + SUM + 15] += sumInLaneOrder(s15);
        sums[offset + SUM_SQUARES + 15] += sumInLaneOrder(q15);
        sums[offset + SUM + 16] += sumInLaneOrder(s16);
        sums[offset + SUM_SQUARES + 16] += sumInLaneOrder(q16);
        sums[offset + SUM + 17] += sumInLaneOrder(s17);
        sums[offset + SUM_SQUARES + 17] += sumInLaneOrder(q17);
        sums[offset + SUM + 18] += sumInLaneOrder(s18);
        sums[offset + SUM_SQUARES + 18] += sumInLaneOrder(q18);
        sums[offset + SUM + 19] += sumInLaneOrder(s19);
        sums[offset + SUM_SQUARES + 19] += sumInLaneOrder(q19);
        sums[offset + SUM_SQUARES + 1] += sumInLaneOrder(s4) + n;
        sums[offset + SUM_SQUARES + 2] += sumInLaneOrder(s5) + n;
        sums[offset + SUM_SQUARES + 3] += sumInLaneOrder(s6) + n;
        sums[offset + ENERGY_SQUARES] += sumInLaneOrder(e2);
    }


    /** Groups of a sorted store: {@link VectorGroupMoments} at this width, large groups by {@link #accumulate}. */
    @Override
    public void storeGroups(double[] vx, double[] vy, double[] vz, int[] groupStart, int firstGroup, int endGroup,
                                 double[] sqrtMass, double[] sums) {
        groups.storeGroups(vx, vy, vz, groupStart, firstGroup, endGroup, sqrtMass, sums, this);
    }

    /**
     * Σ of the LANES in lane order. Not reduceLanes(ADD): its order of additions is unspecified and does differ
     * between the interpreted fallback and C2's intrinsic, so the sums (and timeseries.csv) would change in the
     * last bits with the JIT's warm-up, breaking run-to-run and resume reproducibility. Lane extraction is exact.
     */
    private static double sumInLaneOrder(DoubleVector v) {
        double s = 0;
        for (int i = 0; i < LANES.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /**
     * Accumulates three vectors and a tail of particles with this kernel and the scalar twin and demands agreement
     * to 1e-12 of the scale: the probe of the vectorization provider.
     */
    private void selfCheck() {
        int n = 3 * LANES.length() + 1;
        double[][] v = new double[3][n];
        for (int p = 0; p < n; p++) {
            for (int a = 0; a < 3; a++) {
                v[a][p] = ((p * 7 + a * 3) % 11 - 5) * 0.29;
            }
        }
        double[] mine = new double[SLOTS], twin = new double[SLOTS];
        accumulate(v[0], v[1], v[2], 0, n, 1.3, mine, 0);
        ScalarMomentAccumulator.accumulateRange(v[0], v[1], v[2], 0, n, 1.3, twin, 0);
        for (int k = 0; k < SLOTS; k++) {
            if (!(Math.abs(mine[k] - twin[k]) <= 1e-12 * (1 + Math.abs(twin[k])) * n)) {
                throw new UnsupportedOperationException("moment kernel at " + LANES.vectorBitSize() + " bits: slot "
                        + k + " = " + mine[k] + ", scalar twin " + twin[k]);
            }
        }
        selfCheckGroups(v, n);
    }

    /** The across-groups kernel on a few groups against the scalar twin: equal bit for bit. */
    private void selfCheckGroups(double[][] v, int n) {
        int[] starts = {0, 0, 2, 5, n};
        double[] mass = {1.3, 0.7};
        double[] mine = new double[4 * SLOTS], twin = new double[4 * SLOTS];
        storeGroups(v[0], v[1], v[2], starts, 0, 4, mass, mine);
        new ScalarMomentAccumulator().storeGroups(v[0], v[1], v[2], starts, 0, 4, mass, twin);
        if (!java.util.Arrays.equals(mine, twin)) {
            throw new UnsupportedOperationException("moment kernel across groups at " + LANES.vectorBitSize()
                    + " bits differs from its scalar twin");
        }
    }

    @Override
    public String name() {
        return "vector-" + LANES.vectorBitSize();
    }
}
