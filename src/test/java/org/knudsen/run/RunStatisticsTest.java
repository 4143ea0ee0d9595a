package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStatisticsTest {
    @Test
    void percentilesThroughputAndSummaryKeysFromSyntheticSteps() {
        long[] clock = {1_000_000_000L};
        RunStatistics stats = new RunStatistics(() -> clock[0]);
        // steps of 1..1000 µs (uniform), 10_000 particles each, 2500 collisions each
        long totalNanos = 0;
        for (int i = 1; i <= 1000; i++) {
            long ns = i * 1000L;
            stats.recordStep(ns, 10_000, 2_500);
            totalNanos += ns;
        }
        clock[0] += 2_000_000_000L; // 2 s of wall time, including output
        assertEquals(1000, stats.steps());
        assertEquals(10_000_000, stats.particleSteps());
        assertEquals(2_500_000, stats.collisions());
        // HdrHistogram with 3 significant digits: within 0.1 %
        assertEquals(500, stats.stepTimeMicros(50), 0.5);
        assertEquals(900, stats.stepTimeMicros(90), 0.9);
        assertEquals(990, stats.stepTimeMicros(99), 1.0);
        assertEquals(1000, stats.maxStepTimeMicros(), 1.0);
        double stepping = totalNanos * 1e-9; // 0.5005 s
        assertEquals(1e7 / stepping, stats.particleStepsPerSecond(), 1e-6 * 1e7 / stepping);
        assertEquals(2.5e6 / stepping, stats.collisionsPerSecond(), 1e-6 * 2.5e6 / stepping);
        assertEquals(2.0, stats.wallTimeSeconds(), 1e-12);

        Map<String, Object> s = stats.toSummary();
        for (String key : List.of("steps", "wall_time_s", "particle_steps_per_s", "collisions_per_s", "step_time_us",
                "peak_heap_mb")) {
            assertTrue(s.containsKey(key), key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pct = (Map<String, Object>) s.get("step_time_us");
        assertEquals(List.of("p50", "p90", "p99", "max"), List.copyOf(pct.keySet()));
        assertEquals(stats.stepTimeMicros(99), (double) pct.get("p99"));
        assertEquals(1000L, s.get("steps"));
        double heap = (double) s.get("peak_heap_mb");
        assertTrue(heap > 0 && heap <= Runtime.getRuntime().maxMemory() / 1048576.0 * 1.01 + 64, "peak heap " + heap);
    }

    @Test
    void recordingAStepDoesNotAllocate() {
        RunStatistics stats = new RunStatistics();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) { // warm up (JIT) before measuring
            stats.recordStep(1000 + i, 100, 7);
        }
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            stats.recordStep(1000 + (i * 7919L) % 10_000_000, 100, 7);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1000, "recordStep allocated " + allocated + " bytes over 100000 steps");
        stats.recordStep(-5, 0, 0); // a clock hiccup is clamped, not an exception
        stats.recordStep(Long.MAX_VALUE / 2, 0, 0); // beyond 1 h: counted as 1 h
        assertEquals(3.6e9, stats.maxStepTimeMicros(), 3.6e6);
    }
}
