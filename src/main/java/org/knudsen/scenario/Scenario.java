package org.knudsen.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/**
 * A validated scenario (DESIGN.md, "Scenario file"). Only {@code [[species]]} is required; the defaults are
 * documented on each component and in the embedded default scenario. Sections that a homogeneous run does
 * not need ({@code [domain]}, {@code [fluid]}, {@code [particles]}, {@code [time]}, {@code [output]}) are
 * {@link Optional#empty()} when the file leaves them out. Build instances with {@link ScenarioParser}.
 *
 * @param name       run name; default: the file name without ".toml" ("scenario" when parsed from text)
 * @param seed       the one seed of the run, ≥ 0; default 42
 * @param threads    worker threads, 0 = all cores; default 0
 * @param epsilon    Knudsen number ε ∈ (0, 1] from {@code [scaling]}; default 1 (unscaled) when absent
 * @param species    the species in file order (this order is the species index everywhere)
 * @param collisions default kernel (γ = 0, C = 1, isotropic when {@code [collisions]} is absent) and overrides
 */
public record Scenario(String name, long seed, int threads, double epsilon, List<SpeciesSpec> species,
                       CollisionsSpec collisions, Optional<DomainSpec> domain, Optional<FluidSpec> fluid,
                       Optional<ParticlesSpec> particles, Optional<TimeSpec> time, Optional<OutputSpec> output) {

    public Scenario {
        species = List.copyOf(species);
    }

    /**
     * The physics mixture: species, c_{i,∞} and one kernel per pair (the pair override or the default).
     * Builds a new (immutable) object per call; keep the result.
     */
    public Mixture mixture() {
        Mixture.Builder b = Mixture.builder();
        for (SpeciesSpec s : species) {
            b.species(s.name(), s.mass(), s.concentration());
        }
        b.defaultKernel(collisions.defaults().kernel());
        for (PairSpec p : collisions.pairs()) {
            b.pairKernel(p.a(), p.b(), p.kernel().kernel());
        }
        return b.build();
    }

    /** The same scenario with another ε ∈ (0, 1] (for ε-sweeps). */
    public Scenario withEpsilon(double newEpsilon) {
        KnudsenNumber.require(newEpsilon);
        return new Scenario(name, seed, threads, newEpsilon, species, collisions, domain, fluid, particles, time, output);
    }

    /**
     * The same physical setup at another ε with the resolution scaled as PHYSICS.md §10 prescribes: the cells of
     * every axis that has more than one cell × ε₀/ε (rounded up), an explicit Δt × (ε/ε₀)² (auto Δt scales by itself),
     * and per-cell particles × (ε₀/ε)^particleExponent; results go to {@code dir}.
     */
    public Scenario rescaledTo(double newEpsilon, double particleExponent, String dir) {
        double ratio = epsilon / newEpsilon;
        Optional<DomainSpec> d = domain.map(dom -> {
            int[] cells = dom.cells();
            for (int a = 0; a < 3; a++) {
                if (cells[a] > 1) {
                    cells[a] = (int) Math.ceil(cells[a] * ratio - 1e-9);
                }
            }
            return new DomainSpec(dom.length(), cells);
        });
        Optional<ParticlesSpec> p = particles.map(ps ->
                ps.withPerCell(Math.max(1, (int) Math.round(ps.perCell() * Math.pow(ratio, particleExponent)))));
        Optional<TimeSpec> t = time.map(ts -> ts.isAuto() ? ts
                : new TimeSpec(java.util.OptionalDouble.of(ts.dt().getAsDouble() / (ratio * ratio)), ts.end(),
                        ts.splitting()));
        double every = output.map(OutputSpec::every).orElse(time.map(TimeSpec::end).orElse(1.0) / 50);
        Optional<OutputSpec> o = Optional.of(output.map(out -> out.with(dir, every, OutputSpec.DEFAULT_CHECKPOINT_EVERY))
                .orElse(new OutputSpec(dir, every)));
        return new Scenario(name, seed, threads, newEpsilon, species, collisions, d, fluid, p, t, o).withEpsilon(newEpsilon);
    }

    /** The same scenario with another seed ≥ 0 (for replicas). */
    public Scenario withSeed(long newSeed) {
        if (newSeed < 0) {
            throw new IllegalArgumentException("seed = " + newSeed + ": must be an integer >= 0");
        }
        return new Scenario(name, newSeed, threads, epsilon, species, collisions, domain, fluid, particles, time, output);
    }

    /** Species names in order. */
    public List<String> speciesNames() {
        return species.stream().map(SpeciesSpec::name).toList();
    }

    /** The automatic time step: {@link TransportCoefficients#resolvedTimeStep} (PHYSICS.md §10). */
    public static double autoTimeStep(Mixture mixture, double epsilon) {
        return TransportCoefficients.resolvedTimeStep(mixture, epsilon);
    }

    /** {@link #autoTimeStep(Mixture, double)} for this scenario's mixture and ε. */
    public double autoTimeStep() {
        return autoTimeStep(mixture(), epsilon);
    }

    /**
     * The time step to use: that of the {@link #timeGrid()} when the scenario has {@code [time]} (an explicit dt, or
     * the largest step below the automatic one that divides output.every), otherwise the automatic one.
     */
    public double timeStep() {
        return time.isPresent() ? timeGrid().dt() : autoTimeStep();
    }

    /** The time grid of a scenario with {@code [time]} (valid: the parser checked it). */
    public TimeGrid timeGrid() {
        ScenarioProblems problems = ScenarioProblems.unlocated(name);
        TimeGrid grid = TimeGrid.resolve(time.orElseThrow(), output.map(OutputSpec::every).orElse(null), autoTimeStep(),
                problems);
        problems.throwIfAny();
        return grid;
    }

    /** The hex SHA-256 of a scenario's TOML text: the identity of a run's scenario in checkpoints and summaries. */
    public static String sha256(String tomlText) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(tomlText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run directory: {@code [output] dir}, or runs/NAME. */
    public java.nio.file.Path runDirectory() {
        return java.nio.file.Path.of(output.map(OutputSpec::dir).orElseGet(() -> OutputSpec.defaultDir(name)));
    }

    /** The scenario as TOML that {@link ScenarioParser} reads back to an equal scenario (the "resolved" file). */
    public String toToml() {
        StringBuilder sb = new StringBuilder();
        sb.append("name = ").append(TomlText.string(name)).append('\n');
        sb.append("seed = ").append(seed).append('\n');
        sb.append("threads = ").append(threads).append('\n');
        sb.append("\n[scaling]\nepsilon = ").append(TomlText.number(epsilon)).append('\n');
        domain.ifPresent(d -> sb.append("\n[domain]\nlength = ").append(TomlText.array(d.length()))
                .append("\ncells = ").append(TomlText.array(d.cells())).append('\n'));
        for (SpeciesSpec s : species) {
            sb.append("\n[[species]]\nname = ").append(TomlText.string(s.name()))
                    .append("\nmass = ").append(TomlText.number(s.mass()))
                    .append("\nconcentration = ").append(TomlText.number(s.concentration())).append('\n');
        }
        sb.append("\n[collisions]\n");
        appendKernel(sb, collisions.defaults());
        for (PairSpec p : collisions.pairs()) {
            sb.append("\n[[collisions.pair]]\nspecies = [").append(TomlText.string(p.a())).append(", ")
                    .append(TomlText.string(p.b())).append("]\n");
            appendKernel(sb, p.kernel());
        }
        fluid.ifPresent(f -> {
            sb.append("\n[fluid]\nmean_velocity = ").append(TomlText.array(f.meanVelocity())).append('\n');
            sb.append("closure = ").append(TomlText.string(f.closure().key())).append('\n');
            for (ModeSpec m : f.modes()) {
                sb.append("\n[[fluid.mode]]\nwavevector = ").append(TomlText.array(m.wavevector())).append("\namplitude = { ");
                String sep = "";
                for (Map.Entry<String, Double> e : m.amplitude().entrySet()) {
                    sb.append(sep).append(TomlText.string(e.getKey())).append(" = ").append(TomlText.number(e.getValue()));
                    sep = ", ";
                }
                sb.append(" }\n");
            }
        });
        particles.ifPresent(p -> {
            sb.append("\n[particles]\nper_cell = ").append(p.perCell()).append('\n');
            if (p.varianceReduction() != VarianceReduction.NONE) { // plain runs keep their resolved scenario byte for byte
                sb.append("variance_reduction = ").append(TomlText.string(p.varianceReduction().tomlName())).append('\n');
            }
            if (p.smoothingBasis() != SmoothingBasis.AUTO) {
                sb.append("smoothing_basis = ").append(TomlText.string(p.smoothingBasis().tomlName())).append('\n');
            }
        });
        time.ifPresent(t -> sb.append("\n[time]\ndt = ")
                .append(t.isAuto() ? "\"auto\"" : TomlText.number(t.dt().getAsDouble()))
                .append("\nend = ").append(TomlText.number(t.end()))
                .append("\nsplitting = ").append(TomlText.string(t.splitting().tomlName())).append('\n'));
        output.ifPresent(o -> sb.append("\n[output]\ndir = ").append(TomlText.string(o.dir()))
                .append("\nevery = ").append(TomlText.number(o.every()))
                .append("\ncheckpoint_every = ").append(TomlText.number(o.checkpointEvery()))
                .append("\naverage = ").append(TomlText.string(o.average().tomlName()))
                .append("\nbatches = ").append(o.batches()).append('\n'));
        return sb.toString();
    }

    private static void appendKernel(StringBuilder sb, KernelSpec k) {
        sb.append("gamma = ").append(TomlText.number(k.gamma()))
                .append("\nstrength = ").append(TomlText.number(k.strength()))
                .append("\nangular = ").append(TomlText.angular(k.angular())).append('\n');
    }
}
