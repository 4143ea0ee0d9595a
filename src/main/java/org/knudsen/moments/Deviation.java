package org.knudsen.moments;

/**
 * The measured distance between the particle solution and the reference Maxwellian at one sample time,
 * truncated to Hermite degree ≤ 3 (PHYSICS.md §7): the noise-bias-corrected squared norms in
 * L²_x L²_v(μ^{-1/2}) of F − M and of its fluid part π_L(F − M), each with a standard error.
 *
 * <p>The squared estimates are unbiased and may be slightly negative when the true value is below the
 * noise; {@link #norm()} clips at zero and its standard error follows by the delta method (see
 * {@link #rootSe(double, double)}).
 */
public record Deviation(double normSquared, double normSquaredSe, double fluidNormSquared, double fluidNormSquaredSe) {

    public double norm() {
        return Math.sqrt(Math.max(normSquared, 0));
    }

    public double normSe() {
        return rootSe(normSquared, normSquaredSe);
    }

    public double fluidNorm() {
        return Math.sqrt(Math.max(fluidNormSquared, 0));
    }

    public double fluidNormSe() {
        return rootSe(fluidNormSquared, fluidNormSquaredSe);
    }

    /**
     * SE of √X from the SE of X: se/(2√X), with √X floored at √se so that a value consistent with zero
     * reports an SE of the size of its noise (√se/2) instead of diverging.
     */
    static double rootSe(double squared, double squaredSe) {
        double root = Math.max(Math.sqrt(Math.max(squared, 0)), Math.sqrt(squaredSe));
        return root > 0 ? squaredSe / (2 * root) : 0;
    }
}
