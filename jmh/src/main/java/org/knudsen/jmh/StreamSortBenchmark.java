package org.knudsen.jmh;

import java.util.concurrent.TimeUnit;
import org.knudsen.particles.InitialProfile;
import org.knudsen.physics.Grid;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.simd.StreamKernel;
import org.knudsen.simd.VectorizationProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming fused with the cell-key computation (x ← x + vΔt/ε with periodic wrap, key = cell·N + species),
 * Vector-API kernel ("vector" = the width the provider chooses here, "vector-256" ... = that width) against its
 * scalar twin, and the stable (cell, species) counting sort (keys from the positions, then the column-wise
 * scatter), on 10^6 particles of the default ternary mixture in 100×100×10
 * cells, one thread. Score: ns per particle. The sort re-sorts a store that stays almost sorted (the stream
 * benchmark moves particles by 10^-3 box lengths per call), as in a DSMC step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class StreamSortBenchmark {
    private static final int PER_CELL = 10;
    private static final int PARTICLES = 100 * 100 * 10 * PER_CELL;

    @Param({"scalar", "vector", "vector-256", "vector-512"})
    public String kernel;

    private SpatialDsmc dsmc;
    private StreamKernel streamKernel;
    private int[] key;

    @Setup(Level.Trial)
    public void setUp() {
        Mixture mixture = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
        Grid grid = Grid.of(new int[] {100, 100, 10}, new double[] {1, 1, 0.1});
        double w = mixture.totalConcentration() * grid.cellVolume() / PER_CELL;
        dsmc = new SpatialDsmc(mixture, grid, 0.1, new double[] {w, w, w}, 1, 1L);
        dsmc.initialise(InitialProfile.uniform(mixture.concentrations()));
        streamKernel = switch (kernel) {
            case "scalar" -> VectorizationProvider.scalar().streamKernel();
            case "vector" -> VectorizationProvider.vector().streamKernel();
            default -> VectorizationProvider.vectorStreamKernel(Integer.parseInt(kernel.substring("vector-".length())));
        };
        key = new int[dsmc.store().capacity()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dsmc.close();
    }

    @Benchmark
    @OperationsPerInvocation(PARTICLES)
    public void streamAndKey() {
        org.knudsen.particles.Streaming.streamAndKey(streamKernel, dsmc.store(), dsmc.grid(), 0, dsmc.store().size(), 1e-3, key);
    }

    @Benchmark
    @OperationsPerInvocation(PARTICLES)
    public void sortOnly() {
        dsmc.sort().sort(dsmc.store());
    }
}
