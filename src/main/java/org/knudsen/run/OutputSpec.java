package org.knudsen.run;

/** {@code [output]}: the run directory (relative paths against the working directory) and the sampling interval. */
public record OutputSpec(String dir, double every) {
}
