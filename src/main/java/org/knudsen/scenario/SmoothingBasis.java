package org.knudsen.scenario;

/**
 * {@code [particles] smoothing_basis}: the velocity functions on which the importance weights are smoothed
 * (docs/variance-reduction.md, "What the reduced estimate follows"). The mean of the reduced estimate follows the
 * Galerkin closure of the kinetic equation on that span, so a larger span has a smaller bias, while fitting more
 * functions adds noise that accumulates with the number of steps. {@code sonine}: Grad's 13 and the second Sonine
 * terms (17 functions); {@code cubic}: those, the degree-4 stress and the harmonic cubics (29); {@code auto}: cubic
 * for ε ≥ {@value #AUTO_CUBIC_EPSILON}, sonine below. Measured on the default mixture, 8 replicas per ε: at ε = 0.1 the
 * cubic span takes the largest bias against the exact evolution from 1.2–4.6 % of the amplitude to 0.3–1.9 % (and at
 * ε = 0.05 brings Maxwell molecules within 3 SE at every output time), for 1–45 % more noise and ~1.6× the reduced step;
 * at ε ≤ 0.025 it changes nothing the data can see and costs 0–35 % more noise and 1.7–2.3× the wall time.
 */
public enum SmoothingBasis {
    AUTO("auto"),
    SONINE("sonine"),
    CUBIC("cubic");

    /** The smallest ε at which {@code auto} takes the cubic span. */
    public static final double AUTO_CUBIC_EPSILON = 0.05;

    private final String tomlName;

    SmoothingBasis(String tomlName) {
        this.tomlName = tomlName;
    }

    public String tomlName() {
        return tomlName;
    }

    /** Whether the span at Knudsen number ε is the cubic one (else sonine). */
    public boolean cubic(double epsilon) {
        return switch (this) {
            case SONINE -> false;
            case CUBIC -> true;
            case AUTO -> epsilon >= AUTO_CUBIC_EPSILON;
        };
    }

    /** The TOML names, quoted and comma-separated (for messages). */
    static String names() {
        return TomlNames.quoted(values(), SmoothingBasis::tomlName);
    }

    /** The value of a TOML name, or null. */
    static SmoothingBasis byTomlName(String name) {
        return TomlNames.byName(values(), SmoothingBasis::tomlName, name);
    }
}
