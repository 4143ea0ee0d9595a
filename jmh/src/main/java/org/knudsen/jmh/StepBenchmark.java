package org.knudsen.jmh;

import java.util.concurrent.TimeUnit;
import org.knudsen.bench.WorkloadRun;
import org.knudsen.bench.Workload;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole DSMC step (collide, stream + keys, sort) of the {@code knudsen bench} workloads (10^6 particles,
 * 10^5 cells), one thread. Score: ms per step; with {@code -prof gc}, gc.alloc.rate.norm is bytes per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class StepBenchmark {
    @Param({"collide", "collide-dense", "mixture"})
    public String workload;

    private WorkloadRun.Prepared prepared;

    @Setup(Level.Trial)
    public void setUp() {
        prepared = WorkloadRun.prepare(Workload.workload(workload), 1, 42L);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        prepared.close();
    }

    @Benchmark
    public long step() {
        return prepared.step();
    }
}
