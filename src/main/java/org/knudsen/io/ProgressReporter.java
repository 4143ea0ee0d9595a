package org.knudsen.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

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
        return interactive ? new Bar(task, endTime, log, System::nanoTime, 0)
                : new Lines(task, endTime, log, logEvery, System::nanoTime);
    }

    /** The terminal bar drawn in {@code width} columns, driven by the given clock (tests fake a terminal width). */
    static ProgressReporter bar(String task, double endTime, PrintStream out, int width, LongSupplier nanoTime) {
        return new Bar(task, endTime, out, nanoTime, width);
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

    /**
     * The terminal bar: progress in 0.1 % ticks of simulated time, drawn by {@link Line} to fit the terminal's width
     * (80 columns included: the library's own line put its message after a bar it squeezed to {@code []}).
     */
    static final class Bar extends Measured {
        private static final long TICKS = 1000;
        private static final long MESSAGE_EVERY_NANOS = 500_000_000L;
        private final PrintStream out;
        private final int width;
        private final Line line;
        private ProgressBar bar;
        private long lastMessageNanos;
        private long lastMessageSteps;

        /** {@code width} ≤ 0: the terminal's (JLine), else this many columns (tests). */
        Bar(String task, double endTime, PrintStream out, LongSupplier nanoTime, int width) {
            super(task, endTime, nanoTime);
            this.out = out;
            this.width = width;
            this.line = new Line(task);
        }

        private long ticks(double simTime) {
            return Math.max(0, Math.min(TICKS, Math.round(TICKS * simTime / endTime)));
        }

        @Override
        public void update(double simTime, long steps) {
            long now = nanoTime.getAsLong();
            if (baseline(simTime, steps, now)) {
                // started on the first update so that a resumed run's ETA counts only the ticks left
                line.parts(List.of("t = " + time(simTime) + " / " + time(endTime)));
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(TICKS).setRenderer(line)
                        .setUpdateIntervalMillis(500)
                        .setConsumer(width > 0 ? new ConsoleProgressBarConsumer(out, width)
                                : new ConsoleProgressBarConsumer(out))
                        .startsFrom(ticks(simTime), Duration.ZERO).build();
                lastMessageNanos = now;
                lastMessageSteps = steps;
                return;
            }
            bar.stepTo(ticks(simTime));
            if (now - lastMessageNanos >= MESSAGE_EVERY_NANOS) {
                double rate = (steps - lastMessageSteps) / ((now - lastMessageNanos) * 1e-9);
                line.parts(List.of("t = " + time(simTime) + " / " + time(endTime), "ETA " + clock(etaSeconds(simTime,
                        now)), Math.round(rate) + " steps/s", steps + " steps"));
                lastMessageNanos = now;
                lastMessageSteps = steps;
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                line.parts(List.of("t = " + time(lastSim) + " / " + time(endTime), lastSteps + " steps"));
                bar.stepTo(ticks(lastSim));
                bar.close();
            }
        }
    }

    /**
     * One line of the terminal bar within {@code width} columns: {@code task  52% [=====>     ] t = 0.26 / 0.5,
     * ETA 00:00:04, 26 steps/s, 130 steps}. The message parts go most important first; those that leave the bar
     * fewer than {@value #MIN_BAR} columns are dropped from the end, down to the simulated time; then the task name is
     * shortened and left out, and last the simulated time, so an 80-column terminal shows the bar, the simulated time
     * and the ETA. Parts are set by the stepping thread and read by the
     * library's drawing thread (a volatile immutable list).
     */
    static final class Line implements ProgressBarRenderer {
        static final int MIN_BAR = 10;
        private final String task;
        private volatile List<String> parts = List.of();

        Line(String task) {
            this.task = task;
        }

        void parts(List<String> p) {
            parts = List.copyOf(p);
        }

        @Override
        public String render(ProgressState state, int width) {
            return render(task, state.getNormalizedProgress(), parts, width);
        }

        /** The line for a progress in [0, 1], at most {@code width} characters (a terminal narrower than 20: cut). */
        static String render(String task, double progress, List<String> parts, int width) {
            double f = Double.isFinite(progress) ? Math.max(0, Math.min(1, progress)) : 0;
            String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(100 * f));
            List<String> shown = new ArrayList<>(parts);
            String name = task;
            while (true) {
                String head = (name.isEmpty() ? "" : name + " ") + percent + " [";
                String tail = "]" + (shown.isEmpty() ? "" : " " + String.join(", ", shown));
                int barWidth = width - head.length() - tail.length();
                if (barWidth >= MIN_BAR || (shown.isEmpty() && name.isEmpty())) {
                    String line = head + bar(f, Math.max(barWidth, 0)) + tail;
                    return line.length() <= width ? line : line.substring(0, Math.max(0, width));
                }
                if (shown.size() > 1) {
                    shown.remove(shown.size() - 1);
                } else if (name.length() > 12) {
                    name = name.substring(0, 11) + "~";
                } else if (!name.isEmpty()) {
                    name = "";
                } else {
                    shown.clear();
                }
            }
        }

        private static String bar(double f, int width) {
            int filled = (int) Math.floor(f * width);
            StringBuilder b = new StringBuilder(width);
            b.append("=".repeat(filled));
            if (filled < width) {
                b.append('>').append(" ".repeat(width - filled - 1));
            }
            return b.toString();
        }
    }
}
