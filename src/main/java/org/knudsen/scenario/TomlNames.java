package org.knudsen.scenario;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scenario enums' TOML names: lookup and the list a message gives (one place for every such key). */
final class TomlNames {
    private TomlNames() {
    }

    /** The value whose TOML name is {@code name}, or null. */
    static <E extends Enum<E>> E byName(E[] values, Function<E, String> tomlName, String name) {
        for (E v : values) {
            if (tomlName.apply(v).equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** The TOML names, quoted and comma-separated. */
    static <E extends Enum<E>> String quoted(E[] values, Function<E, String> tomlName) {
        return Arrays.stream(values).map(v -> "\"" + tomlName.apply(v) + "\"").collect(Collectors.joining(", "));
    }
}
