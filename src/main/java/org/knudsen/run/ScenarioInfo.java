package org.knudsen.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.io.TextReport;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * Derived quantities of a scenario, computed without running (what {@code knudsen info} shows): Δ_ij (PHYSICS.md
 * §1), equilibrium collision frequencies ν_ij (§3, i = j counted once per pair), per-particle rates and mean free
 * paths (§3, §10, with ε) and the automatic time step (§10). All values for the unscaled operator except the mean
 * free path (x units of the scaled problem) and the time step (time of the scaled equation).
 */
public record ScenarioInfo(Scenario scenario, Mixture mixture, double[][] delta, double[][] collisionFrequency,
                           double[] perParticleRate, double[] meanFreePath, double dtAuto) {

    public static ScenarioInfo of(Scenario scenario) {
        Mixture m = scenario.mixture();
        int n = m.size();
        double[] rate = new double[n];
        double[] mfp = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = TransportCoefficients.perParticleRate(m, i);
            mfp[i] = TransportCoefficients.meanFreePath(m, i, scenario.epsilon());
        }
        return new ScenarioInfo(scenario, m, TransportCoefficients.deltaMatrix(m),
                TransportCoefficients.collisionFrequencyMatrix(m), rate, mfp, Scenario.autoTimeStep(m, scenario.epsilon()));
    }

    /** One row per unordered pair i ≤ j: the kernel and its angular integrals b^(1), b^(2). */
    public List<Map<String, Object>> kernels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < mixture.size(); i++) {
            for (int j = i; j < mixture.size(); j++) {
                CollisionKernel k = mixture.kernel(i, j);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pair", List.of(mixture.name(i), mixture.name(j)));
                row.put("strength", k.strength());
                row.put("gamma", k.gamma());
                row.put("angular", k.angular().describe());
                row.put("b1", k.angular().momentumTransfer());
                row.put("b2", k.angular().viscosityIntegral());
                out.add(row);
            }
        }
        return out;
    }

    /** The JSON object of {@code knudsen info --json}; keys in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", scenario.name());
        m.put("species", scenario.speciesNames());
        m.put("masses", scenario.species().stream().map(SpeciesSpec::mass).toList());
        m.put("concentrations", scenario.species().stream().map(SpeciesSpec::concentration).toList());
        m.put("epsilon", scenario.epsilon());
        m.put("kernels", kernels());
        m.put("delta", delta);
        m.put("collision_frequency", collisionFrequency);
        m.put("per_particle_rate", perParticleRate);
        m.put("mean_free_path", meanFreePath);
        m.put("dt_auto", dtAuto);
        m.put("dt", scenario.timeStep());
        scenario.domain().ifPresent(d -> {
            m.put("cell_size", d.cellSize());
            m.put("cells", d.totalCells());
            scenario.particles().ifPresent(p -> m.put("particles", d.totalCells() * p.perCell()));
        });
        return m;
    }

    /** The text report of {@code knudsen info}. */
    public void writeText(PrintStream out) {
        TextReport r = new TextReport(out);
        List<String> names = scenario.speciesNames();
        r.line("scenario " + scenario.name() + ": " + names.size() + " species, epsilon = "
                + TextReport.number(scenario.epsilon())).line("");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), TextReport.number(mixture.mass(i)), TextReport.number(mixture.concentration(i))));
        }
        r.table("species", List.of("name", "mass", "c_inf"), rows);
        rows = new ArrayList<>();
        for (Map<String, Object> k : kernels()) {
            @SuppressWarnings("unchecked")
            List<String> pair = (List<String>) k.get("pair");
            rows.add(List.of(pair.get(0) + "-" + pair.get(1), TextReport.number((Double) k.get("strength")),
                    TextReport.number((Double) k.get("gamma")), (String) k.get("angular"),
                    TextReport.number((Double) k.get("b1")), TextReport.number((Double) k.get("b2"))));
        }
        r.table("collision kernels B = C |g|^gamma b(cos theta)", List.of("pair", "C", "gamma", "angular", "b1", "b2"), rows);
        r.matrix("Delta_ij (Maxwell-Stefan diffusion coefficients, PHYSICS.md 1)", names, delta);
        r.matrix("nu_ij (equilibrium collision events per unit volume and time, unscaled, PHYSICS.md 3)", names,
                collisionFrequency);
        rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), TextReport.number(perParticleRate[i]),
                    TextReport.number(perParticleRate[i] / (scenario.epsilon() * scenario.epsilon())),
                    TextReport.number(meanFreePath[i])));
        }
        r.table("per particle (PHYSICS.md 3, 10)", List.of("species", "rate nu_i", "scaled rate nu_i/eps^2",
                "mean free path"), rows);
        r.line("time step: dt_auto = 0.2 eps^2 / max_i nu_i = " + TextReport.number(dtAuto)
                + scenario.time().filter(t -> !t.isAuto()).map(t -> " (scenario sets dt = "
                + TextReport.number(t.dt().getAsDouble()) + ")").orElse(""));
        scenario.domain().ifPresent(d -> {
            double[] h = d.cellSize();
            r.line("cells: " + d.totalCells() + ", cell size " + TextReport.number(h[0]) + " x " + TextReport.number(h[1])
                    + " x " + TextReport.number(h[2]));
            scenario.particles().ifPresent(p -> r.line("particles: " + d.totalCells() * p.perCell()
                    + " (" + p.perCell() + " per cell)"));
        });
    }
}
