package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * Derived quantities of a scenario, computed without running (what {@code knudsen info} shows): Δ_ij (PHYSICS.md
 * §1), equilibrium collision frequencies ν_ij (§3, i = j counted once per pair), per-particle rates and mean free
 * paths (§3, §10, with ε) and the automatic time step (§10). All values for the unscaled operator except the mean
 * free path (x units of the scaled problem) and the time step (time of the scaled equation).
 */
public record ScenarioInfo(Scenario scenario, Mixture mixture, double[][] delta, double[][] closureDelta,
                           double[][] collisionFrequency, double[] perParticleRate, double[] meanFreePath,
                           double dtAuto) {

    /**
     * The derived quantities; {@code closureDelta} is the Δ_ij the Maxwell–Stefan solver takes under the scenario's
     * {@code [fluid] closure} (= {@code delta} for "maxwell-stefan"; null with one species).
     */
    public static ScenarioInfo of(Scenario scenario) {
        Mixture m = scenario.mixture();
        int n = m.size();
        double[] rate = new double[n];
        double[] mfp = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = TransportCoefficients.perParticleRate(m, i);
            mfp[i] = TransportCoefficients.meanFreePath(m, i, scenario.epsilon());
        }
        double[][] delta = TransportCoefficients.deltaMatrix(m);
        double[][] closureDelta = n < 2 ? null : closure(scenario) == DiffusionClosure.MAXWELL_STEFAN ? delta
                : closure(scenario).delta(m);
        return new ScenarioInfo(scenario, m, delta, closureDelta, TransportCoefficients.collisionFrequencyMatrix(m), rate,
                mfp, Scenario.autoTimeStep(m, scenario.epsilon()));
    }

    /** The scenario's {@code [fluid] closure} (the default without {@code [fluid]}). */
    public static DiffusionClosure closure(Scenario scenario) {
        return scenario.fluid().map(FluidSpec::closure).orElse(DiffusionClosure.MAXWELL_STEFAN);
    }

    private MaxwellStefanLinear msLinear() {
        return new MaxwellStefanLinear(closureDelta, mixture.concentrations());
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
        return toMap(linearRates());
    }

    /** {@link #toMap()} with the linear rates computed elsewhere (e.g. on another thread). */
    public Map<String, Object> toMap(InfoLinearRates linear) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", scenario.name());
        m.put("species", scenario.speciesNames());
        m.put("masses", scenario.species().stream().map(SpeciesSpec::mass).toList());
        m.put("concentrations", scenario.species().stream().map(SpeciesSpec::concentration).toList());
        m.put("epsilon", scenario.epsilon());
        m.put("kernels", kernels());
        m.put("delta", delta);
        m.put("closure", closure(scenario).key());
        m.put("closure_delta", closureDelta);
        m.put("collision_frequency", collisionFrequency);
        m.put("per_particle_rate", perParticleRate);
        m.put("mean_free_path", meanFreePath);
        m.put("dt_auto", dtAuto);
        m.put("dt", scenario.timeStep());
        m.put("ms_decay_rates", msDecayRates());
        m.put("ms_left_eigenvectors", msLeftEigenvectors());
        m.put("ms_right_eigenvectors", msRightEigenvectors());
        m.putAll(linear.toMap());
        m.put("momentum_relaxation_rate", momentumRelaxationRates());
        m.put("diffusive_separation", diffusiveSeparation());
        scenario.domain().ifPresent(d -> {
            m.put("cell_size", d.cellSize());
            m.put("cells", d.totalCells());
            scenario.particles().ifPresent(p -> m.put("particles", d.totalCells() * p.perCell()));
            scenario.time().ifPresent(t -> m.put("steps", scenario.timeGrid().steps()));
        });
        return m;
    }

    /**
     * The linearized-Boltzmann rates of the modes at the scenario's ε and their ε → 0 Chapman–Enskog limit, at the
     * quick fidelity of {@link LinearSummary#quick} (computed on each call; a few tenths of a second).
     */
    public InfoLinearRates linearRates() {
        if (mixture.size() < 2 || scenario.fluid().map(f -> f.modes().isEmpty()).orElse(true)) {
            return InfoLinearRates.none();
        }
        return InfoLinearRates.of(LinearSummary.quick(scenario));
    }

    /** Box lengths of the scenario, or the unit box for a homogeneous scenario. */
    double[] lengths() {
        return scenario.domain().map(DomainSpec::length).orElse(new double[] {1, 1, 1});
    }

    /**
     * Linear Maxwell–Stefan decay rates |k|²/θ_m of every initial mode (PHYSICS.md §5.2) with the closure's Δ_ij,
     * N − 1 per mode, ascending; empty without modes or with one species.
     */
    public List<double[]> msDecayRates() {
        List<double[]> rates = new ArrayList<>();
        if (mixture.size() < 2) {
            return rates;
        }
        MaxwellStefanLinear linear = msLinear();
        scenario.fluid().ifPresent(f -> {
            for (ModeSpec mode : f.modes()) {
                rates.add(linear.decayRates(mode.wavevector(), lengths()));
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
            MaxwellStefanLinear linear = msLinear();
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
            MaxwellStefanLinear linear = msLinear();
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

    /** Scaled relaxation rate of each species' momentum towards the others ({@link TransportCoefficients#momentumRelaxationRate}/ε²). */
    public double[] momentumRelaxationRates() {
        int n = mixture.size();
        double eps2 = scenario.epsilon() * scenario.epsilon();
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = TransportCoefficients.momentumRelaxationRate(mixture, i) / eps2;
        }
        return rate;
    }

    /** {@link MaxwellStefanLinear#diffusiveSeparation} of the scenario's modes; NaN without modes. */
    public double diffusiveSeparation() {
        return MaxwellStefanLinear.diffusiveSeparation(msDecayRates(), momentumRelaxationRates());
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
            problems.add("time.dt = " + number(dt) + " exceeds 0.2 eps^2/max nu_i = " + number(dtAuto)
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
                    problems.add("domain.cells[" + a + "] = " + d.cells()[a] + ": cell size " + number(h[a])
                            + " exceeds the smallest mean free path " + number(smallestPath)
                            + " (PHYSICS.md 10); use at least " + (int) Math.ceil(d.length()[a] / smallestPath) + " cells");
                }
            }
        });
        return problems;
    }

    /** A number in the 8 significant digits of the PHYSICS.md tables, for messages. */
    private static String number(double x) {
        return String.format(java.util.Locale.ROOT, "%.8g", x);
    }
}
