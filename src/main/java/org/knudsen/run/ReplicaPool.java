package org.knudsen.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs replicas on a fixed pool of threads, each replica one task, and their log lines through one stream, each line
 * prefixed with its replica. A SIGINT/SIGTERM ({@link StopRequest}) lets the running replicas write their checkpoints
 * (their own stop requests) and starts no further one; the JVM exits once the pool is done.
 */
final class ReplicaPool {
    private ReplicaPool() {
    }

    /**
     * Runs {@code task} for every index of {@code todo} on {@code threads} threads and returns the outcomes in the
     * order of {@code todo} (a replica not started because {@code stop} was requested first has a null result). A
     * replica that fails does not stop the others; its exception is thrown once all are done.
     */
    static List<ReplicaEnsemble.Outcome> run(List<Integer> todo, int threads, StopRequest stop,
                                             IntFunction<RunResult> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), t -> {
            Thread th = new Thread(t, "knudsen-replica");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<ReplicaEnsemble.Outcome>> futures = new ArrayList<>();
            for (int r : todo) {
                futures.add(pool.submit(() -> {
                    if (stop.requested()) {
                        return new ReplicaEnsemble.Outcome(r, null);
                    }
                    try {
                        return new ReplicaEnsemble.Outcome(r, task.apply(r));
                    } catch (IllegalStateException e) {
                        if (stop.requested()) { // the JVM began shutting down as the replica started
                            return new ReplicaEnsemble.Outcome(r, null);
                        }
                        throw e;
                    }
                }));
            }
            List<ReplicaEnsemble.Outcome> outcomes = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<ReplicaEnsemble.Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re
                                : new IllegalStateException("a replica failed: " + e.getCause(), e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replicas interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    /** A stream whose complete lines go to {@code out}, each prefixed (blank lines dropped), one line at a time. */
    static PrintStream prefixed(PrintStream out, String prefix) {
        OutputStream sink = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    emit();
                } else if (b != '\r') {
                    line.write(b);
                }
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public synchronized void close() {
                emit();
            }

            private void emit() {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.isBlank()) {
                    return;
                }
                synchronized (out) {
                    out.println(prefix + text);
                    out.flush();
                }
            }
        };
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
