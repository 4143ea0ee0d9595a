package org.knudsen.scenario;

import java.util.List;
import java.util.Locale;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * The rules of a scenario that span sections, checked on the built scenario after the per-key rules of the parser:
 * what the modes need of the grid and of the concentrations, that every derived rate is a finite positive number,
 * the time grid and the sizes that index arrays. They need no
 * knowledge of the machine (the run package checks that), so {@code knudsen info} applies them too.
 */
public final class ScenarioRules {
    /** Cells per axis that float positions still tell apart (24-bit mantissa, with room to spare). */
    static final int MAX_CELLS_PER_AXIS = 1 << 20;
    /** Most particles one store holds (its arrays are int-indexed), with room for the sampling fluctuation. */
    static final long MAX_PARTICLES = Integer.MAX_VALUE - (1L << 24);
    /** Largest m_i ε² |ū|² accepted: the Maxwellians' moments hold e^{m ε² |u|²} (PHYSICS.md §7). */
    static final double MAX_DRIFT_EXPONENT = 100;

    private ScenarioRules() {
    }

    public static void check(Scenario s, ScenarioProblems problems) {
        Mixture mixture;
        try {
            mixture = s.mixture();
        } catch (IllegalArgumentException e) { // the parser's rules should leave nothing for the physics to refuse
            problems.add("species", e.getMessage());
            return;
        }
        derivedRates(s, mixture, problems);
        if (!problems.isEmpty()) {
            return; // the rules below compute with these rates
        }
        s.domain().ifPresent(d -> domain(s, d, problems));
        s.fluid().ifPresent(f -> fluid(s, mixture, f, problems));
        s.time().ifPresent(t -> TimeGrid.resolve(t, s.output().map(OutputSpec::every).orElse(null),
                Scenario.autoTimeStep(mixture, s.epsilon()), problems));
    }

    /** Δ_ij, ν_ij, the per-particle rates, mean free paths and the automatic step: finite and > 0, or the inputs overflow. */
    private static void derivedRates(Scenario s, Mixture m, ScenarioProblems problems) {
        int n = m.size();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                String key = pairKey(s, m, i, j);
                double delta = TransportCoefficients.delta(m, i, j);
                double nu = TransportCoefficients.collisionFrequency(m, i, j, m.concentration(i), m.concentration(j));
                if (!positiveFinite(delta) || !positiveFinite(nu)) {
                    problems.add(key, String.format(Locale.ROOT, "Delta_%s%s = %s, nu_%s%s = %s: the masses, "
                            + "concentrations and strength of this pair overflow (Delta and nu must be finite and > 0)",
                            m.name(i), m.name(j), delta, m.name(i), m.name(j), nu));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double rate = TransportCoefficients.perParticleRate(m, i);
            double scaled = rate / (s.epsilon() * s.epsilon());
            double path = TransportCoefficients.meanFreePath(m, i, s.epsilon());
            if (!positiveFinite(rate) || !positiveFinite(scaled) || !positiveFinite(path)) {
                problems.add("species[" + i + "].mass", String.format(Locale.ROOT, "species %s: collision rate %s, "
                        + "scaled rate %s, mean free path %s: these must be finite and > 0 (the mass, the "
                        + "concentrations or epsilon are out of range)", m.name(i), rate, scaled, path));
            }
        }
    }

    /** The key of the kernel of pair (i, j): its [[collisions.pair]] entry's strength, else the default's. */
    private static String pairKey(Scenario s, Mixture m, int i, int j) {
        List<PairSpec> pairs = s.collisions().pairs();
        for (int p = 0; p < pairs.size(); p++) {
            PairSpec pair = pairs.get(p);
            if ((pair.a().equals(m.name(i)) && pair.b().equals(m.name(j)))
                    || (pair.a().equals(m.name(j)) && pair.b().equals(m.name(i)))) {
                return "collisions.pair[" + p + "].strength";
            }
        }
        return "collisions.strength";
    }

    private static void domain(Scenario s, DomainSpec d, ScenarioProblems problems) {
        int[] cells = d.cells();
        for (int a = 0; a < 3; a++) {
            if (cells[a] > MAX_CELLS_PER_AXIS) {
                problems.add("domain.cells", "at most " + MAX_CELLS_PER_AXIS + " cells per axis (float positions "
                        + "cannot tell more apart)");
                return;
            }
        }
        s.particles().ifPresent(p -> {
            double total = (double) d.totalCells() * p.perCell();
            if (total > MAX_PARTICLES) {
                problems.add("particles.per_cell", String.format(Locale.ROOT, "%.4g particles in all (%d cells x %d): "
                        + "at most %d fit in one particle store", total, d.totalCells(), p.perCell(), MAX_PARTICLES));
            }
        });
    }

    private static void fluid(Scenario s, Mixture m, FluidSpec f, ScenarioProblems problems) {
        double[] u = f.meanVelocity();
        double u2 = u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
        double heaviest = 0;
        for (int i = 0; i < m.size(); i++) {
            heaviest = Math.max(heaviest, m.mass(i));
        }
        double exponent = heaviest * s.epsilon() * s.epsilon() * u2;
        if (!(exponent <= MAX_DRIFT_EXPONENT)) {
            problems.add("fluid.mean_velocity", String.format(Locale.ROOT, "max_i m_i eps^2 |u|^2 = %.4g: the local "
                    + "Maxwellians' moments hold exp(m eps^2 |u|^2), so it must be <= %g (a drift of at most 10 thermal "
                    + "speeds)", exponent, MAX_DRIFT_EXPONENT));
        }
        List<ModeSpec> modes = f.modes();
        for (int q = 0; q < modes.size(); q++) {
            int[] n = modes.get(q).wavevector();
            if (s.domain().isPresent() && !FourierMode.resolvedBy(n, s.domain().get().cells())) {
                problems.add("fluid.mode[" + q + "].wavevector", "is not resolved by domain.cells = "
                        + TomlText.array(s.domain().get().cells()) + ": every axis needs more than 2|n| cells "
                        + "(strictly below the Nyquist mode; an axis of 1 cell carries no mode)");
            }
        }
        for (int i = 0; i < m.size(); i++) {
            double sum = 0;
            int first = -1;
            for (int q = 0; q < modes.size(); q++) {
                double a = modes.get(q).amplitude().get(m.name(i));
                sum += Math.abs(a);
                if (a != 0 && first < 0) {
                    first = q;
                }
            }
            double lowest = m.concentration(i) - s.epsilon() * sum;
            if (first >= 0 && !(lowest > 0)) {
                problems.add("fluid.mode[" + first + "].amplitude." + m.name(i), String.format(Locale.ROOT,
                        "c_%s = c_inf + eps sum_modes c~ cos(k.x) can reach %.6g - %.6g * %.6g = %.6g <= 0: "
                        + "the initial concentration must stay > 0 (sum over modes of |c~_%s| below c_inf/eps = %.6g)",
                        m.name(i), m.concentration(i), s.epsilon(), sum, lowest, m.name(i),
                        m.concentration(i) / s.epsilon()));
            }
        }
        if (m.size() >= 2 && s.domain().isPresent()) {
            for (int q = 0; q < modes.size(); q++) {
                for (double r : MaxwellStefanLinear.decayRates(m, modes.get(q).wavevector(), s.domain().get().length())) {
                    if (!positiveFinite(r)) {
                        problems.add("fluid.mode[" + q + "].wavevector", "its Maxwell-Stefan decay rate is " + r
                                + ": it must be finite and > 0 (the box lengths or Delta_ij are out of range)");
                        break;
                    }
                }
            }
        }
    }

    private static boolean positiveFinite(double x) {
        return x > 0 && Double.isFinite(x);
    }
}
