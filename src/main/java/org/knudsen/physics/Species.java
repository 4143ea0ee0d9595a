package org.knudsen.physics;

/** One gas species: a name used in scenarios and outputs, and its molecular mass (temperature units θ = 1). */
public record Species(String name, double mass) {
    public Species {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("species name must be a non-empty string");
        }
        if (!(mass > 0) || !Double.isFinite(mass)) {
            throw new IllegalArgumentException("species '" + name + "': mass = " + mass + " must be finite and > 0");
        }
    }
}
