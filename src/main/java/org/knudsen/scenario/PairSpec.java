package org.knudsen.scenario;

/**
 * One {@code [[collisions.pair]]} override for the unordered pair (a, b); keys the file leaves out have
 * already been filled in from the {@code [collisions]} default, so {@link #kernel()} is complete.
 */
public record PairSpec(String a, String b, KernelSpec kernel) {
}
