package org.knudsen.particles;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The step's worker threads: {@code threads − 1} helpers plus the calling thread run the tasks 0..count−1 of
 * one phase, each thread claiming the next unclaimed task until none is left. Which thread runs a task never changes
 * its result (tasks own their cells, particle ranges and random streams; DESIGN.md), and claiming instead of a fixed
 * split (thread t taking t, t + T, ...) keeps both cores busy when blocks differ in cost or when the OS deschedules
 * one thread on a shared machine: with a fixed split the phase waits for the descheduled thread's whole share.
 * Helpers wait between phases with park/unpark, so a phase costs two wake-ups and allocates nothing (an
 * executor allocates futures and task objects for every phase, and a step has about a dozen phases).
 */
final class StepWorkers implements AutoCloseable {
    /** Spin-wait iterations before a waiting thread parks. */
    private static final int SPINS = 2000;
    private final int threads;
    private final Thread[] helpers;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger nextTask = new AtomicInteger();
    private volatile int generation;
    private volatile CellSort.Task task;
    private volatile int count;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;
    // the claim order of runSpread and its phase (published to the helpers by run's volatile writes)
    private int[] spread = new int[0];
    private CellSort.Task spreadPhase;
    /** Built once: a step allocates nothing. */
    private final CellSort.Task spreadTask = t -> spreadPhase.run(spread[t]);

    StepWorkers(int threads) {
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            final int index = h + 1;
            helpers[h] = new Thread(() -> helperLoop(index), "knudsen-step-" + index);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /**
     * As {@link #run}, but consecutive claims take tasks a 1/threads of the range apart (0, L, 2L, …, 1, L + 1, …;
     * L = ⌈count/threads⌉), so that the threads never run neighbouring tasks at once. For tasks that own small mutable
     * objects allocated side by side — the collide blocks' random generators and collider scratch, written at every draw
     * or event — neighbours share cache lines once the GC has packed the objects, and every draw then moved a line
     * between the cores: the collide phase ran on 2 threads at the speed of 1 (docs/performance.md, "Two threads").
     */
    void runSpread(int taskCount, CellSort.Task phase) {
        if (spread.length != taskCount) {
            spread = spreadOrder(taskCount, threads);
        }
        spreadPhase = phase;
        try {
            run(taskCount, spreadTask);
        } finally {
            spreadPhase = null;
        }
    }

    /** The claim order of {@link #runSpread}: a permutation of 0..count−1. */
    static int[] spreadOrder(int taskCount, int threads) {
        int segments = Math.max(1, Math.min(threads, taskCount)), length = (taskCount + segments - 1) / segments;
        int[] order = new int[taskCount];
        for (int i = 0, t = 0; i < length; i++) {
            for (int s = 0; s < segments; s++) {
                if (s * length + i < taskCount) {
                    order[t++] = s * length + i;
                }
            }
        }
        return order;
    }

    /** Runs tasks 0..count−1 on all threads and returns when every one is done (rethrowing a failure). */
    void run(int taskCount, CellSort.Task phase) {
        if (helpers.length == 0 || taskCount == 1) {
            for (int t = 0; t < taskCount; t++) {
                phase.run(t);
            }
            return;
        }
        caller = Thread.currentThread();
        task = phase;
        count = taskCount;
        failure = null;
        remaining.set(helpers.length);
        nextTask.set(0);
        generation++; // publishes task and count to the helpers
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        Throwable mine = null;
        try {
            share(0, phase, taskCount);
        } catch (Throwable e) {
            mine = e;
        }
        // spin before parking, as the helpers do: a phase often ends within microseconds of the caller's share,
        // and a futex wake-up per phase (about a dozen phases a step) costs more than the spin
        for (int spins = 0; remaining.get() != 0; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable f = mine != null ? mine : failure;
        if (f != null) {
            throw new IllegalStateException("a worker failed during the step", f);
        }
    }

    /** Claims the phase's tasks one at a time until none is left (the index only names the thread). */
    private void share(int index, CellSort.Task phase, int taskCount) {
        for (int t = nextTask.getAndIncrement(); t < taskCount; t = nextTask.getAndIncrement()) {
            phase.run(t);
        }
    }

    private void helperLoop(int index) {
        int seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                share(index, task, count);
            } catch (Throwable e) {
                failure = e;
            }
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
