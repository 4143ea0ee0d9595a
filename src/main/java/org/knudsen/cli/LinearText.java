package org.knudsen.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knudsen.io.TextReport;
import org.knudsen.linear.ChapmanEnskog;
import org.knudsen.linear.ModeKind;
import org.knudsen.linear.ModeSpectrum;
import org.knudsen.scenario.LinearSummary;

/** The text of {@code knudsen linear}: one table per mode (rows = ε), the limits, then the transport coefficients. */
final class LinearText {
    private LinearText() {
    }

    static void write(LinearSummary s, PrintStream out) {
        TextReport r = new TextReport(out);
        List<String> names = s.scenario().speciesNames();
        r.line("scenario " + s.scenario().name() + ": " + names.size() + " species; linearized Boltzmann operator "
                + "(PHYSICS.md 12), " + s.degreeRule() + "; rates -Re(lambda) in the scaled time of ms_decay_rates")
                .line("");
        if (s.modes().isEmpty()) {
            r.line("no [[fluid.mode]] in the scenario: transport coefficients only").line("");
        }
        for (LinearSummary.ModeResult m : s.modes()) {
            List<List<String>> rows = new ArrayList<>();
            for (ModeSpectrum sp : m.spectra()) {
                List<String> row = new ArrayList<>();
                row.add(TextReport.number(sp.epsilon()));
                row.add(String.valueOf(sp.degree()));
                StringBuilder c = new StringBuilder();
                for (ModeSpectrum.Mode x : LinearSummary.concentrationModes(sp)) {
                    c.append(c.length() > 0 ? "  " : "").append(rate(x));
                }
                row.add(c.toString());
                row.add(rate(sp.of(ModeKind.THERMAL).get(0)));
                row.add(rate(LinearSummary.sound(sp)));
                row.add(String.format(Locale.ROOT, "%.1e", sp.worstIsolatedDegreeChange())
                        + (sp.worstIsolatedDegreeChange() < s.tolerance() ? ""
                                : String.format(Locale.ROOT, " (> %.0e)", s.tolerance())));
                row.add(TextReport.number(sp.essentialSpectrumEdge()));
                rows.add(row);
            }
            r.table("mode " + Arrays.toString(m.wavevector()) + " (|k| = " + TextReport.number(m.wavenumber()) + ")",
                    List.of("epsilon", "K", "concentration rates (slowest first)", "thermal", "sound (rate +- i freq)",
                            "worst K-2 change", "essential edge"), rows);
            ChapmanEnskog.ModeRates ce = m.chapmanEnskog();
            r.line("  eps -> 0 (Chapman-Enskog, " + s.sonineTerms() + " Sonine terms): concentration"
                    + numbers(ce.coupledConcentrationRates()) + ", thermal " + TextReport.number(ce.coupledThermalRate())
                    + ", isothermal concentration" + numbers(ce.isothermalRates()) + ", sound speed "
                    + TextReport.number(ce.soundSpeed()));
            r.line("  Maxwell-Stefan (closure " + s.toMap().get("closure") + "):" + numbers(m.msRates())).line("");
        }
        r.line("  * not an isolated eigenvalue (at or above the essential-spectrum edge min nu/eps^2), ? not converged "
                + "(continuation lost its branch)").line("");
        ChapmanEnskog.Transport t = s.transport();
        r.matrix("Fick matrix D (isothermal, " + t.maxTerms() + " Sonine terms; dc/dt = -|k|^2 D c)", names, t.fickMatrix());
        r.matrix("Fick matrix, first approximation (= Maxwell-Stefan with Delta_ij of PHYSICS.md 1)", names,
                t.fickFirstApproximation());
        r.line("shear viscosity eta = " + TextReport.number(t.shearViscosity().converged()) + " (first approximation "
                + TextReport.number(t.shearViscosity().first()) + ")");
        r.line("thermal conductivity lambda = " + TextReport.number(t.thermalConductivity().converged())
                + " (first approximation " + TextReport.number(t.thermalConductivity().first()) + ")");
        StringBuilder kt = new StringBuilder("thermal-diffusion ratios k_T:");
        for (int i = 0; i < names.size(); i++) {
            kt.append(' ').append(names.get(i)).append(' ')
                    .append(TextReport.number(t.thermalDiffusionRatios()[i].converged()));
        }
        r.line(kt.toString());
    }

    private static String rate(ModeSpectrum.Mode m) {
        String v = TextReport.number(m.rate());
        if (m.complex()) {
            v += String.format(Locale.ROOT, "+-%.6gi", Math.abs(m.frequency()));
        }
        return v + (m.isolated() ? "" : "*") + (m.converged() ? "" : "?");
    }

    private static String numbers(double[] x) {
        StringBuilder sb = new StringBuilder();
        for (double v : x) {
            sb.append(' ').append(TextReport.number(v));
        }
        return sb.toString();
    }
}
