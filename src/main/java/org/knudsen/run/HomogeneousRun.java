package org.knudsen.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.knudsen.io.TextReport;
import org.knudsen.particles.HomogeneousRelaxation;
import org.knudsen.physics.MaxwellMoleculeRelaxation;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.scenario.Scenario;

/**
 * The spatially homogeneous relaxation of a scenario's mixture (one cell, PHYSICS.md §2): species start
 * with counter-flowing drifts (zero total momentum) and unequal temperatures, and relax by DSMC collisions
 * at rate 1/ε². For Maxwell molecules (γ = 0 for every pair) the exact moment ODEs are printed beside the
 * particles, with the particle standard error of each moment.
 */
public final class HomogeneousRun {
    /** Particles per species: the standard error of T_i is √(2/3N) ≈ 0.0026. */
    public static final int PARTICLES_PER_SPECIES = 100_000;
    private static final int SAMPLES = 10;
    private static final double RELAXATION_TIMES = 5;

    private HomogeneousRun() {
    }

    /** Drift of species i along x: ±0.5/√m_i, balanced so the total momentum Σ m_i c_i U_i is zero. */
    static double[] initialDrifts(Mixture mixture) {
        int n = mixture.size();
        double[] u = new double[n];
        double momentum = 0, rho = 0;
        for (int i = 0; i < n; i++) {
            u[i] = (i % 2 == 0 ? 0.5 : -0.5) / Math.sqrt(mixture.mass(i));
            momentum += mixture.mass(i) * mixture.concentration(i) * u[i];
            rho += mixture.mass(i) * mixture.concentration(i);
        }
        for (int i = 0; i < n; i++) {
            u[i] -= momentum / rho;
        }
        return u;
    }

    /** Temperature of species i: 1.5 and 0.75 alternately. */
    static double initialTemperature(int i) {
        return i % 2 == 0 ? 1.5 : 0.75;
    }

    public static RunResult run(Scenario scenario, PrintStream out) {
        Mixture mixture = scenario.mixture();
        int n = mixture.size();
        double epsilon = scenario.epsilon();
        double slowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            slowest = Math.min(slowest, TransportCoefficients.perParticleRate(mixture, i));
        }
        double end = RELAXATION_TIMES * epsilon * epsilon / slowest;
        double dt = Scenario.autoTimeStep(mixture, epsilon) / 4;
        double[] drift = initialDrifts(mixture);
        List<HomogeneousRelaxation.SpeciesState> species = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            species.add(new HomogeneousRelaxation.SpeciesState(PARTICLES_PER_SPECIES, drift[i], 0, 0, initialTemperature(i)));
        }
        double[] times = new double[SAMPLES + 1];
        for (int s = 0; s <= SAMPLES; s++) {
            times[s] = end * s / SAMPLES;
        }
        long start = System.nanoTime();
        HomogeneousRelaxation.Result result = HomogeneousRelaxation.run(mixture, epsilon,
                new HomogeneousRelaxation.InitialState(1.0, species), dt, times, scenario.seed());
        double seconds = (System.nanoTime() - start) * 1e-9;

        boolean maxwell = true;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                maxwell &= mixture.kernel(i, j).gamma() == 0;
            }
        }
        MaxwellMoleculeRelaxation exact = maxwell
                ? new MaxwellMoleculeRelaxation(mixture, mixture.concentrations(), epsilon) : null;
        // the ODEs hold for any distribution, so they start from the sampled moments, not the nominal ones
        double[][] u0 = result.meanVelocity()[0];
        double[] t0 = result.temperature()[0];
        TextReport report = new TextReport(out);
        report.line("knudsen: homogeneous relaxation of '" + scenario.name() + "' (" + n + " species, epsilon = "
                + epsilon + ", " + PARTICLES_PER_SPECIES + " particles per species, dt = " + TextReport.number(dt)
                + ", seed " + scenario.seed() + ")");
        report.line(maxwell ? "Maxwell molecules: exact moment ODEs of PHYSICS.md §2 (from the sampled t = 0 moments) beside the particles."
                : "gamma > 0: no exact moment ODEs; particle moments only.");
        report.line("");
        List<String> header = new ArrayList<>();
        header.add("t");
        for (int i = 0; i < n; i++) {
            String name = mixture.name(i);
            header.add("U_x(" + name + ")");
            if (maxwell) {
                header.add("exact");
            }
            header.add("T(" + name + ")");
            if (maxwell) {
                header.add("exact");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < result.times().length; s++) {
            List<String> row = new ArrayList<>();
            double t = result.times()[s];
            row.add(TextReport.number(t));
            MaxwellMoleculeRelaxation.State state = maxwell ? exact.solve(u0, t0, t, dt) : null;
            for (int i = 0; i < n; i++) {
                row.add(TextReport.number(result.meanVelocity()[s][i][0]));
                if (maxwell) {
                    row.add(TextReport.number(state.velocity()[i][0]));
                }
                row.add(TextReport.number(result.temperature()[s][i]));
                if (maxwell) {
                    row.add(TextReport.number(state.temperature()[i]));
                }
            }
            rows.add(row);
        }
        report.table("Species mean velocity U_x and temperature T", header, rows);
        List<List<String>> se = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ti = result.temperature()[result.times().length - 1][i];
            se.add(List.of(mixture.name(i), TextReport.number(Math.sqrt(ti / mixture.mass(i) / PARTICLES_PER_SPECIES)),
                    TextReport.number(ti * Math.sqrt(2.0 / (3 * PARTICLES_PER_SPECIES)))));
        }
        report.table("Standard error of one particle moment (at the end)", List.of("species", "SE(U_x)", "SE(T)"), se);
        long collisions = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                collisions += result.collisions()[i][j];
            }
        }
        report.line(String.format(java.util.Locale.ROOT, "%d steps, %d collisions in %.2f s (%.3g collisions/s)",
                result.steps(), collisions, seconds, collisions / seconds));
        return new RunResult(result.steps(), result.times()[result.times().length - 1], java.util.Optional.empty());
    }
}
