package org.knudsen.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
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
    private long earlierWallNanos; // wall time of the run's earlier sessions (before a resume)

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

    /** Seconds since construction, plus the wall time of the sessions before a resume ({@link #readState}). */
    public double wallTimeSeconds() {
        return (earlierWallNanos + nanoTime.getAsLong() - startNanos) * 1e-9;
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
     * Writes the counters, the step-time histogram and the wall time so far (for checkpoints), so that the
     * summary after a resume covers the whole run; the wall time of a resumed run excludes the time it was down.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        out.writeLong(particleSteps);
        out.writeLong(collisions);
        out.writeLong(steppingNanos);
        out.writeLong(earlierWallNanos + nanoTime.getAsLong() - startNanos);
        ByteBuffer buf = ByteBuffer.allocate(stepHistogram.getNeededByteBufferCapacity());
        int length = stepHistogram.encodeIntoCompressedByteBuffer(buf);
        out.writeInt(length);
        out.write(buf.array(), 0, length);
    }

    /** Continues from a state written by {@link #writeState}, replacing what this instance recorded. */
    public void readState(DataInput in) throws IOException {
        long newSteps = in.readLong(), newParticleSteps = in.readLong(), newCollisions = in.readLong();
        long newSteppingNanos = in.readLong(), wall = in.readLong();
        int length = in.readInt();
        if (newSteps < 0 || newParticleSteps < 0 || newCollisions < 0 || newSteppingNanos < 0 || wall < 0
                || length < 0 || length > (1 << 24)) {
            throw new IOException("run statistics: negative counter or bad histogram length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        Histogram h;
        try {
            h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), MAX_STEP_NANOS);
        } catch (DataFormatException | RuntimeException e) {
            throw new IOException("run statistics: step-time histogram cannot be decoded (" + e.getMessage() + ")", e);
        }
        stepHistogram.reset();
        stepHistogram.add(h);
        steps = newSteps;
        particleSteps = newParticleSteps;
        collisions = newCollisions;
        steppingNanos = newSteppingNanos;
        earlierWallNanos = wall; // this session counts from construction (including the checkpoint read)
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
