package org.knudsen.run;

import org.knudsen.particles.CellSort;
import org.knudsen.particles.ParticleStore;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.scenario.RunKind;
import org.knudsen.scenario.DomainSpec;
import org.knudsen.scenario.Scenario;

/**
 * The heap a run needs, from the sizes of the arrays its solvers allocate: the particle store with its sort buffers
 * (per particle) and importance weights with their smoothing's scratch, the colliders, the sort's group counts and
 * the deviation monitor (per cell and species), and the Maxwell–Stefan grid with its Dormand–Prince stages, operator
 * and local-Maxwellian buffers (per grid point and species). A run whose need exceeds {@link #HEAP_FRACTION} of the heap is refused before it writes anything.
 */
public final class RunMemory {
    /** Part of the maximum heap a run may plan to use (the rest: garbage-collector head room, plots, the JVM's own). */
    public static final double HEAP_FRACTION = 0.8;
    /** The JVM's classes, the libraries and the plots, independent of the run's size. */
    static final long BASELINE_BYTES = 64L << 20;
    /** Doubles per Maxwell–Stefan grid point and species: 12 solver buffers, 15 DP5 stages, 3 gradients, 4 of M^ε. */
    static final int FLUID_DOUBLES_PER_POINT_AND_SPECIES = 34;
    /** Doubles per Maxwell–Stefan grid point for the source-projection tensors. */
    static final int FLUID_DOUBLES_PER_POINT = 16;
    /** Capacity the store reserves beyond the expected particle count (SpatialDsmc: 1 % and the rounding spread). */
    static final double PARTICLE_MARGIN = 1.02;

    private RunMemory() {
    }

    /** Bytes of one particle with its scratch column and sort key. */
    public static long bytesPerParticle() {
        return ParticleStore.bytesPerParticle() + ParticleStore.scratchBytesPerParticle()
                + CellSort.bufferBytesPerParticle();
    }

    /** The particles alone (what {@code knudsen info} reported before the per-cell and fluid parts were counted). */
    public static long particleBytes(long particles) {
        return (long) Math.ceil(particles * PARTICLE_MARGIN) * bytesPerParticle();
    }

    /**
     * The per-cell arrays of a spatial run: those of the step ({@link #stepCellBytes}), the deviation monitor's sums
     * ({@link #monitorCellBytes}) and a snapshot's fields while it is written ({@link #snapshotCellBytes}).
     */
    public static long cellBytes(long cells, int species, int threads) {
        return stepCellBytes(cells, species, threads) + monitorCellBytes(cells, species) + snapshotCellBytes(cells, species);
    }

    /** The step's per-cell arrays: collider majorants (2 doubles per species pair) and the sort's counts per chunk. */
    public static long stepCellBytes(long cells, int species, int threads) {
        return cells * (16L * species * species + 4L * species * (1 + threads));
    }

    /** The deviation monitor's moment sums and references (61 doubles per species) and its 2 per-cell doubles. */
    public static long monitorCellBytes(long cells, int species) {
        return cells * 8L * (61L * species + 2);
    }

    /**
     * A snapshot's fields while it is written: c, dev, u and T of the moments, Maxwell–Stefan c and u, the interleaved
     * vectors (15 doubles per species and 1).
     */
    public static long snapshotCellBytes(long cells, int species) {
        return cells * 8L * (15L * species + 1);
    }

    /** Importance weights of {@code particles} particles and their smoothing's scratch on a grid of {@code cells}. */
    public static long importanceBytes(long particles, long cells) {
        return (long) Math.ceil(particles * PARTICLE_MARGIN) * ParticleStore.importanceBytesPerParticle()
                + SpatialDsmc.smoothingScratchBytes(cells);
    }

    /** The Maxwell–Stefan solver on {@code points} grid points. */
    public static long fluidBytes(long points, int species) {
        return points * 8L * (FLUID_DOUBLES_PER_POINT_AND_SPECIES * (long) species + FLUID_DOUBLES_PER_POINT);
    }

    /** Everything a spatial particle run of this scenario allocates, on {@code threads} threads. */
    public static long spatialRun(Scenario s, int threads) {
        DomainSpec d = s.domain().orElseThrow();
        int n = s.species().size();
        long cells = d.totalCells();
        long particles = cells * s.particles().orElseThrow().perCell();
        long importance = s.particles().get().varianceReduced() ? importanceBytes(particles, cells) : 0;
        return BASELINE_BYTES + particleBytes(particles) + importance + cellBytes(cells, n, threads) + fluidBytes(cells, n);
    }

    /** The Maxwell–Stefan solver alone, with one snapshot's fields. */
    public static long fluidRun(Scenario s) {
        DomainSpec d = s.domain().orElseThrow();
        int n = s.species().size();
        return BASELINE_BYTES + fluidBytes(d.totalCells(), n) + d.totalCells() * 8L * 8 * n;
    }

    /**
     * Heap for the run a scenario makes: for a spatial particle run the particles, the per-cell arrays and the
     * Maxwell–Stefan grid; for a fluid-only run the grid alone; 0 for a homogeneous one.
     */
    public static long of(Scenario s) {
        return switch (RunKind.of(s, false)) {
            case SPATIAL -> spatialRun(s, RunRules.threads(s));
            case FLUID -> fluidRun(s);
            case HOMOGENEOUS -> 0;
        };
    }

    /** What {@code knudsen info --json} adds about a run of the scenario: memory and, for a particle run, wall time. */
    public static java.util.Map<String, Object> estimates(Scenario s) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (s.domain().isPresent()) {
            m.put("memory_estimate_mb", of(s) / 1048576.0);
        }
        if (RunKind.of(s, false) == RunKind.SPATIAL) {
            m.put("estimated_wall_time_s", Simulation.estimatedSeconds(s));
        }
        return m;
    }

    /** The heap this JVM may use for a run. */
    public static long available() {
        return (long) (HEAP_FRACTION * Runtime.getRuntime().maxMemory());
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
