package org.knudsen.bench;

import org.knudsen.moments.DeviationMonitor;
import org.knudsen.particles.CellSort;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.ParticleStore;
import org.knudsen.physics.Grid;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.run.RunStatistics;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioOverrides;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.scenario.VarianceReduction;
import org.knudsen.run.ParticleRun;
import org.knudsen.run.RunPlan;
import java.util.List;
import org.knudsen.simd.MomentAccumulator;
import org.knudsen.simd.VectorizationProvider;

/**
 * The workloads of {@code knudsen bench} and their measurement loop: throughput of the whole DSMC step
 * (collide, stream, sort, and moments where asked) on a 3-D torus at equilibrium, with the wall time of
 * each kernel and the step-time percentiles ({@link RunStatistics}, HdrHistogram).
 *
 * <p>The {@code collide*} workloads are the counterpart of SPARTA's {@code bench/in.collide}: one species
 * (m = 1, c = 1), kernel C|g|^0.38 with VSS α = 1.4 (argon-like), ε = 1, 10 particles per cell, cubic cells
 * whose side is one mean free path λ = ⟨|v|⟩/ν (ν = {@link TransportCoefficients#perParticleRate}), and Δt
 * such that the expected number of collision EVENTS per particle per step is f: events per unit volume
 * and time are ½ c ν for one species, so Δt = 2 f / ν (PHYSICS.md §3). A particle then moves 2f cell
 * sides per step on average (0.14 for f = 0.07).
 */
public final class WorkloadRun {
    private WorkloadRun() {
    }

    /** The one-species argon-like mixture of the collide workloads. */
    static Mixture argonLike() {
        return Mixture.builder().species("Ar", 1, 1)
                .defaultKernel(new CollisionKernel(1, 0.38, AngularLaw.vss(1.4))).build();
    }

    /**
     * A workload set up and initialised, ready to step: {@link #step()} runs one DSMC step (and the moments of
     * every group for the mixture workload) and returns the wall nanoseconds spent in the moments.
     */
    public static final class Prepared implements AutoCloseable {
        private final Workload workload;
        private final SpatialDsmc dsmc;
        private final double dt;
        /** One step; the nanoseconds of the moment accumulation (0 without moments). */
        private final java.util.function.LongSupplier step;
        /** Closes what owns the solver and its threads (the particle run of a ternary workload, else the solver). */
        private final Runnable closer;
        /** The moment kernel's name, "-" for a workload without moments. */
        private final String momentKernel;

        private Prepared(Workload workload, SpatialDsmc dsmc, double dt, java.util.function.LongSupplier step,
                         Runnable closer, String momentKernel) {
            this.workload = workload;
            this.dsmc = dsmc;
            this.dt = dt;
            this.step = step;
            this.closer = closer;
            this.momentKernel = momentKernel;
        }

        /** A ternary workload: the default scenario's particle run (its own DSMC, initial data, importance weights). */
        private static Prepared scenario(Workload w, int threads, long seed) {
            RunPlan plan = ternaryPlan(w.importanceWeights(), threads, seed);
            ParticleRun run = ternaryRun(plan, seed);
            run.initialise();
            return new Prepared(w, run.dsmc(), plan.dt(), () -> {
                run.step();
                return 0;
            }, run::close, "-");
        }

        /** A collide or mixture workload: a uniform equilibrium on the workload's grid (the mixture's with moments). */
        private static Prepared synthetic(Workload w, int threads, long seed) {
            Mixture mixture;
            double epsilon, side, dt;
            if (w.mixture()) {
                Scenario s = ScenarioParser.defaultScenario();
                mixture = s.mixture();
                epsilon = s.epsilon();
                dt = Scenario.autoTimeStep(mixture, epsilon);
                side = 1.0 / w.cells()[0]; // unit box in x, cubic cells
            } else {
                mixture = argonLike();
                epsilon = 1;
                double nu = TransportCoefficients.perParticleRate(mixture, 0);
                dt = 2 * w.collisionsPerParticleStep() / nu;
                side = TransportCoefficients.meanSpeed(mixture.mass(0)) / nu; // one mean free path (ε = 1)
            }
            int[] c = w.cells();
            Grid grid = Grid.of(c, new double[] {c[0] * side, c[1] * side, c[2] * side});
            double weight = mixture.totalConcentration() * grid.cellVolume() / Workload.PER_CELL;
            double[] weights = new double[mixture.size()];
            java.util.Arrays.fill(weights, weight);
            SpatialDsmc dsmc = new SpatialDsmc(mixture, grid, epsilon, weights, threads, seed);
            dsmc.initialise(InitialProfile.uniform(mixture.concentrations()));
            if (!w.mixture()) {
                return new Prepared(w, dsmc, dt, () -> {
                    dsmc.step(dt);
                    return 0;
                }, dsmc::close, "-");
            }
            int species = mixture.size();
            MomentAccumulator accumulator = VectorizationProvider.get().momentAccumulator();
            double[] sums = new double[grid.cellCount() * species * MomentAccumulator.SLOTS];
            double[] sqrtMass = new double[species];
            for (int i = 0; i < species; i++) {
                sqrtMass[i] = Math.sqrt(mixture.mass(i));
            }
            return new Prepared(w, dsmc, dt, () -> {
                dsmc.step(dt);
                long t0 = System.nanoTime();
                DeviationMonitor.accumulateMoments(dsmc, accumulator, sqrtMass, sums);
                return System.nanoTime() - t0;
            }, dsmc::close, accumulator.name());
        }

        /** One step; returns the nanoseconds of the moment accumulation (0 without moments). */
        public long step() {
            return step.getAsLong();
        }

        public SpatialDsmc dsmc() {
            return dsmc;
        }

        public Workload workload() {
            return workload;
        }

        public double dt() {
            return dt;
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    /** The default scenario at {@link Workload#TERNARY_PER_CELL} per cell, with or without importance weights. */
    private static RunPlan ternaryPlan(boolean importanceWeights, int threads, long seed) {
        Scenario s = ScenarioParser.parse(ScenarioParser.defaultScenarioText(), ScenarioParser.DEFAULT_RESOURCE,
                "default", org.knudsen.scenario.ScenarioRule.NONE, ScenarioOverrides.of(List.of(
                        "particles.per_cell=" + Workload.TERNARY_PER_CELL,
                        "particles.variance_reduction=\"" + (importanceWeights ? VarianceReduction.IMPORTANCE_WEIGHTS
                                : VarianceReduction.NONE).tomlName() + "\""),
                        seed, null));
        return RunPlan.of(s).withThreads(threads);
    }

    /** The plan's particle run against its Maxwell–Stefan solution, as {@code knudsen run} builds it (no outputs). */
    private static ParticleRun ternaryRun(RunPlan plan, long seed) {
        return new ParticleRun(plan, plan.maxwellStefan(plan.closure().delta(plan.mixture())), seed);
    }

    /** Sets up and initialises a workload (allocates everything the steps need). */
    public static Prepared prepare(Workload w, int threads, long seed) {
        return w.ternary() ? Prepared.scenario(w, threads, seed) : Prepared.synthetic(w, threads, seed);
    }

    /** Runs a workload: initialise, warm up, then time each step (and the moments, for the mixture). */
    public static WorkloadResult run(Workload w, int threads, long seed) {
        return run(w, threads, seed, false);
    }

    /**
     * As {@link #run(Workload, int, long)}; with {@code ceiling} (and more than one thread) also the aggregate
     * throughput of {@code threads} independent 1-thread copies stepping at once ({@link #independentCopies}).
     */
    public static WorkloadResult run(Workload w, int threads, long seed, boolean ceiling) {
        WorkloadResult r = measure(w, threads, seed);
        if (!ceiling || threads < 2) {
            return r;
        }
        return r.withCeiling(independentCopies(w, threads, seed));
    }

    /**
     * The ceiling of {@code copies} threads on this machine: that many independent copies of the workload, each on
     * one thread of its own (same seed), warmed up, then timed stepping at once; returns Σ particle-steps / wall time
     * from the common start to the last copy's end. The copies share nothing but the JVM and the machine (memory
     * bandwidth, caches, the cores), so this is what two separate 1-thread processes would reach. Each copy's kernel
     * times are taken over its timed steps too.
     */
    public static WorkloadResult.Ceiling independentCopies(Workload w, int copies, long seed) {
        Prepared[] prepared = new Prepared[copies];
        try {
            for (int c = 0; c < copies; c++) {
                prepared[c] = prepare(w, 1, seed);
            }
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(copies + 1);
            long[] particleSteps = new long[copies];
            long[][] kernelNanos = new long[copies][];
            long[] momentNanos = new long[copies];
            Thread[] threads = new Thread[copies];
            Throwable[] failure = new Throwable[1];
            for (int c = 0; c < copies; c++) {
                final int copy = c;
                threads[c] = new Thread(() -> {
                    try {
                        for (int s = 0; s < w.warmupSteps(); s++) {
                            prepared[copy].step();
                        }
                        start.await();
                        long[] before = prepared[copy].dsmc().kernelNanos();
                        for (int s = 0; s < w.timedSteps(); s++) {
                            momentNanos[copy] += prepared[copy].step();
                            particleSteps[copy] += prepared[copy].dsmc().store().size();
                        }
                        long[] after = prepared[copy].dsmc().kernelNanos();
                        for (int k = 0; k < after.length; k++) {
                            after[k] -= before[k];
                        }
                        kernelNanos[copy] = after;
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        start.reset();
                    }
                }, "knudsen-bench-copy-" + c);
                threads[c].start();
            }
            start.await();
            long t0 = System.nanoTime();
            for (Thread t : threads) {
                t.join();
            }
            long wall = System.nanoTime() - t0;
            synchronized (failure) {
                if (failure[0] != null) {
                    throw new IllegalStateException("an independent copy failed", failure[0]);
                }
            }
            long sum = 0;
            double[] perParticle = new double[4]; // stream, sort, collide, moments: mean over copies / copies
            for (int c = 0; c < copies; c++) {
                sum += particleSteps[c];
                for (int k = 0; k < 3; k++) {
                    perParticle[k] += kernelNanos[c][k] / (double) particleSteps[c] / copies / copies;
                }
                perParticle[3] += momentNanos[c] / (double) particleSteps[c] / copies / copies;
            }
            return new WorkloadResult.Ceiling(sum * 1e9 / wall, perParticle[0], perParticle[1], perParticle[2],
                    perParticle[3]);
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("independent copies interrupted", e);
        } finally {
            for (Prepared p : prepared) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    private static WorkloadResult measure(Workload w, int threads, long seed) {
        try (Prepared prepared = prepare(w, threads, seed)) {
            SpatialDsmc dsmc = prepared.dsmc();
            for (int s = 0; s < w.warmupSteps(); s++) {
                prepared.step();
            }
            RunStatistics stats = new RunStatistics();
            long[] before = dsmc.kernelNanos();
            long collisionsBefore = dsmc.totalCollisions();
            long momentNanos = 0;
            long particleSum = 0;
            for (int s = 0; s < w.timedSteps(); s++) {
                long c0 = dsmc.totalCollisions();
                long t0 = System.nanoTime();
                momentNanos += prepared.step();
                long t1 = System.nanoTime();
                int particles = dsmc.store().size();
                particleSum += particles;
                stats.recordStep(t1 - t0, particles, dsmc.totalCollisions() - c0);
            }
            long[] after = dsmc.kernelNanos();
            double perParticle = 1.0 / particleSum;
            long collisions = dsmc.totalCollisions() - collisionsBefore;
            return new WorkloadResult(w.name(), dsmc.store().size(), dsmc.grid().cellCount(), w.timedSteps(),
                    (double) collisions / particleSum, dsmc.threads(), stats.particleStepsPerSecond(),
                    stats.collisionsPerSecond(), (after[0] - before[0]) * perParticle,
                    (after[1] - before[1]) * perParticle, (after[2] - before[2]) * perParticle,
                    momentNanos * perParticle, ParticleStore.bytesPerParticle()
                            + (w.importanceWeights() ? ParticleStore.importanceBytesPerParticle() : 0),
                    ParticleStore.scratchBytesPerParticle() + CellSort.bufferBytesPerParticle(),
                    stats.stepTimeMicros(50), stats.stepTimeMicros(99), stats.maxStepTimeMicros(),
                    RunStatistics.peakHeapMb(), prepared.momentKernel,
                    checksum(dsmc.store()), w.spartaCounterpart(), null);
        }
    }

    /**
     * An order-dependent hash of every position, velocity, species and (with variance reduction) importance-weight bit:
     * same seed → same value, any thread count (also the state the SIMD fork tests compare).
     */
    public static String checksum(ParticleStore store) {
        var x = store.x();
        var y = store.y();
        var z = store.z();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        byte[] s = store.species();
        double[] w = store.importance();
        long h = 1;
        for (int p = 0, n = store.size(); p < n; p++) {
            h = 31 * h + Double.doubleToRawLongBits(x[p]);
            h = 31 * h + Double.doubleToRawLongBits(y[p]);
            h = 31 * h + Double.doubleToRawLongBits(z[p]);
            h = 31 * h + Double.doubleToRawLongBits(vx[p]);
            h = 31 * h + Double.doubleToRawLongBits(vy[p]);
            h = 31 * h + Double.doubleToRawLongBits(vz[p]);
            h = 31 * h + s[p];
            if (w != null) {
                h = 31 * h + Double.doubleToRawLongBits(w[p]);
            }
        }
        return String.format("%016x", h);
    }
}
