package org.knudsen.scenario;

/** One {@code [[species]]} entry: name, molecular mass m_i and reference concentration c_{i,∞}. */
public record SpeciesSpec(String name, double mass, double concentration) {
}
