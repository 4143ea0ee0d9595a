package org.knudsen.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A named workload of {@code knudsen bench}: the cells of the 3-D torus (10 particles per cell), the collision
 * events per particle per step (or the 3-species mixture with moments at every step), and the warm-up and timed steps;
 * or ({@code ternary}) the particle problem of the embedded default scenario at {@link #TERNARY_PER_CELL} particles per
 * cell from its perturbed initial data, plain or with importance weights (docs/variance-reduction.md), whose pair
 * gives the step cost of the variance reduction.
 */
public record Workload(String name, int[] cells, double collisionsPerParticleStep, boolean mixture,
                       int warmupSteps, int timedSteps, boolean ternary, boolean importanceWeights) {
    /** Particles per cell of every workload (SPARTA's bench/in.collide has 10). */
    public static final int PER_CELL = 10;
    /** Collision events per particle per step of {@code collide} (SPARTA's in.collide). */
    public static final double COLLIDE_FRACTION = 0.07;
    /** The same for {@code collide-dense}. */
    public static final double DENSE_FRACTION = 0.70;

    /** Particles per cell of the ternary workloads (those of docs/variance-reduction.md's measurements). */
    public static final int TERNARY_PER_CELL = 2000;
    /** The default scenario's cells (ternary workloads). */
    private static final int[] TERNARY_CELLS = {64, 1, 1};

    public Workload {
        cells = cells.clone();
    }

    /** A box workload (argon-like or the moment-taking mixture). */
    public Workload(String name, int[] cells, double collisionsPerParticleStep, boolean mixture, int warmupSteps,
                    int timedSteps) {
        this(name, cells, collisionsPerParticleStep, mixture, warmupSteps, timedSteps, false, false);
    }

    @Override
    public int[] cells() {
        return cells.clone();
    }

    /** Cells × particles per cell (expected, for the ternary workloads). */
    public long particles() {
        return (long) (ternary ? TERNARY_PER_CELL : PER_CELL) * cells[0] * cells[1] * cells[2];
    }

    /** Species of the workload's mixture. */
    public int species() {
        return mixture || ternary ? 3 : 1;
    }

    /** The workloads in the order of {@code --workload all}. */
    public static List<Workload> workloads() {
        return List.of(
                new Workload("collide", new int[] {100, 100, 10}, COLLIDE_FRACTION, false, 30, 100),
                new Workload("collide-dense", new int[] {100, 100, 10}, DENSE_FRACTION, false, 30, 100),
                new Workload("collide-10M", new int[] {1000, 100, 10}, COLLIDE_FRACTION, false, 30, 100),
                new Workload("mixture", new int[] {100, 100, 10}, 0, true, 30, 100),
                new Workload("ternary", TERNARY_CELLS, 0, false, 10, 40, true, false),
                new Workload("ternary-vr", TERNARY_CELLS, 0, false, 10, 40, true, true));
    }

    /** The workload of that name; IllegalArgumentException naming the known ones otherwise. */
    public static Workload workload(String name) {
        for (Workload w : workloads()) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        List<String> names = new ArrayList<>();
        workloads().forEach(w -> names.add(w.name()));
        throw new IllegalArgumentException("workload = " + name + " must be one of " + names + " or all");
    }

    /**
     * The SPARTA run this workload is measured against (docs/performance.md gives the inputs in full): its input
     * deck and the variables that set the same particles, cells and collisions per particle per step.
     */
    public String spartaCounterpart() {
        long cellCount = (long) cells[0] * cells[1] * cells[2];
        if (ternary) {
            return "none (the default scenario's particle problem" + (importanceWeights ? " with importance weights" : "")
                    + "; compare ternary with ternary-vr)";
        }
        String grid = "-var x " + cells[0] + " -var y " + cells[1] + " -var z " + cells[2];
        if (mixture) {
            return "in.mixture (docs/performance.md: 3 species 1:4:40, Maxwell molecules, 0.1 collisions/particle/step, "
                    + "compute grid n u v w usq vsq wsq ke temp + fix ave/grid 1 1 1) " + grid;
        }
        return "bench/in.collide " + grid + (collisionsPerParticleStep == DENSE_FRACTION
                ? " with the timed run's timestep 7.0e-8 (10x)" : "") + " (" + cellCount * PER_CELL + " Ar)";
    }

    /** The same workload on other cell counts (e.g. the 10^8-particle run). */
    public Workload withCells(int[] newCells) {
        if (ternary) {
            throw new IllegalArgumentException("--cells applies to the box workloads (collide, collide-dense, "
                    + "collide-10M, mixture), not to " + name + ", which has the default scenario's cells");
        }
        return new Workload(name, newCells, collisionsPerParticleStep, mixture, warmupSteps, timedSteps);
    }

    /** The same workload with other warm-up and timed step counts. */
    public Workload withSteps(int warmup, int timed) {
        return new Workload(name, cells, collisionsPerParticleStep, mixture, warmup, timed, ternary, importanceWeights);
    }
}
