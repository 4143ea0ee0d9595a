package org.knudsen.linear;

import org.knudsen.physics.Mixture;

/**
 * One linear analysis of a scenario's Fourier mode: the slow spectrum at the scenario's ε at a degree where it has
 * converged, the exact evolution of the initial data, and the Sonine-converged Chapman–Enskog transport with the ε → 0
 * rates. {@link #converged} searches the degree (spectrum changes below a tolerance from K − 2 to K, up to a cap);
 * {@link #quick} is the cheap variant for summaries (fixed degree, fewer Sonine terms).
 *
 * @param spectrum  the slow modes at ε (degree {@code spectrum.degree()})
 * @param evolution e^{tA} ĥ(0) at the requested times (same degree)
 * @param transport Chapman–Enskog coefficients with their Sonine series
 * @param rates     ε → 0 rates (isothermal and coupled) for |k|
 */
public record LinearAnalysis(ModeSpectrum spectrum, LinearEvolution evolution, ChapmanEnskog.Transport transport,
                             ChapmanEnskog.ModeRates rates) {

    /** Default cap of the Burnett degree in the search. */
    public static final int MAX_DEGREE = 60;
    /** Default number of Sonine terms for transport. */
    public static final int SONINE_TERMS = 40;
    /** Burnett degree of {@link #quick}. */
    public static final int QUICK_DEGREE = 16;
    /** Sonine terms of {@link #quick}. */
    public static final int QUICK_SONINE_TERMS = 16;

    /** Degree search from K = 8 to the cap with relative tolerance tol on the isolated slow rates. */
    public static LinearAnalysis converged(Mixture mixture, double wavenumber, double epsilon, MaxwellianMode initial,
                                           double[] times, double tolerance, int maxDegree, int sonineTerms) {
        LinearizedBoltzmann top = LinearizedBoltzmann.assemble(mixture, maxDegree);
        ModeDynamics md = ModeDynamics.atConvergedDegree(top, wavenumber, epsilon, tolerance, 8);
        ChapmanEnskog ce = ChapmanEnskog.of(mixture, sonineTerms);
        return new LinearAnalysis(md.spectrum(), md.evolve(initial, times), ce.transport(), ce.modeRates(wavenumber));
    }

    /** The defaults: tolerance 1e-6, degree ≤ 60, 40 Sonine terms. */
    public static LinearAnalysis converged(Mixture mixture, double wavenumber, double epsilon, MaxwellianMode initial,
                                           double[] times) {
        return converged(mixture, wavenumber, epsilon, initial, times, 1e-6, MAX_DEGREE, SONINE_TERMS);
    }

    /** Fixed degree 16 and 16 Sonine terms (not converged for γ > 0 or ε ≳ 0.05; the spectrum says by how much). */
    public static LinearAnalysis quick(Mixture mixture, double wavenumber, double epsilon, MaxwellianMode initial,
                                       double[] times) {
        ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(mixture, QUICK_DEGREE), wavenumber, epsilon);
        ChapmanEnskog ce = ChapmanEnskog.of(mixture, QUICK_SONINE_TERMS);
        return new LinearAnalysis(md.spectrum(), md.evolve(initial, times), ce.transport(), ce.modeRates(wavenumber));
    }
}
