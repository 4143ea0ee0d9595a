package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.linear.LinearAnalysis;
import org.knudsen.linear.ModeSpectrum;

/**
 * The linear keys of {@code knudsen info}: per {@code [[fluid.mode]]}, the N − 1 concentration rates of the
 * linearized Boltzmann operator at the scenario's ε (slowest first) with their essential-spectrum flag and their
 * change from Burnett degree K − 2 to K, and the N − 1 ε → 0 Chapman–Enskog concentration rates (coupled with the
 * temperature, PHYSICS.md §5.4 "Correction"). Computed at the fixed degree and Sonine terms of
 * {@link LinearAnalysis#quick}, so that {@code info} stays fast; {@code knudsen linear} gives the converged values.
 * The lists have the shape of {@code ms_decay_rates} (empty with one species or without modes).
 */
public record InfoLinearRates(int degree, int sonineTerms, List<double[]> chapmanEnskog, List<double[]> linearBoltzmann,
                              List<boolean[]> isolated, List<double[]> degreeChange) {

    /** No modes (or one species): empty lists, same keys. */
    public static InfoLinearRates none() {
        return new InfoLinearRates(LinearAnalysis.QUICK_DEGREE, LinearAnalysis.QUICK_SONINE_TERMS, List.of(), List.of(),
                List.of(), List.of());
    }

    static InfoLinearRates of(LinearSummary s) {
        List<double[]> ce = new ArrayList<>(), lb = new ArrayList<>(), change = new ArrayList<>();
        List<boolean[]> iso = new ArrayList<>();
        for (LinearSummary.ModeResult r : s.modes()) {
            ce.add(r.chapmanEnskog().coupledConcentrationRates());
            List<ModeSpectrum.Mode> c = LinearSummary.concentrationModes(r.spectra().get(0));
            lb.add(c.stream().mapToDouble(ModeSpectrum.Mode::rate).toArray());
            change.add(c.stream().mapToDouble(ModeSpectrum.Mode::degreeChange).toArray());
            boolean[] b = new boolean[c.size()];
            for (int m = 0; m < b.length; m++) {
                b[m] = c.get(m).isolated() && c.get(m).converged();
            }
            iso.add(b);
        }
        return new InfoLinearRates(s.degree(), s.sonineTerms(), ce, lb, iso, change);
    }

    /** The JSON keys, in order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chapman_enskog_decay_rates", chapmanEnskog);
        m.put("chapman_enskog_sonine_terms", sonineTerms);
        m.put("linear_boltzmann_decay_rates", linearBoltzmann);
        m.put("linear_boltzmann_isolated", isolated);
        m.put("linear_boltzmann_degree_change", degreeChange);
        m.put("linear_boltzmann_degree", degree);
        return m;
    }
}
