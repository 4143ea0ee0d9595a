package org.knudsen.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Streams;
import org.knudsen.bench.WorkloadRun;
import org.knudsen.bench.WorkloadResult;
import org.knudsen.bench.Workload;
import org.knudsen.run.RunMemory;
import org.knudsen.run.RunRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code knudsen bench}: throughput of the DSMC step on named workloads (README, Performance). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Throughput of the DSMC step: particle-steps/s, collisions/s, ns per particle per kernel, "
                + "bytes per particle, step-time percentiles.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "collide",
            description = "collide, collide-dense, collide-10M, mixture or all (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads, 0 = all cores (default).")
    int threads;

    @Option(names = "--steps", description = "Timed steps (default: the workload's, 100).")
    Integer steps;

    @Option(names = "--warmup", description = "Warm-up steps (default: the workload's, 30).")
    Integer warmup;

    @Option(names = "--cells", split = ",", description = "Override the cell counts nx,ny,nz (10 particles per cell).")
    int[] cells;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ceiling", description = "Also run as many independent 1-thread copies as threads at once and "
            + "report their aggregate throughput beside the threads' (the two-process ceiling of 2 cores).")
    boolean ceiling;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    /** Refuses (before any work) a workload whose particles would not fit in the heap. */
    private void requireMemory(Workload w, int threadCount, int copies) {
        int[] c = w.cells();
        long total = (long) c[0] * c[1] * c[2];
        long particles = w.particles();
        int species = w.species();
        // a bench allocates the step's cell arrays, and the monitor's only where it takes moments; it writes no snapshot
        long need = copies * (RunMemory.particleBytes(particles) + RunMemory.stepCellBytes(total, species, threadCount)
                + (w.mixture() ? RunMemory.monitorCellBytes(total, species) : 0)
                + (w.importanceWeights() ? RunMemory.importanceBytes(particles, total) : 0));
        if (particles > Integer.MAX_VALUE - (1L << 24) || need > RunMemory.available()) {
            throw new InputException(String.format(java.util.Locale.ROOT, "%s = %d,%d,%d: %d particles need about %.0f "
                    + "MiB, more than %.0f%% of the Java heap (%.0f MiB); use fewer cells or a larger heap "
                    + "(KNUDSEN_JAVA_OPTS=-Xmx...)", cells != null ? "--cells" : "workload " + w.name() + " cells",
                    c[0], c[1], c[2], particles, need / 1048576.0, 100 * RunMemory.HEAP_FRACTION,
                    Runtime.getRuntime().maxMemory() / 1048576.0));
        }
    }

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            List<Workload> chosen = new ArrayList<>();
            try {
                if (workload.equals("all")) {
                    chosen.addAll(Workload.workloads());
                } else {
                    chosen.add(Workload.workload(workload));
                }
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage());
            }
            String threadProblem = RunRules.threadProblem(threads);
            if (threadProblem != null) {
                throw new InputException("--threads = " + threads + ": " + threadProblem);
            }
            if (steps != null && steps < 1 || warmup != null && warmup < 0) {
                throw new InputException("--steps must be >= 1 and --warmup >= 0");
            }
            if (cells != null && (cells.length != 3 || cells[0] < 1 || cells[1] < 1 || cells[2] < 1)) {
                throw new InputException("--cells must be three integers >= 1, e.g. 100,100,10");
            }
            int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            List<Workload> planned = new ArrayList<>();
            for (Workload w : chosen) {
                if (steps != null || warmup != null) {
                    w = w.withSteps(warmup != null ? warmup : w.warmupSteps(), steps != null ? steps : w.timedSteps());
                }
                if (cells != null) {
                    try {
                        w = w.withCells(cells);
                    } catch (IllegalArgumentException e) {
                        throw new InputException(e.getMessage());
                    }
                }
                requireMemory(w, t, ceiling && t > 1 ? t : 1);
                planned.add(w);
            }
            List<Object> results = new ArrayList<>();
            for (Workload w : planned) {
                WorkloadResult r = WorkloadRun.run(w, t, seed, ceiling);
                if (json) {
                    results.add(r.toMap());
                } else {
                    out.print(r.toText());
                    out.println();
                    out.flush();
                }
            }
            if (json) {
                JsonOutput.write(results.size() == 1 ? results.get(0) : results, out);
            }
            out.flush();
            return Knudsen.OK;
        });
    }
}
