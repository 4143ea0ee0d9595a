package org.knudsen.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * {@code [fluid]}: Maxwell–Stefan initial data c_i = c_{i,∞} + ε Σ_modes c̃_i cos(k·x), with the mean
 * velocity ū (3 components, default 0) and the modes in file order (possibly none).
 */
public record FluidSpec(double[] meanVelocity, List<ModeSpec> modes) {
    public FluidSpec {
        meanVelocity = meanVelocity.clone();
        modes = List.copyOf(modes);
    }

    @Override
    public double[] meanVelocity() {
        return meanVelocity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FluidSpec f && Arrays.equals(meanVelocity, f.meanVelocity) && modes.equals(f.modes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(meanVelocity) + modes.hashCode();
    }

    @Override
    public String toString() {
        return "FluidSpec[meanVelocity=" + Arrays.toString(meanVelocity) + ", modes=" + modes + "]";
    }
}
