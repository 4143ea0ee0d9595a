package org.knudsen.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
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
 * One Dormand–Prince 5(4) step (7 right-hand sides: spectral gradient, per-point MS solve, spectral divergence)
 * of the ternary Maxwell–Stefan solver on 256 points in 1-D and on 64³ points in 3-D, with a fixed step well
 * inside the explicit stability limit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MaxwellStefanBenchmark {

    @Param({"1d-256", "3d-64"})
    public String grid;

    private MaxwellStefanSolver solver;

    @Setup(Level.Trial)
    public void setUp() {
        Mixture mixture = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
        boolean oneD = grid.equals("1d-256");
        Grid g = oneD ? Grid.of1D(256, 1) : new Grid(64, 64, 64, 1, 1, 1);
        List<FourierMode> modes = List.of(
                new FourierMode(new int[] {1, 0, 0}, new double[] {0.1, -0.05, -0.05}),
                new FourierMode(oneD ? new int[] {2, 0, 0} : new int[] {0, 1, 1}, new double[] {0.0, 0.05, -0.05}));
        solver = MaxwellStefanSolver.forMixture(mixture, g, null, 0.5, modes, IntegratorOptions.fixed(1e-7));
    }

    @Benchmark
    public double step() {
        return solver.step();
    }
}
