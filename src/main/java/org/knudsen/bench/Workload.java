package org.knudsen.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A named workload of {@code knudsen bench}: the cells of the 3-D torus (10 particles per cell), the collision
 * events per particle per step (or the 3-species mixture with moments at every step), and the warm-up and timed steps.
 */
public record Workload(String name, int[] cells, double collisionsPerParticleStep, boolean mixture,
                       int warmupSteps, int timedSteps) {
    /** Particles per cell of every workload (SPARTA's bench/in.collide has 10). */
    public static final int PER_CELL = 10;
    /** Collision events per particle per step of {@code collide} (SPARTA's in.collide). */
    public static final double COLLIDE_FRACTION = 0.07;
    /** The same for {@code collide-dense}. */
    public static final double DENSE_FRACTION = 0.70;

    public Workload {
        cells = cells.clone();
    }

    @Override
    public int[] cells() {
        return cells.clone();
    }

    /** Cells × {@link #PER_CELL}. */
    public long particles() {
        return (long) PER_CELL * cells[0] * cells[1] * cells[2];
    }

    /** The workloads in the order of {@code --workload all}. */
    public static List<Workload> workloads() {
        return List.of(
                new Workload("collide", new int[] {100, 100, 10}, COLLIDE_FRACTION, false, 30, 100),
                new Workload("collide-dense", new int[] {100, 100, 10}, DENSE_FRACTION, false, 30, 100),
                new Workload("collide-10M", new int[] {1000, 100, 10}, COLLIDE_FRACTION, false, 30, 100),
                new Workload("mixture", new int[] {100, 100, 10}, 0, true, 30, 100));
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
        return new Workload(name, newCells, collisionsPerParticleStep, mixture, warmupSteps, timedSteps);
    }

    /** The same workload with other warm-up and timed step counts. */
    public Workload withSteps(int warmup, int timed) {
        return new Workload(name, cells, collisionsPerParticleStep, mixture, warmup, timed);
    }
}
