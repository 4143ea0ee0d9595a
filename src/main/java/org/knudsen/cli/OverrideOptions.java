package org.knudsen.cli;

import java.util.List;
import org.knudsen.scenario.ScenarioOverrides;
import picocli.CommandLine.Option;

/**
 * {@code --seed} and {@code --set key.path=value}, shared by {@code run}, {@code check} and {@code sweep} (a picocli
 * mixin): values over the scenario file's, validated like the file's own. ({@code --dir} is each command's own: the run
 * directory of {@code run}, the check or sweep directory of the others.)
 */
final class OverrideOptions {
    @Option(names = "--seed", paramLabel = "S", description = "The run's seed (overrides the scenario's seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a scenario key, e.g. --set "
            + "particles.per_cell=400 or --set 'fluid.mode[0].amplitude.A=0.1' (TOML values; repeatable).")
    List<String> sets;

    /** The overrides, with {@code output.dir} set to {@code dir} when it is not null. */
    ScenarioOverrides overrides(String dir) {
        return ScenarioOverrides.of(sets, seed, dir);
    }
}
