package org.knudsen.scenario;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code [[fluid.mode]]}: the initial concentration perturbation c̃_i cos(k·x), with k = 2π (n_x/L_x,
 * n_y/L_y, n_z/L_z) for the integer {@code wavevector} n. {@code amplitude} maps every species name to its
 * amplitude, in species order; the amplitudes sum to zero (flux incompressibility, DESIGN.md).
 */
public record ModeSpec(int[] wavevector, Map<String, Double> amplitude) {
    public ModeSpec {
        wavevector = wavevector.clone();
        amplitude = Collections.unmodifiableMap(new LinkedHashMap<>(amplitude));
    }

    @Override
    public int[] wavevector() {
        return wavevector.clone();
    }

    /** The amplitudes as an array in species order (the order of {@link #amplitude()}). */
    public double[] amplitudes() {
        return amplitude.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModeSpec m && Arrays.equals(wavevector, m.wavevector) && amplitude.equals(m.amplitude);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wavevector) + amplitude.hashCode();
    }

    @Override
    public String toString() {
        return "ModeSpec[wavevector=" + Arrays.toString(wavevector) + ", amplitude=" + amplitude + "]";
    }
}
