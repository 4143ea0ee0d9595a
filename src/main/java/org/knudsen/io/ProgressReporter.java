package org.knudsen.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run in simulated time. On a terminal: a progress bar (simulated time, steps/s, ETA). In a
 * batch job or with redirected output: one plain line at most every {@code logEvery} (default 10 s),
 * {@code t = 0.123 / 0.5 (24.6%), 1234 steps, 456 steps/s, ETA 00:01:23}, which reads well in a cluster
 * log. {@link #update} is called every step and costs a clock read unless something is printed.
 */
public abstract sealed class ProgressReporter implements AutoCloseable {
    public static final Duration DEFAULT_LOG_EVERY = Duration.ofSeconds(10);

    final String task;
    final double endTime;

    ProgressReporter(String task, double endTime) {
        if (!(endTime > 0) || !Double.isFinite(endTime)) {
            throw new IllegalArgumentException("progress '" + task + "': end time " + endTime + " must be finite and > 0");
        }
        this.task = task;
        this.endTime = endTime;
    }

    /** Interactive is the caller's decision, typically {@code System.console() != null}. */
    public static ProgressReporter create(String task, double endTime, boolean interactive, PrintStream log) {
        return create(task, endTime, interactive, log, DEFAULT_LOG_EVERY);
    }

    public static ProgressReporter create(String task, double endTime, boolean interactive, PrintStream log,
            Duration logEvery) {
        return interactive ? new Bar(task, endTime, log, System::nanoTime)
                : new Lines(task, endTime, log, logEvery, System::nanoTime);
    }

    /** Plain log lines driven by the given clock (tests use a fake one). */
    public static ProgressReporter lines(String task, double endTime, PrintStream log, Duration logEvery,
            LongSupplier nanoTime) {
        return new Lines(task, endTime, log, logEvery, nanoTime);
    }

    /** Reports that the run has reached simulated time {@code simTime} after {@code steps} steps in total. */
    public abstract void update(double simTime, long steps);

    /** Prints the final state. */
    @Override
    public abstract void close();

    /** {@code hh:mm:ss} (hours may exceed 24), or {@code --:--:--} when unknown. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "--:--:--";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** A time in 4 significant digits, without trailing zeros: 0.123, 0.5, 12.35. */
    static String time(double t) {
        return Numbers.significant(t, 4);
    }

    /** Shared bookkeeping: rate and ETA measured from the first update, so a resumed run starts fresh. */
    abstract static sealed class Measured extends ProgressReporter permits Lines, Bar {
        final LongSupplier nanoTime;
        long startNanos;
        double startSim = Double.NaN;
        long startSteps;
        double lastSim;
        long lastSteps;

        Measured(String task, double endTime, LongSupplier nanoTime) {
            super(task, endTime);
            this.nanoTime = nanoTime;
        }

        /** True on the first call, which only sets the baseline. */
        final boolean baseline(double simTime, long steps, long now) {
            lastSim = simTime;
            lastSteps = steps;
            if (Double.isNaN(startSim)) {
                startNanos = now;
                startSim = simTime;
                startSteps = steps;
                return true;
            }
            return false;
        }

        final double etaSeconds(double simTime, long now) {
            double done = simTime - startSim;
            return done > 0 ? (endTime - simTime) * ((now - startNanos) * 1e-9 / done) : Double.NaN;
        }

        final String percent(double simTime) {
            return String.format(Locale.ROOT, "%.1f%%", 100 * simTime / endTime);
        }
    }

    static final class Lines extends Measured {
        private final PrintStream log;
        private final long everyNanos;
        private long lastPrintNanos;
        private long lastPrintSteps;
        private boolean unprinted;

        Lines(String task, double endTime, PrintStream log, Duration logEvery, LongSupplier nanoTime) {
            super(task, endTime, nanoTime);
            if (logEvery.isNegative()) {
                throw new IllegalArgumentException("progress log interval " + logEvery + " must be >= 0");
            }
            this.log = log;
            this.everyNanos = logEvery.toNanos();
        }

        @Override
        public void update(double simTime, long steps) {
            long now = nanoTime.getAsLong();
            if (baseline(simTime, steps, now)) {
                lastPrintNanos = now;
                lastPrintSteps = steps;
                return;
            }
            unprinted = true;
            if (now - lastPrintNanos >= everyNanos) {
                print(simTime, steps, now);
            }
        }

        private void print(double simTime, long steps, long now) {
            double rate = now > lastPrintNanos ? (steps - lastPrintSteps) / ((now - lastPrintNanos) * 1e-9) : Double.NaN;
            log.println(String.format(Locale.ROOT, "%st = %s / %s (%s), %d steps, %s steps/s, ETA %s",
                    task.isEmpty() ? "" : task + ": ", time(simTime), time(endTime), percent(simTime), steps,
                    Double.isFinite(rate) ? Long.toString(Math.round(rate)) : "-", clock(etaSeconds(simTime, now))));
            log.flush();
            lastPrintNanos = now;
            lastPrintSteps = steps;
            unprinted = false;
        }

        @Override
        public void close() {
            if (Double.isNaN(startSim)) {
                return;
            }
            long now = nanoTime.getAsLong();
            if (unprinted) {
                print(lastSim, lastSteps, now);
            }
            double wall = (now - startNanos) * 1e-9;
            log.println(String.format(Locale.ROOT, "%sdone: t = %s, %d steps in %s (%s steps/s on average)",
                    task.isEmpty() ? "" : task + ": ", time(lastSim), lastSteps, clock(wall),
                    wall > 0 ? Long.toString(Math.round((lastSteps - startSteps) / wall)) : "-"));
            log.flush();
        }
    }

    /** The terminal bar: progress in 0.1 % ticks of simulated time; its ETA is the library's, from the ticks. */
    static final class Bar extends Measured {
        private static final long TICKS = 1000;
        private static final long MESSAGE_EVERY_NANOS = 500_000_000L;
        private final PrintStream out;
        private ProgressBar bar;
        private long lastMessageNanos;
        private long lastMessageSteps;

        Bar(String task, double endTime, PrintStream out, LongSupplier nanoTime) {
            super(task, endTime, nanoTime);
            this.out = out;
        }

        private long ticks(double simTime) {
            return Math.max(0, Math.min(TICKS, Math.round(TICKS * simTime / endTime)));
        }

        @Override
        public void update(double simTime, long steps) {
            long now = nanoTime.getAsLong();
            if (baseline(simTime, steps, now)) {
                // started on the first update so that a resumed run's ETA counts only the ticks left
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(TICKS).setUnit("%", TICKS / 100)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .startsFrom(ticks(simTime), Duration.ZERO).build();
                lastMessageNanos = now;
                lastMessageSteps = steps;
                return;
            }
            bar.stepTo(ticks(simTime));
            if (now - lastMessageNanos >= MESSAGE_EVERY_NANOS) {
                double rate = (steps - lastMessageSteps) / ((now - lastMessageNanos) * 1e-9);
                bar.setExtraMessage(String.format(Locale.ROOT, "t = %s / %s, %d steps, %d steps/s", time(simTime),
                        time(endTime), steps, Math.round(rate)));
                lastMessageNanos = now;
                lastMessageSteps = steps;
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.stepTo(ticks(lastSim));
                bar.setExtraMessage(String.format(Locale.ROOT, "t = %s / %s, %d steps", time(lastSim), time(endTime),
                        lastSteps));
                bar.close();
            }
        }
    }
}
