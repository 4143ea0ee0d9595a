package org.knudsen.check;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.TabulatedFields;
import org.knudsen.fluid.TabulatedFluidState;
import org.knudsen.io.FieldsFile;
import org.knudsen.io.ReplicaFile;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.physics.Mixture;
import org.knudsen.run.ParticleRun;
import org.knudsen.run.ReplicaSeeds;
import org.knudsen.run.RunPlan;
import org.knudsen.scenario.Scenario;

/**
 * Runs replicas of a check: replica r is the scenario's {@link ParticleRun} against M^ε built on the external fields,
 * single-threaded, with the seed {@link ReplicaSeeds#replicaSeed}(scenario seed, r); at every output time it records
 * the tracked mode's amplitude and every cell concentration (particles and reference) in its replica file; with
 * importance weights the particle figures are the variance-reduced estimates ({@link #REDUCED}).
 */
final class ReplicaRunner {
    /**
     * The {@link ReplicaFile#ESTIMATOR} of a scenario with importance weights: its replicas record the variance-reduced
     * estimates (docs/variance-reduction.md). The plain estimates of such a run are those of the same run without
     * weights, which is the cheaper way to get them.
     */
    static final String REDUCED = "importance-weights reduced";

    private ReplicaRunner() {
    }

    static void runReplicas(RunPlan plan, TabulatedFields fields, Map<String, String> base, int[] todo,
                                    Path replicaDir, int threads, PrintStream out) {
        if (threads <= 1) {
            for (int r : todo) {
                runReplica(plan, fields, base, r, replicaDir, out);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "knudsen-replica");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int r : todo) {
                futures.add(pool.submit(() -> runReplica(plan, fields, base, r, replicaDir, out)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("check interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a replica failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs replica r single-threaded and writes its replica file. */
    static void runReplica(RunPlan plan, TabulatedFields fields, Map<String, String> base, int r,
                           Path replicaDir, PrintStream out) {
        long t0 = System.nanoTime();
        Mixture m = plan.mixture();
        int n = m.size();
        TabulatedFluidState reference = new TabulatedFluidState(fields, plan.grid(), m.concentrations(),
                TabulatedFluidState.SpaceInterpolation.FOURIER, TabulatedFluidState.TimeInterpolation.CUBIC);
        long seed = ReplicaSeeds.replicaSeed(plan.scenario().seed(), r);
        double[] times = plan.outputTimes();
        int cells = plan.grid().cellCount();
        double[][][] particle = new double[times.length][n][cells + 1];
        double[][][] ref = new double[times.length][n][cells + 1];
        int particles;
        boolean reduced;
        try (ParticleRun run = new ParticleRun(plan.withThreads(1), reference, seed)) {
            run.initialise();
            particles = run.dsmc().store().size();
            reduced = run.varianceReduced();
            for (int k = 0; k < times.length; k++) {
                while (run.steps() < plan.sampleStep(k)) {
                    run.step();
                }
                DeviationMonitor.Sample s = run.sample(times[k]); // leaves the cell averages loaded
                double[][] cellFields = reduced ? run.lastReducedCellFields() : run.lastCellFields();
                double[] mode = reduced ? run.reduced().mode() : s.modeParticles();
                for (int i = 0; i < n; i++) {
                    particle[k][i][0] = mode[i];
                    ref[k][i][0] = s.modeFluid()[i];
                    for (int c = 0; c < cells; c++) {
                        particle[k][i][1 + c] = cellFields[i][c];
                        ref[k][i][1 + c] = run.maxwellian().concentration(i, c);
                    }
                }
            }
        }
        Map<String, String> header = new LinkedHashMap<>(base);
        header.put("replica", Integer.toString(r));
        header.put("seed", Long.toString(seed));
        header.put("species", String.join(",", plan.scenario().speciesNames()));
        int[] mode = plan.trackedMode();
        header.put("mode", mode[0] + "," + mode[1] + "," + mode[2]);
        header.put("particles", Integer.toString(particles));
        header.put(ReplicaFile.ESTIMATOR, reduced ? REDUCED : ReplicaFile.PLAIN_ESTIMATOR);
        header.put("cells", Integer.toString(cells));
        header.put("steps", Long.toString(plan.steps()));
        header.put("dt", Double.toString(plan.dt()));
        header.put("epsilon", Double.toString(plan.scenario().epsilon()));
        header.put("times", ReplicaFile.joinExact(times));
        ReplicaFile.Data data = new ReplicaFile.Data(header, particle, ref);
        int replicas = Integer.parseInt(base.get("replicas"));
        ReplicaFile.write(replicaDir.resolve(ReplicaFile.fileName(r, replicas)), data);
        synchronized (out) {
            out.printf(Locale.ROOT, "knudsen: replica %d of %d done (seed %d, %d particles, %.1f s)%n", r, replicas,
                    seed, particles, (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
    }

    /**
     * Re-references existing replicas to another fields file: copies the replica files of R replicas found in
     * {@code replicaDirs} into {@code out/replicas/} with the particle values kept and the reference values (mode
     * amplitude from the cell-centre values, exact cell averages: the same formulas as {@link DeviationMonitor})
     * recomputed from {@code fieldsFile}. The particles were started with the drift of the original reference at
     * t = 0, so this equals a fresh check only up to that initial drift (a momentum layer of duration O(ε²) that
     * moves the concentrations by O(ε² × separation)); used by the power scan, where it saves one particle run per
     * trial reference. Then {@link CrossCheck#merge} the output directory.
     */
    public static void rereference(Scenario scenario, Path fieldsFile, List<Path> replicaDirs, int replicas, Path out) {
        RunPlan plan = CrossCheck.planOf(scenario);
        Mixture m = plan.mixture();
        int n = m.size();
        double[] masses = m.masses();
        TabulatedFields fields = FieldsFile.read(fieldsFile, scenario.speciesNames(), plan.grid().lengths());
        String sha = ReplicaFile.sha256(fieldsFile);
        double[] cosines = org.knudsen.moments.ModeAmplitudes.cellCosines(plan.grid(),
                org.knudsen.fluid.FourierMode.angularWavevector(plan.trackedMode(), plan.grid().lengths()));
        int cells = plan.grid().cellCount();
        double[] field = new double[cells];
        for (Path d : replicaDirs) {
            for (Path f : ReplicaSet.replicaFiles(d)) {
                if (ReplicaSet.replicasOf(f) != replicas) {
                    continue;
                }
                ReplicaFile.Data data = ReplicaFile.read(f);
                TabulatedFluidState reference = new TabulatedFluidState(fields, plan.grid(), m.concentrations(),
                        TabulatedFluidState.SpaceInterpolation.FOURIER, TabulatedFluidState.TimeInterpolation.CUBIC);
                LocalMaxwellian maxwellian = new LocalMaxwellian(reference, masses, scenario.epsilon());
                double[] times = data.times();
                double[][][] ref = new double[times.length][n][cells + 1];
                for (int k = 0; k < times.length; k++) {
                    maxwellian.update(times[k]);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < cells; c++) {
                            field[c] = maxwellian.concentration(i, c);
                        }
                        ref[k][i][0] = org.knudsen.moments.ModeAmplitudes.gridAmplitude(field, cosines);
                    }
                    maxwellian.updateCellAverages(times[k]);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < cells; c++) {
                            ref[k][i][1 + c] = maxwellian.concentration(i, c);
                        }
                    }
                }
                Map<String, String> header = new LinkedHashMap<>(data.header());
                header.putIfAbsent("scenario_seed", Long.toString(scenario.seed())); // files of older versions
                header.put(ReplicaFile.ESTIMATOR, ReplicaFile.estimator(data.header()));
                header.put("fields", fieldsFile.getFileName().toString());
                header.put("fields_sha256", sha);
                ReplicaFile.write(out.resolve(CrossCheck.REPLICA_DIR).resolve(f.getFileName().toString()),
                        new ReplicaFile.Data(header, data.particle(), ref));
            }
        }
    }
}
