package org.knudsen.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.fluid.MaxwellStefanLinear;
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
        m.put("ms_decay_rates", msDecayRates());
        m.put("ms_left_eigenvectors", msLeftEigenvectors());
        m.put("ms_right_eigenvectors", msRightEigenvectors());
        m.put("momentum_relaxation_rate", momentumRelaxationRates());
        m.put("diffusive_separation", diffusiveSeparation());
        scenario.domain().ifPresent(d -> {
            m.put("memory_estimate_mb", memoryEstimateBytes() / 1048576.0);
            m.put("cell_size", d.cellSize());
            m.put("cells", d.totalCells());
            scenario.particles().ifPresent(p -> m.put("particles", d.totalCells() * p.perCell()));
            if (RunKind.of(scenario, false) == RunKind.SPATIAL) {
                m.put("steps", scenario.timeGrid().steps());
                m.put("estimated_wall_time_s", Simulation.estimatedSeconds(scenario));
            }
        });
        return m;
    }

    /** Box lengths of the scenario, or the unit box for a homogeneous scenario. */
    double[] lengths() {
        return scenario.domain().map(DomainSpec::length).orElse(new double[] {1, 1, 1});
    }

    /**
     * Linear Maxwell–Stefan decay rates |k|²/θ_m of every initial mode (PHYSICS.md §5.2), N − 1 per mode,
     * ascending; empty without modes or with one species.
     */
    public List<double[]> msDecayRates() {
        List<double[]> rates = new ArrayList<>();
        if (mixture.size() < 2) {
            return rates;
        }
        scenario.fluid().ifPresent(f -> {
            for (ModeSpec mode : f.modes()) {
                rates.add(MaxwellStefanLinear.decayRates(mixture, mode.wavevector(), lengths()));
            }
        });
        return rates;
    }

    /**
     * Left eigenvectors w_m of the Fick matrix D (PHYSICS.md §5.2), in the order of the rates: w_m · ĉ of the species
     * amplitudes of a mode decays as one exponential with rate |k|²/θ_m. Empty with one species.
     */
    public List<double[]> msLeftEigenvectors() {
        List<double[]> vectors = new ArrayList<>();
        if (mixture.size() >= 2) {
            MaxwellStefanLinear linear = MaxwellStefanLinear.of(mixture);
            for (int q = 0; q < mixture.size() - 1; q++) {
                vectors.add(linear.leftEigenvector(q));
            }
        }
        return vectors;
    }

    /**
     * Right eigenvectors r_m of the Fick matrix D, in the order of the rates, scaled by a positive factor so that the
     * largest |entry| is 1 (the sign keeps w_m · r_m > 0):
     * a mode with species amplitudes ∝ r_m (Σ_i r_m,i = 0) excites the m-th Maxwell–Stefan combination alone.
     * Empty with one species.
     */
    public List<double[]> msRightEigenvectors() {
        List<double[]> vectors = new ArrayList<>();
        if (mixture.size() >= 2) {
            MaxwellStefanLinear linear = MaxwellStefanLinear.of(mixture);
            for (int q = 0; q < mixture.size() - 1; q++) {
                double[] r = linear.rightEigenvector(q);
                double largest = 0;
                for (double x : r) {
                    largest = Math.max(largest, Math.abs(x));
                }
                for (int i = 0; i < r.length; i++) {
                    r[i] /= largest;
                }
                vectors.add(r);
            }
        }
        return vectors;
    }

    /**
     * Scaled relaxation rate of each species' momentum towards the others, Σ_{j≠i} c_j/(m_i Δ_ij ε²): exact for
     * Maxwell molecules (PHYSICS.md §2, 1/Δ_ij = μ_ij λ_ij), the friction rate of §1 otherwise.
     */
    public double[] momentumRelaxationRates() {
        int n = mixture.size();
        double eps2 = scenario.epsilon() * scenario.epsilon();
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    rate[i] += mixture.concentration(j) / (mixture.mass(i) * delta[i][j] * eps2);
                }
            }
        }
        return rate;
    }

    /**
     * Fastest Maxwell–Stefan decay rate of the initial modes over the slowest momentum relaxation rate. Maxwell–Stefan
     * is the limit of the particles only when this is small: at 0.3 and above the species' inertia (a heavy species'
     * velocity lagging its Maxwell–Stefan value) changes the concentration decay by tens of per cent. NaN without modes.
     */
    public double diffusiveSeparation() {
        double fastest = Double.NaN;
        for (double[] r : msDecayRates()) {
            for (double x : r) {
                fastest = Double.isNaN(fastest) ? x : Math.max(fastest, x);
            }
        }
        double slowest = Double.POSITIVE_INFINITY;
        for (double r : momentumRelaxationRates()) {
            slowest = Math.min(slowest, r);
        }
        return fastest / slowest;
    }

    /**
     * The resolution checks of PHYSICS.md §10 for a spatial scenario: Δt against 0.2 ε²/max ν_i (the auto step; a
     * collision-then-stream split is first order in Δt) and the cell size along every axis with more than one cell
     * against the smallest mean free path. Returns one line per violated rule, empty when both are resolved.
     */
    public List<String> resolutionProblems() {
        List<String> problems = new ArrayList<>();
        double dt = scenario.timeStep();
        if (dt > dtAuto * (1 + 1e-12)) {
            problems.add("time.dt = " + TextReport.number(dt) + " exceeds 0.2 eps^2/max nu_i = " + TextReport.number(dtAuto)
                    + ": the mean collision time is not resolved (PHYSICS.md 10)");
        }
        scenario.domain().ifPresent(d -> {
            double smallestPath = Double.POSITIVE_INFINITY;
            for (double path : meanFreePath) {
                smallestPath = Math.min(smallestPath, path);
            }
            double[] h = d.cellSize();
            for (int a = 0; a < 3; a++) {
                if (d.cells()[a] > 1 && h[a] > smallestPath * (1 + 1e-12)) {
                    problems.add("domain.cells[" + a + "] = " + d.cells()[a] + ": cell size " + TextReport.number(h[a])
                            + " exceeds the smallest mean free path " + TextReport.number(smallestPath)
                            + " (PHYSICS.md 10); use at least " + (int) Math.ceil(d.length()[a] / smallestPath) + " cells");
                }
            }
        });
        return problems;
    }

    /**
     * Heap for the run ({@link RunMemory}): for a spatial particle run the particles, the per-cell arrays and the
     * Maxwell–Stefan grid; for a fluid-only run the grid alone; 0 without a domain.
     */
    public long memoryEstimateBytes() {
        if (scenario.domain().isEmpty()) {
            return 0;
        }
        return scenario.particles().isPresent() ? RunMemory.spatialRun(scenario, RunRules.threads(scenario))
                : RunMemory.fluidRun(scenario);
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
        List<double[]> rates = msDecayRates();
        for (int q = 0; q < rates.size(); q++) {
            StringBuilder line = new StringBuilder("Maxwell-Stefan decay rates of mode " + q + " "
                    + java.util.Arrays.toString(scenario.fluid().get().modes().get(q).wavevector()) + ":");
            for (double x : rates.get(q)) {
                line.append(' ').append(TextReport.number(x));
            }
            r.line(line.toString());
        }
        double[] relax = momentumRelaxationRates();
        StringBuilder line = new StringBuilder("momentum relaxation rates (scaled):");
        for (int i = 0; i < names.size(); i++) {
            line.append(' ').append(names.get(i)).append(' ').append(TextReport.number(relax[i]));
        }
        r.line(line.toString());
        double separation = diffusiveSeparation();
        if (!Double.isNaN(separation)) {
            r.line("diffusive separation (fastest MS rate / slowest momentum relaxation): " + TextReport.number(separation)
                    + (separation > 0.1 ? "  WARNING: > 0.1, species inertia will make the particles depart from "
                    + "Maxwell-Stefan; decrease epsilon or lengthen the box" : ""));
        }
        scenario.domain().ifPresent(d -> {
            r.line("memory estimate for the run: " + TextReport.number(memoryEstimateBytes() / 1048576.0) + " MiB");
            double[] h = d.cellSize();
            r.line("cells: " + d.totalCells() + ", cell size " + TextReport.number(h[0]) + " x " + TextReport.number(h[1])
                    + " x " + TextReport.number(h[2]));
            scenario.particles().ifPresent(p -> r.line("particles: " + d.totalCells() * p.perCell()
                    + " (" + p.perCell() + " per cell)"));
            if (RunKind.of(scenario, false) == RunKind.SPATIAL) {
                double seconds = Simulation.estimatedSeconds(scenario);
                r.line("steps: " + scenario.timeGrid().steps() + " (" + scenario.timeGrid().stepsPerSample()
                        + " per output interval); estimated wall time on this machine: " + Simulation.duration(seconds)
                        + (seconds > Simulation.LONG_RUN_SECONDS ? "  WARNING: more than a day" : ""));
            }
        });
    }
}
