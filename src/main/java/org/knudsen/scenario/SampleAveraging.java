package org.knudsen.scenario;

/**
 * What a row of the time series measures ({@code [output] average}): the particles at the output time alone
 * ({@code "instant"}), or the mean over every step of the output interval that ends there ({@code "window"}), with
 * standard errors from batch means over sub-windows (docs/averaging.md).
 */
public enum SampleAveraging {
    INSTANT("instant"), WINDOW("window");

    private final String tomlName;

    SampleAveraging(String tomlName) {
        this.tomlName = tomlName;
    }

    /** The scenario's name for it. */
    public String tomlName() {
        return tomlName;
    }

    /** The averaging of that name, or null when there is none. */
    public static SampleAveraging byTomlName(String name) {
        return TomlNames.byName(values(), SampleAveraging::tomlName, name);
    }
}
