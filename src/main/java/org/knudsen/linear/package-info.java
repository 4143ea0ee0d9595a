/**
 * The deterministic linearized multi-species Boltzmann solver (PHYSICS.md §12): the operator L in an axisymmetric
 * Burnett basis with exact matrix elements ({@link org.knudsen.linear.LinearizedBoltzmann}), the slow spectrum and the
 * exact evolution of one Fourier mode ({@link org.knudsen.linear.ModeDynamics}, {@link org.knudsen.linear.ModeSpectrum},
 * {@link org.knudsen.linear.LinearEvolution}), and Sonine-converged Chapman–Enskog transport
 * ({@link org.knudsen.linear.ChapmanEnskog}); {@link org.knudsen.linear.LinearAnalysis} runs all three for a scenario.
 * <p>
 * Conventions. Units of PHYSICS.md §0: temperature 1, masses m_i, kernels C_ij |g|^γ b_ij with 2π∫b = 1, reference
 * concentrations c_{∞,i}, μ_i = c_{∞,i} (m_i/2π)^{3/2} e^{−m_i|v|²/2}. Perturbations F_i = μ_i(1 + h_i) of one mode,
 * h = Re[ĥ e^{ik·x}] with |k| = 2πn/L and complex amplitudes per unit volume; the scaled equation
 * ∂_t ĥ = (−(i/ε) k·v + L/ε²) ĥ, so rates are in the scaled time of knudsen's ms_decay_rates. Norms are those of
 * L²(μ) (the paper's Σ_i ∫ f_i² μ_i^{−1} for f = μh), computed on the Burnett coefficients, which are orthonormal.
 * <p>
 * Uses {@code org.knudsen.physics} only (and EJML for dense linear algebra).
 */
package org.knudsen.linear;
