package org.knudsen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.Grid;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.OperatorSplitting;
import org.knudsen.scenario.DomainSpec;
import org.knudsen.scenario.FluidSpec;
import org.knudsen.scenario.ModeSpec;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.TimeGrid;
import org.knudsen.simd.GramKernel;

/**
 * Everything a spatial particle run needs, resolved from a scenario (defaults applied, nothing written yet): the
 * mixture, the grid of the box (the particles' cells and the Maxwell–Stefan points), the initial modes and the tracked one, the time grid, the
 * particles per cell, the run directory, the threads and the checkpoint interval.
 */
public record RunPlan(Scenario scenario, Mixture mixture, Grid grid, List<FourierMode> modes,
                      int[] trackedMode, double[] meanVelocity, TimeGrid time, int perCell, Path dir, int threads,
                      double checkpointEvery) {
    /** Default wall time between checkpoints (scenario key {@code [output] checkpoint_every}). */
    public static final double DEFAULT_CHECKPOINT_EVERY = OutputSpec.DEFAULT_CHECKPOINT_EVERY;

    /** The plan of a scenario that passes {@link RunRules#spatialRun()}. */
    public static RunPlan of(Scenario s) {
        RunRules.requireSpatial(s);
        DomainSpec domain = s.domain().orElseThrow();
        List<FourierMode> modes = new ArrayList<>();
        double[] meanVelocity = new double[3];
        if (s.fluid().isPresent()) {
            for (ModeSpec m : s.fluid().get().modes()) {
                modes.add(new FourierMode(m.wavevector(), m.amplitudes()));
            }
            meanVelocity = s.fluid().get().meanVelocity();
        }
        int[] tracked = modes.isEmpty() ? new int[] {1, 0, 0} : modes.get(0).wavevector();
        return new RunPlan(s, s.mixture(), Grid.of(domain.cells(), domain.length()), List.copyOf(modes), tracked, meanVelocity, s.timeGrid(),
                s.particles().orElseThrow().perCell(), s.runDirectory(), RunRules.threads(s),
                s.output().map(OutputSpec::checkpointEvery).orElse(DEFAULT_CHECKPOINT_EVERY));
    }

    /** The scenario's {@code [fluid] closure}: which Δ_ij the Maxwell–Stefan solver takes. */
    public DiffusionClosure closure() {
        return scenario.fluid().map(FluidSpec::closure).orElse(DiffusionClosure.MAXWELL_STEFAN);
    }

    /**
     * The Maxwell–Stefan solution of the plan's modes that its particles are measured against, as a spatial run builds
     * it: {@code delta} the Δ_ij of {@link #closure()} (which the caller may need too), default integrator options.
     */
    public org.knudsen.fluid.MaxwellStefanSolver maxwellStefan(double[][] delta) {
        return org.knudsen.fluid.MaxwellStefanSolver.forMixture(mixture(), delta, grid(), meanVelocity(),
                scenario().epsilon(), modes(), org.knudsen.fluid.IntegratorOptions.defaults());
    }

    /** Whether the particles carry importance weights ({@code [particles] variance_reduction}). */
    public boolean varianceReduced() {
        return scenario.particles().orElseThrow().varianceReduced();
    }

    /** The velocity functions of the importance weights' smoothing ({@code [particles] smoothing_basis} at this ε). */
    public int smoothingFunctions() {
        return scenario.particles().orElseThrow().smoothingBasis().cubic(scenario.epsilon())
                ? GramKernel.VELOCITY_FUNCTIONS : GramKernel.SONINE_FUNCTIONS;
    }

    public double dt() {
        return time.dt();
    }

    public long steps() {
        return time.steps();
    }

    /** Steps between two output times. */
    public long sampleEvery() {
        return time.stepsPerSample();
    }

    /** The step of output k (k = 0 … samples). */
    public long sampleStep(long k) {
        return k * time.stepsPerSample();
    }

    /**
     * Output times: t = 0 and every sample step (samples + 1 of them), {@link TimeGrid#outputTime}: k × output.every
     * as a decimal, the instant of sample step k without the binary noise of step × dt.
     */
    public double[] outputTimes() {
        double[] t = new double[(int) time.samples() + 1];
        for (int k = 0; k < t.length; k++) {
            t[k] = time.outputTime(k);
        }
        return t;
    }

    /**
     * The time the particle state between steps represents after step {@code step}: step × Δt, or under Strang
     * splitting the collision time step × Δt − Δt/2 (the positions trail by half a stream until a synchronize).
     */
    public double stateTime(long step) {
        double dt = dt();
        return scenario.time().orElseThrow().splitting() == OperatorSplitting.STRANG ? step * dt - dt / 2 : step * dt;
    }

    /** Whether output rows are window means ({@code [output] average = "window"}, docs/averaging.md). */
    public boolean windowed() {
        return scenario.output().map(OutputSpec::windowed).orElse(false);
    }

    /** Output time k ({@link TimeGrid#outputTime}). */
    public double outputTime(long k) {
        return time.outputTime(k);
    }

    /** Equal weights W = c_tot V_c / per_cell: exact conservation in every collision. */
    public double[] weights() {
        double[] w = new double[mixture.size()];
        java.util.Arrays.fill(w, mixture.totalConcentration() * grid.cellVolume() / perCell);
        return w;
    }

    /** The same plan writing into another directory (a resumed run stays in the directory it was found in). */
    public RunPlan inDirectory(Path other) {
        return new RunPlan(scenario, mixture, grid, modes, trackedMode, meanVelocity, time, perCell, other,
                threads, checkpointEvery);
    }

    /** The same plan with another checkpoint interval, if one is given. */
    public RunPlan withCheckpointEvery(OptionalDouble seconds) {
        return seconds.isEmpty() ? this : new RunPlan(scenario, mixture, grid, modes, trackedMode,
                meanVelocity, time, perCell, dir, threads, seconds.getAsDouble());
    }

    /** The same plan on another number of threads (a check runs each replica on one). */
    public RunPlan withThreads(int count) {
        return new RunPlan(scenario, mixture, grid, modes, trackedMode, meanVelocity, time, perCell, dir,
                count, checkpointEvery);
    }
}
