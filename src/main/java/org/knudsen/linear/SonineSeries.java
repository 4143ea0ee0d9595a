package org.knudsen.linear;

/**
 * A transport quantity against the number P of Sonine terms (radial functions n < P in its Burnett block): values[k]
 * belongs to P = firstTerms + k. The first entry is the classical first approximation, the last the most converged.
 */
public record SonineSeries(int firstTerms, double[] values) {
    public SonineSeries {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The first approximation (P = firstTerms). */
    public double first() {
        return values[0];
    }

    /** The value with the most terms. */
    public double converged() {
        return values[values.length - 1];
    }

    /** The value with P terms. */
    public double at(int terms) {
        return values[terms - firstTerms];
    }

    public int maxTerms() {
        return firstTerms + values.length - 1;
    }

    /** |v_P − v_{P−1}| / |v_P| for the last P: the convergence in one more Sonine term (degree K → K + 2). */
    public double lastRelativeChange() {
        if (values.length < 2) {
            return Double.NaN;
        }
        double a = values[values.length - 1], b = values[values.length - 2];
        return Math.abs(a - b) / Math.abs(a);
    }
}
