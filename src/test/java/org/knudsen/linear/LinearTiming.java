package org.knudsen.linear;

import org.knudsen.physics.Mixture;

/**
 * Wall-clock timings of one linear analysis of the PHYSICS.md §5.3 scenario (not a test; run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.knudsen.linear.LinearTiming}). Each case is run
 * three times; the last (warm) time is printed.
 */
public final class LinearTiming {
    private LinearTiming() {
    }

    public static void main(String[] args) {
        double k = 2 * Math.PI;
        double[] times = new double[50];
        for (int i = 0; i < 50; i++) {
            times[i] = 0.01 * (i + 1);
        }
        MaxwellianMode init = MaxwellianMode.cosineDensitySineDrift(new double[] {1e-3, -0.5e-3, -0.5e-3},
                new double[] {2e-4, -1e-4, 0});
        for (double gamma : new double[] {0, 1}) {
            Mixture m = ChapmanEnskogTest.section53(gamma);
            for (double eps : new double[] {0.02, 0.05, 0.1}) {
                for (int variant = 0; variant < 2; variant++) {
                    double seconds = 0;
                    LinearAnalysis a = null;
                    for (int rep = 0; rep < 3; rep++) {
                        long t0 = System.nanoTime();
                        a = variant == 0 ? LinearAnalysis.converged(m, k, eps, init, times) : LinearAnalysis.quick(m, k, eps, init, times);
                        seconds = (System.nanoTime() - t0) / 1e9;
                    }
                    System.out.printf("gamma=%.0f eps=%.2f %-9s K=%d worst degree change %.1e  %.2f s%n", gamma, eps,
                            variant == 0 ? "converged" : "quick", a.spectrum().degree(),
                            a.spectrum().worstIsolatedDegreeChange(), seconds);
                }
            }
        }
    }
}
