package org.knudsen.scenario;

/**
 * {@code [particles] variance_reduction}: how the particle estimates are made less noisy. {@code none} is plain DSMC;
 * {@code importance-weights} lets every particle carry w = μ/f against the global equilibrium μ and subtracts the
 * equilibrium shadow's correlated estimate (docs/variance-reduction.md).
 */
public enum VarianceReduction {
    NONE("none"),
    IMPORTANCE_WEIGHTS("importance-weights");

    private final String tomlName;

    VarianceReduction(String tomlName) {
        this.tomlName = tomlName;
    }

    public String tomlName() {
        return tomlName;
    }

    /** The TOML names, quoted and comma-separated (for messages). */
    static String names() {
        return TomlNames.quoted(values(), VarianceReduction::tomlName);
    }

    /** The value of a TOML name, or null. */
    static VarianceReduction byTomlName(String name) {
        return TomlNames.byName(values(), VarianceReduction::tomlName, name);
    }
}
