package org.knudsen.stats;

/**
 * Estimators over R independent replicas of a run (PHYSICS.md §7; docs/check.md). Each replica r contributes one estimate
 * X_r of a quantity (a mode amplitude minus its reference, a cell concentration difference, a Hermite moment, ...);
 * the replicas are independent and identically distributed whatever the correlations in time inside a replica, so
 * <ul>
 * <li>the mean X̄ is unbiased and its standard error is s/√R, with s² the replica sample variance (denominator
 * R − 1); for Gaussian X_r (a sum over many particles) z = X̄/SE follows Student's t with R − 1 degrees of freedom;</li>
 * <li>the square of the mean is estimated without bias by the U-statistic
 * Û = [(Σ_r A_r)² − Σ_r A_r²]/(R(R−1)) = X̄² − s²/R, which is unbiased for A² however strongly the samples within a
 * replica are correlated.</li>
 * </ul>
 * Sums run over the replicas in the order given: pass them in replica-index order and a merge of separately run
 * replicas gives bit-identical results to running them together.
 */
public final class ReplicaStatistics {
    private ReplicaStatistics() {
    }

    /**
     * Replica mean, its standard error s/√R and z = mean/SE (t-distributed with R − 1 degrees of freedom). z is NaN
     * unless the SE is finite and &gt; 0 ({@link #usable()}): with SE = 0 (identical replica values, e.g. a quantity
     * that is exactly zero in every replica) or a non-finite value there is no noise estimate and no test.
     */
    public record Summary(int replicas, double mean, double standardError, double z) {
        public int degreesOfFreedom() {
            return replicas - 1;
        }

        /** True when the SE is finite and &gt; 0, so that z and its t-test mean something. */
        public boolean usable() {
            return standardError > 0 && Double.isFinite(standardError) && Double.isFinite(z);
        }
    }

    /** An unbiased estimate of a squared quantity with its jackknife standard error (NaN for R &lt; 3). */
    public record SquareEstimate(int replicas, double estimate, double standardError) {
    }

    /** Mean, SE and z of one quantity from its R ≥ 2 replica values. */
    public static Summary summarise(double[] x) {
        int r = checkReplicas(x.length);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= r;
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        double se = Math.sqrt(ss / (r - 1) / r);
        return new Summary(r, mean, se, zScore(mean, se));
    }

    /** Per-quantity summaries of x[replica][quantity]. */
    public static Summary[] summarise(double[][] x) {
        int r = checkReplicas(x.length);
        int k = x[0].length;
        Summary[] out = new Summary[k];
        double[] column = new double[r];
        for (int q = 0; q < k; q++) {
            for (int a = 0; a < r; a++) {
                if (x[a].length != k) {
                    throw new IllegalArgumentException("replica " + a + " has " + x[a].length + " quantities, replica 0"
                            + " has " + k);
                }
                column[a] = x[a][q];
            }
            out[q] = summarise(column);
        }
        return out;
    }

    /**
     * z = mean/SE when the SE is finite and &gt; 0 and the mean finite; NaN otherwise. A zero SE says nothing about the
     * noise (identical replicas, or a quantity that is exactly zero in every replica): neither "0" (which would count
     * as a passed test) nor "±∞" (a certain failure) is a valid t statistic there.
     */
    public static double zScore(double mean, double se) {
        double z = mean / se;
        return se > 0 && Double.isFinite(se) && Double.isFinite(z) ? z : Double.NaN;
    }

    /** The U-statistic Û = [(Σ_r A_r)² − Σ_r A_r²]/(R(R−1)), unbiased for A² (PHYSICS.md §7). */
    public static double unbiasedSquare(double[] a) {
        int r = checkReplicas(a.length);
        double s = 0;
        double q = 0;
        for (double v : a) {
            s += v;
            q += v * v;
        }
        return (s * s - q) / ((double) r * (r - 1));
    }

    /**
     * Σ_k Û_k over the components a[replica][k] (e.g. the Hermite moments of all cells weighted by √V_c: the squared
     * norm estimator of PHYSICS.md §7 with replicas), with the delete-one jackknife standard error.
     */
    public static SquareEstimate unbiasedSquaredNorm(double[][] a) {
        int r = checkReplicas(a.length);
        int k = a[0].length;
        double[] s = new double[k];
        double[] q = new double[k];
        for (double[] row : a) {
            if (row.length != k) {
                throw new IllegalArgumentException("replicas have different numbers of components: " + row.length
                        + " and " + k);
            }
            for (int c = 0; c < k; c++) {
                s[c] += row[c];
                q[c] += row[c] * row[c];
            }
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += (s[c] * s[c] - q[c]) / ((double) r * (r - 1));
        }
        if (r < 3) {
            return new SquareEstimate(r, total, Double.NaN);
        }
        // delete-one values: the same U-statistic on the R − 1 other replicas
        double[] leaveOut = new double[r];
        double mean = 0;
        for (int x = 0; x < r; x++) {
            double u = 0;
            for (int c = 0; c < k; c++) {
                double sx = s[c] - a[x][c];
                double qx = q[c] - a[x][c] * a[x][c];
                u += (sx * sx - qx) / ((double) (r - 1) * (r - 2));
            }
            leaveOut[x] = u;
            mean += u;
        }
        mean /= r;
        double ss = 0;
        for (double u : leaveOut) {
            ss += (u - mean) * (u - mean);
        }
        return new SquareEstimate(r, total, Math.sqrt((r - 1) * ss / r));
    }

    private static int checkReplicas(int r) {
        if (r < 2) {
            throw new IllegalArgumentException("replicas = " + r + ": replica statistics need at least 2 replicas");
        }
        return r;
    }
}
