package org.knudsen.run;

import java.nio.file.Path;
import org.knudsen.io.TextFiles;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioOverrides;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.scenario.ScenarioRule;

/** A scenario file: read as strict UTF-8 text ({@link TextFiles}) and parsed with the rules of what will be done. */
public final class ScenarioFile {
    private ScenarioFile() {
    }

    /** The file, checked against the schema and the physics. */
    public static Scenario read(Path file) {
        return read(file, ScenarioRule.NONE);
    }

    /** The file, checked against the schema, the physics and {@code rule}; the default name is the file's base name. */
    public static Scenario read(Path file, ScenarioRule rule) {
        return read(file, rule, ScenarioOverrides.NONE);
    }

    /** As {@link #read(Path, ScenarioRule)}, with values set on the command line over the file's. */
    public static Scenario read(Path file, ScenarioRule rule, ScenarioOverrides overrides) {
        return ScenarioParser.parse(TextFiles.read(file), file.toString(), ScenarioParser.defaultName(file), rule,
                overrides);
    }
}
