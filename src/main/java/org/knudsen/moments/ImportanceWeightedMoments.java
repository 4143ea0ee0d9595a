package org.knudsen.moments;

import org.knudsen.physics.HermiteBasis;
import org.knudsen.simd.MomentAccumulator;

/**
 * The moment sums of the variance-reduced deviation (docs/variance-reduction.md): per (cell, species) group of a
 * sorted store with importance weights w = μ/f, Σ (1 − w_p) He_α(√m v_p), Σ (1 − w_p)² He_α(√m v_p)² and
 * Σ (1 − w_p)² (|√m v_p|² − 3)², in the slot layout of {@link MomentAccumulator}, so that
 * {@link DeviationEstimator#estimateReduced} reads them as it reads the plain sums.
 *
 * <p>A scalar loop, not a {@code simd/} kernel: it runs once per output time of a variance-reduced run, whose steps
 * (the weight update and the smoothing) cost several times this pass per particle; the He products are those of
 * {@link HermiteBasis} from one table of He_0..He_3 per axis.
 */
public final class ImportanceWeightedMoments {
    private ImportanceWeightedMoments() {
    }

    /**
     * Writes the weighted sums of every group g of [firstGroup, endGroup) to {@code sums[g·SLOTS, (g+1)·SLOTS)},
     * replacing what was there. Group g holds particles [groupStart[g], groupStart[g + 1]) of species g mod S,
     * S = {@code sqrtMass.length}; each group's sums depend on its particles only (any thread, any order).
     */
    public static void storeGroups(double[] vx, double[] vy, double[] vz, double[] importance, int[] groupStart,
                                   int firstGroup, int endGroup, double[] sqrtMass, double[] sums) {
        int species = sqrtMass.length;
        int[][] index = new int[HermiteBasis.SIZE][];
        for (int a = 0; a < HermiteBasis.SIZE; a++) {
            index[a] = HermiteBasis.index(a);
        }
        double[] hx = new double[4], hy = new double[4], hz = new double[4];
        for (int g = firstGroup; g < endGroup; g++) {
            int o = g * MomentAccumulator.SLOTS;
            java.util.Arrays.fill(sums, o, o + MomentAccumulator.SLOTS, 0);
            double sm = sqrtMass[g % species];
            for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
                double d = 1 - importance[p];
                if (d == 0) {
                    continue;
                }
                table(sm * vx[p], hx);
                table(sm * vy[p], hy);
                table(sm * vz[p], hz);
                for (int a = 0; a < HermiteBasis.SIZE; a++) {
                    int[] k = index[a];
                    double h = d * hx[k[0]] * hy[k[1]] * hz[k[2]];
                    sums[o + MomentAccumulator.SUM + a] += h;
                    sums[o + MomentAccumulator.SUM_SQUARES + a] += h * h;
                }
                double e = d * (hx[2] + hy[2] + hz[2]);
                sums[o + MomentAccumulator.ENERGY_SQUARES] += e * e;
            }
        }
    }

    /** He_0..He_3 at x. */
    private static void table(double x, double[] h) {
        for (int n = 0; n < 4; n++) {
            h[n] = HermiteBasis.he(n, x);
        }
    }
}
