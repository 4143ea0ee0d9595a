package org.knudsen.particles;

/** Mean and standard error from independent replicas or batches (sample standard deviation / √R). */
final class Stats {
    private Stats() {
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double standardError(double[] x) {
        double m = mean(x), ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }
}
