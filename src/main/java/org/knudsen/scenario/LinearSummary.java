package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.linear.ChapmanEnskog;
import org.knudsen.linear.LinearAnalysis;
import org.knudsen.linear.LinearizedBoltzmann;
import org.knudsen.linear.ModeDynamics;
import org.knudsen.linear.ModeKind;
import org.knudsen.linear.ModeSpectrum;
import org.knudsen.physics.Mixture;

/**
 * The linearized-Boltzmann view of a scenario without particles (what {@code knudsen linear} shows, and, at the quick
 * fidelity, the linear keys of {@code knudsen info}): for every {@code [[fluid.mode]]} and every ε the slow spectrum
 * of A = −(i/ε) k·v + L/ε² (PHYSICS.md §12) — concentration, thermal and sound modes with their essential-spectrum
 * and convergence flags — its ε → 0 Chapman–Enskog limits, the Maxwell–Stefan rates of the scenario's closure, and the
 * mixture's Chapman–Enskog transport coefficients (units of PHYSICS.md §0). Rates are −Re λ in the scaled time of
 * {@code ms_decay_rates}; concentration modes are listed slowest first at each ε.
 *
 * @param degree     the fixed Burnett degree, or 0 when the degree was searched per ε (to {@code tolerance})
 * @param tolerance  relative K − 2 → K change of every isolated slow rate at which the search stops
 * @param maxDegree  the cap of the search
 */
public record LinearSummary(Scenario scenario, double[] epsilons, int degree, double tolerance, int maxDegree,
                            int sonineTerms, List<ModeResult> modes, ChapmanEnskog.Transport transport) {
    /** Lowest and highest Burnett degree the command accepts (below 3 there is no heat flux, PHYSICS.md §12). */
    public static final int MIN_DEGREE = 3;
    public static final int MAX_DEGREE = 75;
    /** Degree search: start, tolerance, cap (those of {@link LinearAnalysis#converged}). */
    public static final int SEARCH_START = 8;
    public static final double SEARCH_TOLERANCE = 1e-6;

    /**
     * One mode: its spectrum at every ε (same order as {@link #epsilons}), the ε → 0 Chapman–Enskog rates and the
     * Maxwell–Stefan rates of the closure.
     */
    public record ModeResult(int[] wavevector, double wavenumber, List<ModeSpectrum> spectra,
                             ChapmanEnskog.ModeRates chapmanEnskog, double[] msRates) {
    }

    /**
     * The analysis at every ε: at the fixed {@code degree} (≥ 3), or with the degree searched from 8 up to 60 until
     * every isolated slow rate changes by less than 1e-6 from K − 2 to K ({@code degree} = 0).
     */
    public static LinearSummary of(Scenario scenario, double[] epsilons, int degree, int sonineTerms) {
        Mixture mixture = scenario.mixture();
        double[] lengths = scenario.domain().map(DomainSpec::length).orElse(new double[] {1, 1, 1});
        ChapmanEnskog ce = ChapmanEnskog.of(mixture, sonineTerms);
        List<ModeSpec> specs = scenario.fluid().map(FluidSpec::modes).orElse(List.of());
        LinearizedBoltzmann top = specs.isEmpty() ? null
                : LinearizedBoltzmann.assemble(mixture, degree > 0 ? degree : LinearAnalysis.MAX_DEGREE);
        DiffusionClosure closure = scenario.fluid().map(FluidSpec::closure).orElse(DiffusionClosure.MAXWELL_STEFAN);
        double[][] delta = mixture.size() >= 2 && !specs.isEmpty() ? closure.delta(mixture) : null;
        Map<String, ModeSpectrum> done = new HashMap<>();   // modes of one |k| share their spectra
        List<ModeResult> modes = new ArrayList<>();
        for (ModeSpec spec : specs) {
            double[] k = FourierMode.angularWavevector(spec.wavevector(), lengths);
            double wavenumber = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
            List<ModeSpectrum> spectra = new ArrayList<>();
            for (double eps : epsilons) {
                spectra.add(done.computeIfAbsent(wavenumber + "@" + eps, key -> (degree > 0
                        ? ModeDynamics.of(top, wavenumber, eps)
                        : ModeDynamics.atConvergedDegree(top, wavenumber, eps, SEARCH_TOLERANCE, SEARCH_START))
                        .spectrum()));
            }
            double[] ms = delta == null ? new double[0]
                    : new MaxwellStefanLinear(delta, mixture.concentrations())
                            .decayRates(spec.wavevector(), lengths);
            modes.add(new ModeResult(spec.wavevector(), wavenumber, spectra, ce.modeRates(wavenumber), ms));
        }
        return new LinearSummary(scenario, epsilons.clone(), degree, SEARCH_TOLERANCE, LinearAnalysis.MAX_DEGREE,
                sonineTerms, modes, ce.transport());
    }

    /** The cheap variant of {@code knudsen info}: the scenario's ε, degree and Sonine terms of {@link LinearAnalysis#quick}. */
    public static LinearSummary quick(Scenario scenario) {
        return of(scenario, new double[] {scenario.epsilon()}, LinearAnalysis.QUICK_DEGREE,
                LinearAnalysis.QUICK_SONINE_TERMS);
    }

    /** The concentration modes of a spectrum, slowest first. */
    public static List<ModeSpectrum.Mode> concentrationModes(ModeSpectrum s) {
        return s.of(ModeKind.CONCENTRATION).stream().sorted(Comparator.comparingDouble(ModeSpectrum.Mode::rate)).toList();
    }

    /** The sound mode with positive frequency (the pair is its complex conjugate). */
    public static ModeSpectrum.Mode sound(ModeSpectrum s) {
        return s.of(ModeKind.SOUND).stream().max(Comparator.comparingDouble(ModeSpectrum.Mode::frequency)).orElseThrow();
    }

    /** The JSON object of {@code knudsen linear --json} (keys documented in README "Commands"). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.name());
        m.put("species", scenario.speciesNames());
        m.put("closure", scenario.fluid().map(FluidSpec::closure).orElse(DiffusionClosure.MAXWELL_STEFAN).key());
        m.put("epsilon", epsilons);
        if (degree > 0) {
            m.put("degree", degree);
        } else {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("start", SEARCH_START);
            search.put("tolerance", tolerance);
            search.put("max_degree", maxDegree);
            m.put("degree_search", search);
        }
        m.put("sonine_terms", sonineTerms);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ModeResult r : modes) {
            list.add(modeMap(r));
        }
        m.put("modes", list);
        m.put("transport", transportMap());
        return m;
    }

    private Map<String, Object> modeMap(ModeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wavevector", r.wavevector());
        m.put("wavenumber", r.wavenumber());
        m.put("epsilon", epsilons);
        List<Object> deg = new ArrayList<>(), edge = new ArrayList<>(), rates = new ArrayList<>(), freq = new ArrayList<>(),
                kinds = new ArrayList<>(), iso = new ArrayList<>(), conv = new ArrayList<>(), change = new ArrayList<>(),
                limit = new ArrayList<>(), worst = new ArrayList<>();
        List<Object> tRate = new ArrayList<>(), tFreq = new ArrayList<>(), tIso = new ArrayList<>(),
                tConv = new ArrayList<>(), tChange = new ArrayList<>(), sRate = new ArrayList<>(), sFreq = new ArrayList<>(),
                sIso = new ArrayList<>(), sConv = new ArrayList<>();
        for (ModeSpectrum s : r.spectra()) {
            deg.add(s.degree());
            edge.add(s.essentialSpectrumEdge());
            List<ModeSpectrum.Mode> c = concentrationModes(s);
            rates.add(c.stream().mapToDouble(ModeSpectrum.Mode::rate).toArray());
            freq.add(c.stream().mapToDouble(ModeSpectrum.Mode::frequency).toArray());
            kinds.add(c.stream().map(x -> "concentration_" + x.index()).toList());
            iso.add(c.stream().map(ModeSpectrum.Mode::isolated).toList());
            conv.add(c.stream().map(ModeSpectrum.Mode::converged).toList());
            change.add(c.stream().mapToDouble(ModeSpectrum.Mode::degreeChange).toArray());
            limit.add(c.stream().mapToDouble(ModeSpectrum.Mode::limitRate).toArray());
            worst.add(s.worstIsolatedDegreeChange());
            ModeSpectrum.Mode t = s.of(ModeKind.THERMAL).get(0), snd = sound(s);
            tRate.add(t.rate());
            tFreq.add(t.frequency());
            tIso.add(t.isolated());
            tConv.add(t.converged());
            tChange.add(t.degreeChange());
            sRate.add(snd.rate());
            sFreq.add(snd.frequency());
            sIso.add(snd.isolated());
            sConv.add(snd.converged());
        }
        m.put("degree", deg);
        m.put("essential_spectrum_edge", edge);
        m.put("rates", rates);
        m.put("frequencies", freq);
        m.put("kinds", kinds);
        m.put("isolated", iso);
        m.put("converged", conv);
        m.put("degree_change", change);
        m.put("worst_degree_change", worst);
        m.put("degree_converged", worst.stream().map(w -> (Double) w < tolerance).toList());
        m.put("limit_rates_at_degree", limit);
        m.put("thermal_rates", tRate);
        m.put("thermal_frequencies", tFreq);
        m.put("thermal_isolated", tIso);
        m.put("thermal_converged", tConv);
        m.put("thermal_degree_change", tChange);
        m.put("sound_rates", sRate);
        m.put("sound_frequencies", sFreq);
        m.put("sound_isolated", sIso);
        m.put("sound_converged", sConv);
        ChapmanEnskog.ModeRates ce = r.chapmanEnskog();
        m.put("chapman_enskog_rates", ce.coupledConcentrationRates());
        m.put("chapman_enskog_thermal_rate", ce.coupledThermalRate());
        m.put("chapman_enskog_isothermal_rates", ce.isothermalRates());
        m.put("sound_speed", ce.soundSpeed());
        m.put("ms_rates", r.msRates());
        return m;
    }

    private Map<String, Object> transportMap() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("sonine_terms", transport.maxTerms());
        t.put("diffusion_matrix", transport.fickMatrix());
        t.put("diffusion_matrix_first_approximation", transport.fickFirstApproximation());
        t.put("viscosity", transport.shearViscosity().converged());
        t.put("viscosity_first_approximation", transport.shearViscosity().first());
        t.put("thermal_conductivity", transport.thermalConductivity().converged());
        t.put("thermal_conductivity_first_approximation", transport.thermalConductivity().first());
        double[] kt = new double[transport.thermalDiffusionRatios().length];
        double[] kt1 = new double[kt.length];
        for (int i = 0; i < kt.length; i++) {
            kt[i] = transport.thermalDiffusionRatios()[i].converged();
            kt1[i] = transport.thermalDiffusionRatios()[i].first();
        }
        t.put("thermal_diffusion_ratios", kt);
        t.put("thermal_diffusion_ratios_first_approximation", kt1);
        Map<String, Object> sonine = new LinkedHashMap<>();
        sonine.put("viscosity", transport.shearViscosity().lastRelativeChange());
        sonine.put("thermal_conductivity", transport.thermalConductivity().lastRelativeChange());
        double worst = 0;
        for (var e : transport.fickEigenvalues()) {
            worst = Math.max(worst, e.lastRelativeChange());
        }
        sonine.put("diffusion_eigenvalues", transport.fickEigenvalues().length == 0 ? Double.NaN : worst);
        t.put("last_sonine_change", sonine);
        return t;
    }

    /** A short description of how the degree was chosen, for text output. */
    public String degreeRule() {
        return degree > 0 ? "Burnett degree K = " + degree
                : String.format(Locale.ROOT, "Burnett degree searched from K = %d by 2 until every isolated slow rate "
                        + "changes by < %.0e from K-2 to K (cap %d)", SEARCH_START, tolerance, maxDegree);
    }
}
