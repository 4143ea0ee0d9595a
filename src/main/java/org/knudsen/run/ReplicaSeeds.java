package org.knudsen.run;

/**
 * The seeds of replicas, one implementation for {@code check} and {@code run}: replica r of a check of a scenario with
 * seed S runs with {@link #replicaSeed}(S, r), and {@link #scenarioSeedOf} inverts it, so a replica file's seed can be
 * checked against its index; replica r of a run ({@code knudsen run --replicas R} or {@code --replica r/R}) runs with
 * {@link #runSeed}(S, r), the same mix with the sign bit cleared (a scenario's seed is an integer &gt;= 0, and the
 * replica's seed is written into its scenario.toml). A replica's seed depends on (S, r) only, never on R.
 */
public final class ReplicaSeeds {
    private ReplicaSeeds() {
    }

    /**
     * The seed of replica r: the SplitMix64 finaliser of seed + (r + 1)·φ (φ = 0x9E3779B97F4A7C15, the golden-ratio
     * increment of SplitMix64), i.e. the (r+1)-th output of a SplitMix64 generator started at the scenario seed.
     * Distinct replicas get well-mixed, distinct seeds; the same (seed, r) always gives the same seed.
     */
    public static long replicaSeed(long seed, int r) {
        long z = seed + (r + 1L) * GOLDEN;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    /**
     * The seed of replica r of a run: {@link #replicaSeed}(seed, r) with the sign bit cleared, so that it is a valid
     * scenario seed (&gt;= 0) for the replica's scenario.toml (and {@code knudsen resume} of the replica reads it back).
     * Distinct for distinct r in practice (63 well-mixed bits).
     */
    public static long runSeed(long seed, int r) {
        return replicaSeed(seed, r) & Long.MAX_VALUE;
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX2 = 0x94D049BB133111EBL;

    /**
     * The scenario seed whose replica r has the seed {@code replicaSeed}: the inverse of {@link #replicaSeed} (the
     * SplitMix64 finaliser is a bijection of the 64-bit integers: each xor-shift and each odd multiplier is
     * invertible), so {@code scenarioSeedOf(replicaSeed(s, r), r) == s} for every s and r. merge uses it to check
     * that a replica file's seed belongs to its index, also for files that do not record the scenario seed.
     */
    public static long scenarioSeedOf(long replicaSeed, int r) {
        long z = unshift(replicaSeed, 31);
        z *= inverse(MIX2);
        z = unshift(z, 27);
        z *= inverse(MIX1);
        z = unshift(z, 30);
        return z - (r + 1L) * GOLDEN;
    }

    /** x from z = x ^ (x >>> s). */
    private static long unshift(long z, int s) {
        long x = z;
        for (long t = z >>> s; t != 0; t >>>= s) {
            x ^= t;
        }
        return x;
    }

    /** The inverse of an odd m modulo 2^64 (Newton: each step doubles the correct low bits, m·m ≡ 1 mod 8). */
    private static long inverse(long m) {
        long x = m;
        for (int i = 0; i < 5; i++) {
            x *= 2 - m * x;
        }
        return x;
    }
}
