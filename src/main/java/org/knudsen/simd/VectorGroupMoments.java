package org.knudsen.simd;

import static org.knudsen.simd.MomentAccumulator.ENERGY_SQUARES;
import static org.knudsen.simd.MomentAccumulator.EXACT_GROUP_SIZE;
import static org.knudsen.simd.MomentAccumulator.SLOTS;
import static org.knudsen.simd.MomentAccumulator.SUM;
import static org.knudsen.simd.MomentAccumulator.SUM_SQUARES;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The moment kernel across groups ({@link MomentAccumulator#storeGroups}), used by {@link VectorMomentAccumulator}
 * at its width. A template, defined once per width as a hidden class whose class data is the species
 * ({@link VectorKernels#groupMoments}; why: {@link VectorStreamKernel}).
 */
final class VectorGroupMoments implements GroupMomentKernel {
    /** The double species, one lane per group: this hidden class's data. */
    private static final VectorSpecies<Double> LANES = VectorKernels.classData(MethodHandles.lookup());
    /** Layout of the per-thread tile of {@link #storeGroups}: x, y, z rows, lane counts and √m, accumulators. */
    private static final int X = 0, Y = EXACT_GROUP_SIZE * LANES.length(), Z = 2 * Y, COUNT = 3 * Y,
            MASS = COUNT + LANES.length(), OUT = MASS + LANES.length(), TILE_LENGTH = OUT + SLOTS * LANES.length();
    /** One tile per thread (a few KiB, allocated once): the kernel is shared by the step's threads. */
    private static final ThreadLocal<double[]> TILE = new ThreadLocal<>();

    private VectorGroupMoments() {
    }

    /**
     * Groups of a sorted store, {@link #LANES} groups at a time, one group per lane: the particles of the lanes'
     * groups are copied, transposed, into a small tile (particle j of lane l at row j), and the kernel runs down the
     * rows with a mask of the lanes whose group still has particles. Each lane thus sums its group in particle order,
     * with the scalar twin's operations, and the cost per particle is the same for groups of 2 or of 30 (about half the
     * lanes are idle on the last rows of a batch of Poisson-sized groups). A batch holding a group larger than
     * {@link MomentAccumulator#EXACT_GROUP_SIZE} goes group by group through {@code largeGroups} instead.
     */
    @Override
    public void storeGroups(double[] vx, double[] vy, double[] vz, int[] groupStart, int firstGroup, int endGroup,
                                 double[] sqrtMass, double[] sums, MomentAccumulator largeGroups) {
        double[] tile = TILE.get();
        if (tile == null) {
            tile = new double[TILE_LENGTH];
            TILE.set(tile);
        }
        int lanes = LANES.length(), species = sqrtMass.length;
        for (int g0 = firstGroup; g0 < endGroup; g0 += lanes) {
            int active = Math.min(lanes, endGroup - g0);
            int rows = 0;
            for (int l = 0; l < active; l++) {
                rows = Math.max(rows, groupStart[g0 + l + 1] - groupStart[g0 + l]);
            }
            if (rows > EXACT_GROUP_SIZE) {
                for (int g = g0; g < g0 + active; g++) {
                    java.util.Arrays.fill(sums, g * SLOTS, (g + 1) * SLOTS, 0);
                    largeGroups.accumulate(vx, vy, vz, groupStart[g], groupStart[g + 1], sqrtMass[g % species], sums,
                            g * SLOTS);
                }
                continue;
            }
            // every lane copies the batch's `rows` rows (the rows past its group's end are masked off): one loop
            // length per batch, not a mispredicted one per group (except at the arrays' end)
            int limit = vx.length - rows;
            for (int l = 0; l < lanes; l++) {
                int from = l < active ? groupStart[g0 + l] : 0, count = l < active ? groupStart[g0 + l + 1] - from : 0;
                tile[COUNT + l] = count;
                tile[MASS + l] = l < active ? sqrtMass[(g0 + l) % species] : 0;
                for (int j = 0, copied = from <= limit ? rows : count; j < copied; j++) {
                    tile[X + j * lanes + l] = vx[from + j];
                    tile[Y + j * lanes + l] = vy[from + j];
                    tile[Z + j * lanes + l] = vz[from + j];
                }
            }
            acrossGroups(tile, rows, sums, g0 * SLOTS, active);
        }
    }

    /**
     * The vector part of {@link #storeGroups}: rows of the tile, masked by the lanes' counts, then the lanes'
     * sums added to the groups' slots from {@code sums[base]} on (at 8 lanes by in-register transposes, else through
     * the tile).
     */
    private static void acrossGroups(double[] tile, int rows, double[] sums, int base, int active) {
        int lanes = LANES.length();
        DoubleVector count = DoubleVector.fromArray(LANES, tile, COUNT);
        DoubleVector mass = DoubleVector.fromArray(LANES, tile, MASS);
        DoubleVector s1 = DoubleVector.zero(LANES);
        DoubleVector s2 = DoubleVector.zero(LANES);
        DoubleVector s3 = DoubleVector.zero(LANES);
        DoubleVector s4 = DoubleVector.zero(LANES);
        DoubleVector s5 = DoubleVector.zero(LANES);
        DoubleVector s6 = DoubleVector.zero(LANES);
        DoubleVector s7 = DoubleVector.zero(LANES);
        DoubleVector s8 = DoubleVector.zero(LANES);
        DoubleVector s9 = DoubleVector.zero(LANES);
        DoubleVector s10 = DoubleVector.zero(LANES);
        DoubleVector s11 = DoubleVector.zero(LANES);
        DoubleVector s12 = DoubleVector.zero(LANES);
        DoubleVector s13 = DoubleVector.zero(LANES);
        DoubleVector s14 = DoubleVector.zero(LANES);
        DoubleVector s15 = DoubleVector.zero(LANES);
        DoubleVector s16 = DoubleVector.zero(LANES);
        DoubleVector s17 = DoubleVector.zero(LANES);
        DoubleVector s18 = DoubleVector.zero(LANES);
        DoubleVector s19 = DoubleVector.zero(LANES);
        DoubleVector q4 = DoubleVector.zero(LANES);
        DoubleVector q5 = DoubleVector.zero(LANES);
        DoubleVector q6 = DoubleVector.zero(LANES);
        DoubleVector q7 = DoubleVector.zero(LANES);
        DoubleVector q8 = DoubleVector.zero(LANES);
        DoubleVector q9 = DoubleVector.zero(LANES);
        DoubleVector q10 = DoubleVector.zero(LANES);
        DoubleVector q11 = DoubleVector.zero(LANES);
        DoubleVector q12 = DoubleVector.zero(LANES);
        DoubleVector q13 = DoubleVector.zero(LANES);
        DoubleVector q14 = DoubleVector.zero(LANES);
        DoubleVector q15 = DoubleVector.zero(LANES);
        DoubleVector q16 = DoubleVector.zero(LANES);
        DoubleVector q17 = DoubleVector.zero(LANES);
        DoubleVector q18 = DoubleVector.zero(LANES);
        DoubleVector q19 = DoubleVector.zero(LANES);
        DoubleVector e2 = DoubleVector.zero(LANES);
        for (int j = 0; j < rows; j++) {
            VectorMask<Double> m = count.compare(VectorOperators.GT, j);
            DoubleVector x = DoubleVector.fromArray(LANES, tile, X + j * lanes).mul(mass);
            DoubleVector y = DoubleVector.fromArray(LANES, tile, Y + j * lanes).mul(mass);
            DoubleVector z = DoubleVector.fromArray(LANES, tile, Z + j * lanes).mul(mass);
            DoubleVector x2 = x.mul(x).sub(1), y2 = y.mul(y).sub(1), z2 = z.mul(z).sub(1);
            DoubleVector x3 = x.mul(x2.sub(2)), y3 = y.mul(y2.sub(2)), z3 = z.mul(z2.sub(2));
            s1 = s1.add(x, m);
            s2 = s2.add(y, m);
            s3 = s3.add(z, m);
            s4 = s4.add(x2, m);
            q4 = q4.add(x2.mul(x2), m);
            s5 = s5.add(y2, m);
            q5 = q5.add(y2.mul(y2), m);
            s6 = s6.add(z2, m);
            q6 = q6.add(z2.mul(z2), m);
            DoubleVector h7 = x.mul(y);
            s7 = s7.add(h7, m);
            q7 = q7.add(h7.mul(h7), m);
            DoubleVector h8 = x.mul(z);
            s8 = s8.add(h8, m);
            q8 = q8.add(h8.mul(h8), m);
            DoubleVector h9 = y.mul(z);
            s9 = s9.add(h9, m);
            q9 = q9.add(h9.mul(h9), m);
            s10 = s10.add(x3, m);
            q10 = q10.add(x3.mul(x3), m);
            s11 = s11.add(y3, m);
            q11 = q11.add(y3.mul(y3), m);
            s12 = s12.add(z3, m);
            q12 = q12.add(z3.mul(z3), m);
            DoubleVector h13 = x2.mul(y);
            s13 = s13.add(h13, m);
            q13 = q13.add(h13.mul(h13), m);
            DoubleVector h14 = x2.mul(z);
            s14 = s14.add(h14, m);
            q14 = q14.add(h14.mul(h14), m);
            DoubleVector h15 = x.mul(y2);
            s15 = s15.add(h15, m);
            q15 = q15.add(h15.mul(h15), m);
            DoubleVector h16 = y2.mul(z);
            s16 = s16.add(h16, m);
            q16 = q16.add(h16.mul(h16), m);
            DoubleVector h17 = x.mul(z2);
            s17 = s17.add(h17, m);
            q17 = q17.add(h17.mul(h17), m);
            DoubleVector h18 = y.mul(z2);
            s18 = s18.add(h18, m);
            q18 = q18.add(h18.mul(h18), m);
            DoubleVector h19 = h7.mul(z);
            s19 = s19.add(h19, m);
            q19 = q19.add(h19.mul(h19), m);
            DoubleVector e = x2.add(y2).add(z2);
            e2 = e2.add(e.mul(e), m);
        }
        // the 41 slots of every lane's group, in slot order (Σ He_1² = Σ He_2 + n, as the scalar twin)
        DoubleVector q1 = s4.add(count), q2 = s5.add(count), q3 = s6.add(count);
        // through the tile (slot k at OUT + k·lanes): vectors passed to a call C2 does not inline would be boxed
        count.intoArray(tile, OUT + 0 * lanes);
        s1.intoArray(tile, OUT + 1 * lanes);
        s2.intoArray(tile, OUT + 2 * lanes);
        s3.intoArray(tile, OUT + 3 * lanes);
        s4.intoArray(tile, OUT + 4 * lanes);
        s5.intoArray(tile, OUT + 5 * lanes);
        s6.intoArray(tile, OUT + 6 * lanes);
        s7.intoArray(tile, OUT + 7 * lanes);
        s8.intoArray(tile, OUT + 8 * lanes);
        s9.intoArray(tile, OUT + 9 * lanes);
        s10.intoArray(tile, OUT + 10 * lanes);
        s11.intoArray(tile, OUT + 11 * lanes);
        s12.intoArray(tile, OUT + 12 * lanes);
        s13.intoArray(tile, OUT + 13 * lanes);
        s14.intoArray(tile, OUT + 14 * lanes);
        s15.intoArray(tile, OUT + 15 * lanes);
        s16.intoArray(tile, OUT + 16 * lanes);
        s17.intoArray(tile, OUT + 17 * lanes);
        s18.intoArray(tile, OUT + 18 * lanes);
        s19.intoArray(tile, OUT + 19 * lanes);
        count.intoArray(tile, OUT + 20 * lanes);
        q1.intoArray(tile, OUT + 21 * lanes);
        q2.intoArray(tile, OUT + 22 * lanes);
        q3.intoArray(tile, OUT + 23 * lanes);
        q4.intoArray(tile, OUT + 24 * lanes);
        q5.intoArray(tile, OUT + 25 * lanes);
        q6.intoArray(tile, OUT + 26 * lanes);
        q7.intoArray(tile, OUT + 27 * lanes);
        q8.intoArray(tile, OUT + 28 * lanes);
        q9.intoArray(tile, OUT + 29 * lanes);
        q10.intoArray(tile, OUT + 30 * lanes);
        q11.intoArray(tile, OUT + 31 * lanes);
        q12.intoArray(tile, OUT + 32 * lanes);
        q13.intoArray(tile, OUT + 33 * lanes);
        q14.intoArray(tile, OUT + 34 * lanes);
        q15.intoArray(tile, OUT + 35 * lanes);
        q16.intoArray(tile, OUT + 36 * lanes);
        q17.intoArray(tile, OUT + 37 * lanes);
        q18.intoArray(tile, OUT + 38 * lanes);
        q19.intoArray(tile, OUT + 39 * lanes);
        e2.intoArray(tile, OUT + 40 * lanes);
        storeSlots(tile, sums, base, active);
    }

    /** Index vectors of the three stages of an 8×8 transpose (swap bit d of row and column, d = 4, 2, 1). */
    private static final double[] TRANSPOSE_INDEX = transposeIndex();

    private static double[] transposeIndex() {
        double[] index = new double[6 * 8];
        for (int stage = 0, d = 4; d >= 1; stage++, d >>= 1) {
            for (int c = 0; c < 8; c++) {
                index[16 * stage + c] = (c & d) == 0 ? c : 8 + c - d;
                index[16 * stage + 8 + c] = (c & d) == 0 ? c + d : 8 + c;
            }
        }
        return index;
    }

    /**
     * Writes the tile's slot rows (row k = slot k, lane l = group l) to the slots of the first {@code active} groups from
     * {@code sums[base]} on: at 8 lanes, each block of 8 slots transposed in registers and stored a group's 8 slots at a
     * time (about 1 shuffle per slot against 2 scalar moves), else element by element.
     */
    private static void storeSlots(double[] tile, double[] sums, int base, int active) {
        int lanes = LANES.length();
        if (lanes != 8) {
            for (int l = 0; l < active; l++) {
                for (int k = 0; k < SLOTS; k++) {
                    sums[base + l * SLOTS + k] = tile[OUT + k * lanes + l];
                }
            }
            return;
        }
        for (int block = 0; block + 8 <= SLOTS; block += 8) {
            int row = OUT + block * 8;
            DoubleVector a0 = DoubleVector.fromArray(LANES, tile, row), a1 = DoubleVector.fromArray(LANES, tile, row + 8);
            DoubleVector a2 = DoubleVector.fromArray(LANES, tile, row + 16);
            DoubleVector a3 = DoubleVector.fromArray(LANES, tile, row + 24);
            DoubleVector a4 = DoubleVector.fromArray(LANES, tile, row + 32);
            DoubleVector a5 = DoubleVector.fromArray(LANES, tile, row + 40);
            DoubleVector a6 = DoubleVector.fromArray(LANES, tile, row + 48);
            DoubleVector a7 = DoubleVector.fromArray(LANES, tile, row + 56);
            DoubleVector lo = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 0);
            DoubleVector hi = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 8);
            DoubleVector b0 = lo.selectFrom(a0, a4), b4 = hi.selectFrom(a0, a4);
            DoubleVector b1 = lo.selectFrom(a1, a5), b5 = hi.selectFrom(a1, a5);
            DoubleVector b2 = lo.selectFrom(a2, a6), b6 = hi.selectFrom(a2, a6);
            DoubleVector b3 = lo.selectFrom(a3, a7), b7 = hi.selectFrom(a3, a7);
            lo = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 16);
            hi = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 24);
            DoubleVector c0 = lo.selectFrom(b0, b2), c2 = hi.selectFrom(b0, b2);
            DoubleVector c1 = lo.selectFrom(b1, b3), c3 = hi.selectFrom(b1, b3);
            DoubleVector c4 = lo.selectFrom(b4, b6), c6 = hi.selectFrom(b4, b6);
            DoubleVector c5 = lo.selectFrom(b5, b7), c7 = hi.selectFrom(b5, b7);
            lo = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 32);
            hi = DoubleVector.fromArray(LANES, TRANSPOSE_INDEX, 40);
            int o = base + block;
            storeRow(lo.selectFrom(c0, c1), sums, o, 0, active);
            storeRow(hi.selectFrom(c0, c1), sums, o, 1, active);
            storeRow(lo.selectFrom(c2, c3), sums, o, 2, active);
            storeRow(hi.selectFrom(c2, c3), sums, o, 3, active);
            storeRow(lo.selectFrom(c4, c5), sums, o, 4, active);
            storeRow(hi.selectFrom(c4, c5), sums, o, 5, active);
            storeRow(lo.selectFrom(c6, c7), sums, o, 6, active);
            storeRow(hi.selectFrom(c6, c7), sums, o, 7, active);
        }
        for (int l = 0; l < active; l++) {
            sums[base + l * SLOTS + ENERGY_SQUARES] = tile[OUT + ENERGY_SQUARES * 8 + l];
        }
    }

    private static void storeRow(DoubleVector row, double[] sums, int base, int group, int active) {
        if (group < active) {
            row.intoArray(sums, base + group * SLOTS);
        }
    }
}
