package org.knudsen.linear;

/** What a slow eigenvalue of a mode is, by its ε → 0 origin (PHYSICS.md §12). */
public enum ModeKind {
    /** One of the N − 1 concentration (interdiffusion) modes. */
    CONCENTRATION,
    /** The thermal (entropy) mode. */
    THERMAL,
    /** One of the acoustic pair, λ ≈ ±i c_s |k|/ε. */
    SOUND
}
