package org.knudsen.scenario;

/**
 * {@code [output]}: the run directory (relative paths against the working directory), the sampling interval, and
 * the wall time between checkpoints in seconds (0 = a checkpoint at every sample).
 */
public record OutputSpec(String dir, double every, double checkpointEvery) {
    /** Default wall time between checkpoints: 5 minutes. */
    public static final double DEFAULT_CHECKPOINT_EVERY = 300;

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

    /** With the default checkpoint interval. */
    public OutputSpec(String dir, double every) {
        this(dir, every, DEFAULT_CHECKPOINT_EVERY);
    }
}
