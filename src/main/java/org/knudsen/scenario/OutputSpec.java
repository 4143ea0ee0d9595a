package org.knudsen.scenario;

/**
 * {@code [output]}: the run directory (relative paths against the working directory), the sampling interval, the
 * wall time between checkpoints in seconds (0 = a checkpoint at every sample), what a row measures (the output time
 * alone, or the mean over every step of the interval before it) and the number of batches (sub-windows) whose means
 * give a window mean's standard error (docs/averaging.md).
 */
public record OutputSpec(String dir, double every, double checkpointEvery, SampleAveraging average, int batches) {
    /** Default wall time between checkpoints: 5 minutes. */
    public static final double DEFAULT_CHECKPOINT_EVERY = 300;
    /**
     * Default {@code average}: the instant, because every-step moments cost more than a fifth of a step
     * (README, "Window averages").
     */
    public static final SampleAveraging DEFAULT_AVERAGE = SampleAveraging.INSTANT;
    /** Default {@code batches}; docs/averaging.md says why. */
    public static final int DEFAULT_BATCHES = 5;
    /** The range of {@code batches}: at least 2 for a variance, at most this many. */
    public static final int MAX_BATCHES = 1000;

    public OutputSpec {
        java.util.Objects.requireNonNull(average, "average");
        if (batches < 2 || batches > MAX_BATCHES) {
            throw new IllegalArgumentException("batches = " + batches + " must be in [2, " + MAX_BATCHES + "]");
        }
    }

    /** What a name must be to serve as one path component (the default run directory is runs/NAME). */
    public static final String SAFE_FILE_NAME_RULE = "1 to 255 characters, no / or \\, no control characters, "
            + "not . or ..";

    /** Whether {@code name} can be used as one path component: {@link #SAFE_FILE_NAME_RULE}. */
    public static boolean isSafeFileName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 255 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(ch -> ch == '/' || ch == '\\' || ch < 0x20 || ch == 0x7F);
    }

    /** The run directory of a run named {@code name} when the scenario gives no output.dir. */
    public static String defaultDir(String name) {
        if (!isSafeFileName(name)) {
            throw new IllegalArgumentException("run name '" + name + "' cannot be a directory name: " + SAFE_FILE_NAME_RULE);
        }
        return "runs/" + name;
    }

    /** With the default checkpoint interval, averaging and batches. */
    public OutputSpec(String dir, double every) {
        this(dir, every, DEFAULT_CHECKPOINT_EVERY);
    }

    /** With the default averaging and batches. */
    public OutputSpec(String dir, double every, double checkpointEvery) {
        this(dir, every, checkpointEvery, DEFAULT_AVERAGE, DEFAULT_BATCHES);
    }

    /** The same averaging and batches with another directory, interval and checkpoint interval. */
    public OutputSpec with(String newDir, double newEvery, double newCheckpointEvery) {
        return new OutputSpec(newDir, newEvery, newCheckpointEvery, average, batches);
    }

    /** Whether rows are window means. */
    public boolean windowed() {
        return average == SampleAveraging.WINDOW;
    }
}
