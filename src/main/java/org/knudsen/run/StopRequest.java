package org.knudsen.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop request from SIGINT/SIGTERM: the JVM runs shutdown hooks on these signals; ours sets a flag that the time
 * loop reads at every step boundary, then waits (at most {@link #SIGNAL_WAIT_SECONDS}) until the loop has written its
 * checkpoint and let go. The JVM then exits with the usual status 128 + signal (130, 143).
 */
final class StopRequest {
    /** How long a SIGINT/SIGTERM waits for the run to write its checkpoint before the JVM exits anyway. */
    static final long SIGNAL_WAIT_SECONDS = 60;

    private volatile boolean requested;
    private final CountDownLatch released = new CountDownLatch(1);
    private Thread hook;

    void install() {
        hook = new Thread(() -> {
            requested = true;
            try {
                released.await(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "knudsen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    /** The loop is done (checkpoint written, or finished, or failed): the hook may return. */
    void release() {
        released.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it returns now that the latch is released
            }
            hook = null;
        }
    }
}
