package org.knudsen.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.particles.CellCollider;
import org.knudsen.particles.HomogeneousRelaxation;
import org.knudsen.particles.HomogeneousRelaxation.InitialState;
import org.knudsen.particles.HomogeneousRelaxation.SpeciesState;
import org.knudsen.particles.ParticleStore;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One NTC collision step (CellCollider) over 10⁵ particles of a ternary hard-sphere mixture (masses 1:4:40,
 * c = 0.5/0.3/0.2, VSS α = 1.5) at equilibrium, either as one big cell or as 1000 cells of 100 particles.
 * Δt = 0.2/max ν_i (PHYSICS.md §10 default), so about 5–10 % of the particles collide per step. The aux
 * counter {@code collisions} gives collisions/s; the primary score is steps/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CollisionBenchmark {

    @Param({"100000", "100"})
    public int particlesPerCell;

    private static final int TOTAL = 100_000;

    private ParticleStore store;
    private CellCollider collider;
    private UniformRandomProvider rng;
    private int cells;
    private double cellVolume;
    private double dt;

    /** Collision events, reported by JMH as a rate (collisions/s) next to the primary score (steps/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long collisions;

        @Setup(Level.Iteration)
        public void reset() {
            collisions = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        AngularLaw vss = AngularLaw.vss(1.5);
        Mixture mixture = Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.3).species("C", 40, 0.2)
                .defaultKernel(new CollisionKernel(1.0, 1.0, vss)).build();
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
        cells = TOTAL / particlesPerCell;
        cellVolume = 1.0 / cells;
        // equal weights; particles grouped by cell, species interleaved within each cell
        int[] n = {TOTAL / 2, TOTAL * 3 / 10, TOTAL / 5};
        InitialState init = new InitialState(1.0, List.of(SpeciesState.equilibrium(n[0]),
                SpeciesState.equilibrium(n[1]), SpeciesState.equilibrium(n[2])));
        ParticleStore grouped = HomogeneousRelaxation.maxwellianStore(mixture, init, rng);
        store = new ParticleStore(3, TOTAL, grouped.weights());
        store.append(0, TOTAL);
        int[] next = {0, n[0], n[0] + n[1]};
        int[] end = {n[0], n[0] + n[1], TOTAL};
        for (int p = 0; p < TOTAL; p++) { // round-robin over species by their share
            int s = p % 10 < 5 ? 0 : p % 10 < 8 ? 1 : 2;
            if (next[s] >= end[s]) {
                s = next[0] < end[0] ? 0 : next[1] < end[1] ? 1 : 2;
            }
            int q = next[s]++;
            store.species()[p] = (byte) s;
            store.vx()[p] = grouped.vx()[q];
            store.vy()[p] = grouped.vy()[q];
            store.vz()[p] = grouped.vz()[q];
        }
        double maxRate = 0;
        for (int i = 0; i < 3; i++) {
            maxRate = Math.max(maxRate, TransportCoefficients.perParticleRate(mixture, i));
        }
        dt = 0.2 / maxRate;
        collider = new CellCollider(mixture, store.weights(), cells);
        step(); // initialise the majorants
    }

    private long step() {
        long before = collider.totalCollisions();
        for (int c = 0; c < cells; c++) {
            collider.collide(store, c, c * particlesPerCell, (c + 1) * particlesPerCell, cellVolume, dt, 1.0, rng);
        }
        return collider.totalCollisions() - before;
    }

    @Benchmark
    public long collisionStep(Counters counters) {
        long events = step();
        counters.collisions += events;
        return events;
    }
}
