package org.knudsen.fluid;

import org.knudsen.physics.ConservedBasis;
import org.knudsen.physics.Grid;

/**
 * The fluid part π_L(S^ε) of the source term (PHYSICS.md §8.2) in the orthonormal basis φ^(k) of ker L,
 * k = 0..N+3, at every grid point, from Maxwell–Stefan fields c_i, N_i, ∂_t c_i and ∂_t N_i (as
 * {@link MaxwellStefanSolver#sourceProjectionAt} supplies them). Mass coordinates (k < N) are 0; momentum k = N+ℓ
 * is −P_ℓ/√ρ_∞ with P = Σ_i m_i (∂_t N_i + ∇·(N_i ⊗ u_i)); energy k = N+3 is −ε E/√(6 C_∞) with
 * E = Σ_i m_i (∂_t(c_i|u_i|²) + ∇·(c_i|u_i|² u_i)). Space derivatives are the solver's spectral ones.
 * <p>
 * Holds its scratch fields (allocated once, with the projection), so a projection allocates nothing per point.
 * Not thread-safe.
 */
final class SourceProjection {
    private final Grid grid;
    private final int n;
    private final int points;
    private final double[] cInf;
    private final SpectralDerivative spectral;
    // scratch: momentum tensor T_de = Σ_i m_i N_d N_e / c_i (9 fields), energy flux Q_e (3), momentum P_d (3),
    // energy E (1)
    private final double[] tensor;
    private final double[] energyFlux;
    private final double[] momentum;
    private final double[] energy;

    /**
     * @param grid     the solver's grid
     * @param cInf     c_{i,∞} (not copied: the solver's own)
     * @param spectral the solver's spectral derivative on that grid
     */
    SourceProjection(Grid grid, double[] cInf, SpectralDerivative spectral) {
        this.grid = grid;
        this.n = cInf.length;
        this.points = grid.points();
        this.cInf = cInf;
        this.spectral = spectral;
        this.tensor = new double[9 * points];
        this.energyFlux = new double[3 * points];
        this.momentum = new double[3 * points];
        this.energy = new double[points];
    }

    /**
     * out[k][p] = π_L(S^ε) for species masses m_i at the fields given in the solver's flat layout: c and ∂_t c as
     * [species][point], N and ∂_t N as [species][axis][point].
     */
    void project(double[] masses, double epsilon, double[] c, double[] flux, double[] dcdt, double[] dFlux,
                 double[][] out) {
        java.util.Arrays.fill(tensor, 0.0);
        java.util.Arrays.fill(energyFlux, 0.0);
        java.util.Arrays.fill(momentum, 0.0);
        java.util.Arrays.fill(energy, 0.0);
        // pointwise: ∂_t N_i into P, ∂_t(|N_i|²/c_i) into E, and the fluxes T and Q whose divergences complete them
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < n; i++) {
                double ci = c[i * points + p];
                double m = masses[i];
                double n2 = 0;
                double ndn = 0;
                for (int d = 0; d < 3; d++) {
                    double nd = flux[(i * 3 + d) * points + p];
                    double dnd = dFlux[(i * 3 + d) * points + p];
                    n2 += nd * nd;
                    ndn += nd * dnd;
                    momentum[d * points + p] += m * dnd;
                    for (int e = 0; e < 3; e++) {
                        tensor[(d * 3 + e) * points + p] += m * nd * flux[(i * 3 + e) * points + p] / ci;
                    }
                }
                double dci = dcdt[i * points + p];
                energy[p] += m * (2 * ndn / ci - n2 * dci / (ci * ci));
                for (int e = 0; e < 3; e++) {
                    energyFlux[e * points + p] += m * n2 * flux[(i * 3 + e) * points + p] / (ci * ci);
                }
            }
        }
        // the divergences ∂_e T_de and ∂_e Q_e accumulated into P_d and E, two fields per line-FFT pass
        for (int e = 0; e < 3; e++) {
            if (grid.cells(e) == 1) {
                continue;
            }
            for (int d = 0; d < 3; d += 2) {
                boolean pair = d + 1 < 3;
                spectral.derivative(e, tensor, (d * 3 + e) * points, pair ? tensor : null, ((d + 1) * 3 + e) * points,
                        momentum, d * points, pair ? momentum : null, (d + 1) * points, true);
            }
            spectral.derivative(e, energyFlux, e * points, null, 0, energy, 0, null, 0, true);
        }
        ConservedBasis kernel = new ConservedBasis(masses, cInf);
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(out[k], 0, points, 0.0);
        }
        for (int p = 0; p < points; p++) {
            for (int d = 0; d < 3; d++) {
                out[n + d][p] = -kernel.momentumCoordinate(momentum[d * points + p]);
            }
            out[n + 3][p] = -kernel.energyCoordinate(epsilon * energy[p]);
        }
    }
}
