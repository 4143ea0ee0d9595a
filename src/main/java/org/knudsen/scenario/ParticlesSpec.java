package org.knudsen.scenario;

/** {@code [particles]}: the mean number of simulation particles per cell (all species together), ≥ 1. */
public record ParticlesSpec(int perCell) {
}
