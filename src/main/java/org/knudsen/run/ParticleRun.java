package org.knudsen.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.knudsen.fluid.FluidState;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.ModePerturbation;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.moments.DeviationWindow;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.Mixture;

/**
 * The particle loop shared by {@code run}, {@code check} and {@code sweep}: particles drawn from the local Maxwellian
 * M^{ε,in} of a reference fluid state at t = 0, advanced by DSMC step by step (never reset), and sampled at the
 * output times against M^ε built on the same reference. The reference is the built-in Maxwell–Stefan solution in a
 * run and the external solver's fields in a check; everything else is the same code.
 */
public final class ParticleRun implements AutoCloseable {
    private final RunPlan plan;
    private final LocalMaxwellian maxwellian;
    private final double[] weights;
    private final SpatialDsmc dsmc;
    private final DeviationMonitor monitor;
    /** The every-step means of {@code [output] average = "window"}; null for instant rows. */
    private final DeviationWindow window;
    private double lastInflation = Double.NaN;

    /**
     * @param reference the fluid state that M^ε is built on
     * @param seed      the seed of the particles' random streams
     */
    public ParticleRun(RunPlan plan, FluidState reference, long seed) {
        this.plan = plan;
        Mixture mixture = plan.mixture();
        double eps = plan.scenario().epsilon();
        this.maxwellian = new LocalMaxwellian(reference, mixture.masses(), eps);
        this.weights = plan.weights();
        this.dsmc = new SpatialDsmc(mixture, plan.grid(), eps, weights, plan.threads(), seed);
        dsmc.setSplitting(plan.scenario().time().orElseThrow().splitting());
        this.monitor = new DeviationMonitor(mixture, plan.grid(), plan.trackedMode());
        OutputSpec output = plan.scenario().output().orElse(null);
        this.window = output != null && output.windowed()
                ? new DeviationWindow(mixture, plan.grid(), weights, plan.trackedMode(), output.batches()) : null;
        if (plan.varianceReduced()) {
            dsmc.enableImportanceWeights(mixture.concentrations(), plan.smoothingFunctions());
        }
    }

    /** Whether output rows are window means (docs/averaging.md). */
    public boolean windowed() {
        return window != null;
    }

    /** Adds the state after step {@code step} to the open window (opening one of output.every's steps if none is). */
    public void addToWindow(long step) {
        if (window.steps() == 0) {
            window.start(plan.sampleEvery());
        }
        window.add(plan.stateTime(step), dsmc, maxwellian);
    }

    /**
     * The row of an output time t: the instant {@link #sample}, or with window averaging its mode amplitudes and
     * deviation replaced by the means over the window that ends at t (totals stay those at t).
     */
    public DeviationMonitor.Sample outputSample(double t) {
        DeviationMonitor.Sample instant = sample(t);
        if (window == null) {
            return instant;
        }
        DeviationWindow.Mean m = window.finish();
        lastInflation = m.varianceInflation();
        return new DeviationMonitor.Sample(t, m.deviation(), m.modeParticles(), m.modeParticlesSe(), m.modeFluid(),
                instant.speciesMass(), instant.momentum(), instant.energy());
    }

    /**
     * Var(window mean) / (mean single-time variance / K) of the last window, pooled over the Hermite terms: 1 for
     * independent steps, K for frozen ones (NaN before the first window or for instant rows).
     */
    public double lastVarianceInflation() {
        return lastInflation;
    }

    /** Whether the run's particles carry importance weights (and {@link #reduced} applies). */
    public boolean varianceReduced() {
        return dsmc.hasImportanceWeights();
    }

    /** The variance-reduced figures of the last sample ({@link DeviationMonitor#lastReduced}), null for a plain run. */
    public DeviationMonitor.ReducedSample reduced() {
        return monitor.lastReduced();
    }

    /** Particles from M^{ε,in}: c_i(x) = c_∞,i + ε Σ_modes c̃_i cos(k·x), Maxwellian with the reference's drift at t = 0. */
    public void initialise() {
        maxwellian.update(0);
        dsmc.initialise(initialProfile());
    }

    private InitialProfile initialProfile() {
        Mixture m = plan.mixture();
        double eps = plan.scenario().epsilon();
        ModePerturbation perturbation = new ModePerturbation(plan.modes(), plan.grid().lengths());
        return new InitialProfile() {
            @Override
            public double density(int i, double x, double y, double z) {
                return m.concentration(i) + eps * perturbation.at(i, x, y, z);
            }

            @Override
            public double densityBound(int i, int cell) {
                return m.concentration(i) + eps * perturbation.bound(i);
            }

            @Override
            public void drift(int i, int cell, double[] out) {
                for (int d = 0; d < 3; d++) {
                    out[d] = maxwellian.drift(i, d, cell);
                }
            }
        };
    }

    /** One DSMC step of the plan's Δt. */
    public void step() {
        dsmc.step(plan.dt());
    }

    /** Steps the particles have made since they were drawn. */
    public long steps() {
        return dsmc.steps();
    }

    /** The deviation, mode amplitudes and totals at time t (loads M^ε and its cell averages at t). */
    public DeviationMonitor.Sample sample(double t) {
        return monitor.sample(t, dsmc, maxwellian);
    }

    /** Per-cell fields of the last sample: c_i from the particles (one array per species) and the deviation density. */
    public double[][] lastCellFields() {
        return monitor.lastCellFields();
    }

    /** {@link #lastCellFields} of the variance-reduced estimator, or null for a plain run. */
    public double[][] lastReducedCellFields() {
        return monitor.lastReducedCellFields();
    }

    /** {@link #lastCellMoments} of the variance-reduced estimator, or null for a plain run. */
    public DeviationMonitor.CellMoments lastReducedCellMoments() {
        return monitor.lastReducedCellMoments(plan.scenario().epsilon());
    }

    /** Per-cell velocity (on the scale of the Maxwell–Stefan u_i) and temperature of every species at the last sample. */
    public DeviationMonitor.CellMoments lastCellMoments() {
        return monitor.lastCellMoments(plan.scenario().epsilon());
    }

    /** The local Maxwellian the particles are measured against (loaded at the last sample's time). */
    public LocalMaxwellian maxwellian() {
        return maxwellian;
    }

    public SpatialDsmc dsmc() {
        return dsmc;
    }

    /** The particle solver's state (particles, random streams, colliders) for a checkpoint. */
    public void writeState(DataOutput out) throws IOException {
        dsmc.writeState(out);
    }

    public void readState(DataInput in) throws IOException {
        dsmc.readState(in);
    }

    /** The open window (and the last window's inflation) for a checkpoint; nothing for instant rows. */
    public void writeWindowState(DataOutput out) throws IOException {
        out.writeBoolean(window != null);
        if (window != null) {
            out.writeDouble(lastInflation);
            window.writeState(out);
        }
    }

    public void readWindowState(DataInput in) throws IOException {
        boolean saved = in.readBoolean();
        if (saved != (window != null)) {
            throw new IOException("window state " + (saved ? "present" : "absent") + ", but this run's rows are "
                    + (window != null ? "window means" : "instant"));
        }
        if (window != null) {
            lastInflation = in.readDouble();
            window.readState(in);
        }
    }

    @Override
    public void close() {
        dsmc.close();
    }
}
