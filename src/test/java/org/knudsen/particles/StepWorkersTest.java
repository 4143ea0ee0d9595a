package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class StepWorkersTest {
    /**
     * The spread claim order visits every task once, and two consecutive claims (what two threads run at the same
     * time) are never neighbouring tasks, whose small per-block objects may share a cache line.
     */
    @Test
    void spreadClaimsAreAPermutationThatNeverPairsNeighbouringTasks() {
        for (int threads = 2; threads <= 4; threads++) {
            for (int count : new int[] {5, 7, 64, 65}) {
                int[] order = StepWorkers.spreadOrder(count, threads);
                boolean[] seen = new boolean[count];
                for (int t = 0; t < count; t++) {
                    assertTrue(!seen[order[t]], "task " + order[t] + " claimed twice");
                    seen[order[t]] = true;
                    if (t > 0 && count >= 2 * threads) {
                        assertTrue(Math.abs(order[t] - order[t - 1]) >= 2,
                                count + " tasks, " + threads + " threads: claims " + order[t - 1] + ", " + order[t]);
                    }
                }
            }
        }
        try (StepWorkers workers = new StepWorkers(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(64);
            for (int repeat = 0; repeat < 100; repeat++) {
                workers.runSpread(64, runs::incrementAndGet);
            }
            for (int b = 0; b < 64; b++) {
                assertEquals(100, runs.get(b), "task " + b);
            }
        }
    }
}
