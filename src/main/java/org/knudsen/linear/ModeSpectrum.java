package org.knudsen.linear;

import java.util.List;

/**
 * The slow eigenvalues λ of A = −(i/ε) k·v + L/ε² for one mode (PHYSICS.md §12), each followed continuously in ε from
 * its ε → 0 limit and labelled by kind. rate = −Re λ, frequency = Im λ (scaled time units, as knudsen's
 * ms_decay_rates). A mode whose rate is at or above the essential-spectrum edge min_{i,v} ν_i(v)/ε² is not an
 * isolated eigenvalue: its value is what the truncated basis gives, not a converged rate.
 *
 * @param wavenumber            |k| (k = 2πn/L)
 * @param epsilon               ε
 * @param degree                Burnett degree K of the basis
 * @param essentialSpectrumEdge min ν/ε²
 * @param modes                 concentration modes (ascending ε → 0 rate), the thermal mode, then the sound pair
 */
public record ModeSpectrum(double wavenumber, double epsilon, int degree, double essentialSpectrumEdge,
                           List<Mode> modes) {
    public ModeSpectrum {
        modes = List.copyOf(modes);
    }

    /**
     * One slow eigenvalue.
     *
     * @param kind        its ε → 0 origin
     * @param index       position among the modes of its kind
     * @param rate        −Re λ
     * @param frequency   Im λ (non-zero: a complex eigenvalue, e.g. sound, or modes that merged)
     * @param limitRate   the ε → 0 value of −Re λ at this degree (CE, coupled)
     * @param isolated    rate below the essential-spectrum edge
     * @param converged   the eigen-iteration met its tolerance and stayed on the continued branch
     * @param residual    ‖Ãx − λx‖ / (‖Ã‖₁ ‖x‖) of the computed eigenvector
     * @param degreeChange |λ_K − λ_{K−2}| / |λ_K|: the convergence in the Burnett degree (NaN if not computed)
     */
    public record Mode(ModeKind kind, int index, double rate, double frequency, double limitRate, boolean isolated,
                       boolean converged, double residual, double degreeChange) {
        public boolean complex() {
            return frequency != 0 && Math.abs(frequency) > 1e-9 * Math.abs(rate);
        }
    }

    /** The largest degreeChange among the isolated modes (the convergence of what is reported as converged). */
    public double worstIsolatedDegreeChange() {
        double w = 0;
        for (Mode m : modes) {
            if (m.isolated()) {
                w = Math.max(w, m.degreeChange());
            }
        }
        return w;
    }

    /** The modes of one kind, in order. */
    public List<Mode> of(ModeKind kind) {
        return modes.stream().filter(m -> m.kind() == kind).toList();
    }
}
