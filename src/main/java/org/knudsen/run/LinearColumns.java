package org.knudsen.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.knudsen.fluid.LinearModeReference;
import org.knudsen.physics.Mixture;

/**
 * The exact linear columns of a spatial run ({@code conc_mode_<name>_lb}, {@code dev_norm_lb}): the
 * {@link LinearModeReference} of the plan's initial data at its output times, computed once before the time loop (and
 * again, identically, on resume: it is deterministic).
 * <p>
 * Degree. The Burnett degree climbs 8, 12, 16, … ≤ 24 until the tracked amplitudes and the deviation change by at
 * most {@link #SE_FRACTION} of the smallest particle standard error of a mode amplitude, c_{∞,i} √(2/N_i)
 * (PHYSICS.md §10), between two rungs: the linear reference is then exact to well within the particles' noise. At the
 * cap (large ε, where the Burnett expansion converges slowly) the run says so and summary.json records the change.
 * <p>
 * Results are kept per scenario physics in this JVM (a resumed run, or a test that rebuilds the same run, reuses
 * them); the key is the resolved scenario without its name, seed, threads, directory and checkpoint interval.
 */
final class LinearColumns {
    /** The degree ladder stops when a rung changes the columns by less than this fraction of the particle SE. */
    static final double SE_FRACTION = 0.05;
    static final int START_DEGREE = 8;
    static final int DEGREE_STEP = 4;
    static final int MAX_DEGREE = 24;

    private static final int CACHE_ENTRIES = 8;
    private static final Map<String, LinearModeReference> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinearModeReference> e) {
            return size() > CACHE_ENTRIES;
        }
    };

    private final LinearModeReference reference;
    private final double tolerance;
    private final double[][] density;
    private final double[] deviation;

    private LinearColumns(LinearModeReference reference, double tolerance, RunPlan plan) {
        this.reference = reference;
        this.tolerance = tolerance;
        if (!plan.windowed()) {
            this.density = reference.trackedDensity();
            this.deviation = reference.deviationNorm();
            return;
        }
        // window rows: the means over the state times of each window, as the particles' (row 0: t = 0 itself)
        double[][] d = reference.trackedDensity();
        double[] n = reference.deviationNorm();
        int outputs = (int) plan.time().samples() + 1, k = (int) plan.sampleEvery(), species = d[0].length;
        this.density = new double[outputs][species];
        this.deviation = new double[outputs];
        density[0] = d[0].clone();
        deviation[0] = n[0];
        for (int o = 1; o < outputs; o++) {
            for (int j = (o - 1) * k + 1; j <= o * k; j++) {
                for (int i = 0; i < species; i++) {
                    density[o][i] += d[j][i] / k;
                }
                deviation[o] += n[j] / k;
            }
        }
    }

    /** The times the reference is evaluated at: the output times, or with window rows 0 and every step's state time. */
    private static double[] referenceTimes(RunPlan plan) {
        if (!plan.windowed()) {
            return plan.outputTimes();
        }
        double[] t = new double[(int) plan.steps() + 1];
        for (int s = 1; s < t.length; s++) {
            t[s] = plan.stateTime(s);
        }
        return t;
    }

    /** The columns of the plan, with the Δ_ij its Maxwell–Stefan solver uses. */
    static LinearColumns of(RunPlan plan, double[][] delta) {
        double tolerance = SE_FRACTION * smallestModeSe(plan);
        LinearModeReference.Settings settings = new LinearModeReference.Settings(tolerance, 0, START_DEGREE,
                DEGREE_STEP, MAX_DEGREE);
        String key = physicsKey(plan) + settings;
        LinearModeReference r;
        synchronized (CACHE) {
            r = CACHE.get(key);
        }
        if (r == null) {
            r = LinearModeReference.compute(plan.mixture(), delta, plan.scenario().epsilon(), plan.grid().lengths(),
                    plan.grid().cells(), plan.meanVelocity(), plan.modes(), plan.trackedMode(), referenceTimes(plan),
                    settings);
            synchronized (CACHE) {
                CACHE.put(key, r);
            }
        }
        return new LinearColumns(r, tolerance, plan);
    }

    /** The resolved scenario without what does not change the physics of the linear columns. */
    private static String physicsKey(RunPlan plan) {
        return plan.scenario().toToml().lines()
                .filter(l -> !l.startsWith("name =") && !l.startsWith("seed =") && !l.startsWith("threads =")
                        && !l.startsWith("dir =") && !l.startsWith("checkpoint_every ="))
                .collect(Collectors.joining("\n"));
    }

    /** min_i c_{∞,i} √(2/N_i), N_i = (c_{∞,i}/C_∞) × cells × per_cell: the SE of a particle mode amplitude at t = 0. */
    static double smallestModeSe(RunPlan plan) {
        Mixture m = plan.mixture();
        double particles = (double) plan.grid().cellCount() * plan.perCell();
        double se = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) {
            double ni = m.concentration(i) / m.totalConcentration() * particles;
            se = Math.min(se, m.concentration(i) * Math.sqrt(2 / ni));
        }
        return se;
    }

    /** The tracked mode's cosine amplitudes of c_i at output k. */
    double[] density(int k) {
        return density[k].clone();
    }

    /** ‖F − M^ε‖ of the linear problem at output k. */
    double deviation(int k) {
        return deviation[k];
    }

    LinearModeReference reference() {
        return reference;
    }

    /** The summary.json block: degree, last change against the tolerance, convergence, seconds. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("degree", reference.degree());
        m.put("last_change", reference.lastChange());
        m.put("tolerance", tolerance);
        m.put("converged", reference.converged());
        m.put("seconds", reference.seconds());
        return m;
    }

    /** One line for the run's log. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "exact linear reference (PHYSICS.md 12): Burnett degree %d, last "
                + "change %.2g %s %.2g (%.0f%% of the particle SE), %.1f s%s", reference.degree(), reference.lastChange(),
                reference.converged() ? "<=" : ">", tolerance, 100 * SE_FRACTION, reference.seconds(),
                reference.converged() ? "" : "; NOT converged at the cap " + MAX_DEGREE
                        + " (the _lb columns carry that error)");
    }
}
