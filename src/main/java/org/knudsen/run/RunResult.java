package org.knudsen.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished run reports back to the command line.
 *
 * @param steps     time steps taken
 * @param endTime   simulated time reached (time t of the scaled equation)
 * @param outputDir the run directory, if the run wrote one
 */
public record RunResult(long steps, double endTime, Optional<Path> outputDir) {
}
