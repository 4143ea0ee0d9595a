package org.knudsen.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Performance of a run for {@code summary.json}: step wall times (HdrHistogram, nanoseconds, 3 significant
 * digits, so percentiles are within 0.1 %), throughput in particle-steps and collisions per second, wall
 * time and peak heap. {@link #recordStep} allocates nothing: the histogram covers 1 ns to 1 h from the start.
 *
 * <p>Throughputs divide by the time spent inside steps (the sum of recorded step times), so they measure
 * the solver, not the output; {@code wall_time_s} is the whole run. Not thread-safe: the run loop records.
 */
public final class RunStatistics {
    private static final long MAX_STEP_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Histogram stepHistogram = new Histogram(1, MAX_STEP_NANOS, 3);
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long steps;
    private long particleSteps;
    private long collisions;
    private long steppingNanos;

    /** Starts the wall clock now. */
    public RunStatistics() {
        this(System::nanoTime);
    }

    /** With an injected clock (tests). */
    public RunStatistics(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /**
     * One time step that took {@code stepNanos} of wall time, moved {@code particles} particles and
     * performed {@code stepCollisions} collisions. Step times above 1 h count as 1 h in the percentiles.
     */
    public void recordStep(long stepNanos, long particles, long stepCollisions) {
        long t = Math.max(0, stepNanos);
        stepHistogram.recordValue(Math.min(Math.max(t, 1), MAX_STEP_NANOS));
        steps++;
        particleSteps += particles;
        collisions += stepCollisions;
        steppingNanos += t;
    }

    public long steps() {
        return steps;
    }

    public long particleSteps() {
        return particleSteps;
    }

    public long collisions() {
        return collisions;
    }

    /** The step time below which {@code percentile} % of the steps fall, in microseconds (0 before any step). */
    public double stepTimeMicros(double percentile) {
        return steps == 0 ? 0 : stepHistogram.getValueAtPercentile(percentile) / 1e3;
    }

    public double maxStepTimeMicros() {
        return steps == 0 ? 0 : stepHistogram.getMaxValue() / 1e3;
    }

    /** Seconds since construction. */
    public double wallTimeSeconds() {
        return (nanoTime.getAsLong() - startNanos) * 1e-9;
    }

    /** Seconds spent inside recorded steps. */
    public double steppingTimeSeconds() {
        return steppingNanos * 1e-9;
    }

    public double particleStepsPerSecond() {
        return steppingNanos > 0 ? particleSteps / steppingTimeSeconds() : 0;
    }

    public double collisionsPerSecond() {
        return steppingNanos > 0 ? collisions / steppingTimeSeconds() : 0;
    }

    /**
     * Peak heap in MiB: the sum over heap pools of each pool's peak since JVM start. Pools peak at different
     * moments, so this is an upper bound of the true peak (tight for the old generation that holds the
     * particle arrays); it is what to compare with {@code -Xmx}.
     */
    public static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage peak = pool.getPeakUsage();
                if (peak != null) {
                    bytes += peak.getUsed();
                }
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    /** The performance block of {@code summary.json}, keys in snake_case, times in the units their names say. */
    public Map<String, Object> toSummary() {
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", stepTimeMicros(50));
        percentiles.put("p90", stepTimeMicros(90));
        percentiles.put("p99", stepTimeMicros(99));
        percentiles.put("max", maxStepTimeMicros());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("particle_steps", particleSteps);
        m.put("collisions", collisions);
        m.put("wall_time_s", wallTimeSeconds());
        m.put("stepping_time_s", steppingTimeSeconds());
        m.put("particle_steps_per_s", particleStepsPerSecond());
        m.put("collisions_per_s", collisionsPerSecond());
        m.put("step_time_us", percentiles);
        m.put("peak_heap_mb", peakHeapMb());
        return m;
    }
}
