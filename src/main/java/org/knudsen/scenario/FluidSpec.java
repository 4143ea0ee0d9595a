package org.knudsen.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knudsen.fluid.DiffusionClosure;

/**
 * {@code [fluid]}: Maxwell–Stefan initial data c_i = c_{i,∞} + ε Σ_modes c̃_i cos(k·x), with the mean
 * velocity ū (3 components, default 0), the modes in file order (possibly none) and the closure, i.e. which Δ_ij the
 * Maxwell–Stefan solver takes (default {@link DiffusionClosure#MAXWELL_STEFAN}, Δ_ij of PHYSICS.md §1).
 */
public record FluidSpec(double[] meanVelocity, List<ModeSpec> modes, DiffusionClosure closure) {
    public FluidSpec {
        meanVelocity = meanVelocity.clone();
        modes = List.copyOf(modes);
        Objects.requireNonNull(closure, "closure");
    }

    /** With the default closure. */
    public FluidSpec(double[] meanVelocity, List<ModeSpec> modes) {
        this(meanVelocity, modes, DiffusionClosure.MAXWELL_STEFAN);
    }

    @Override
    public double[] meanVelocity() {
        return meanVelocity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FluidSpec f && Arrays.equals(meanVelocity, f.meanVelocity) && modes.equals(f.modes)
                && closure == f.closure;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(meanVelocity) + modes.hashCode()) + closure.hashCode();
    }

    @Override
    public String toString() {
        return "FluidSpec[meanVelocity=" + Arrays.toString(meanVelocity) + ", modes=" + modes + ", closure="
                + closure.key() + "]";
    }
}
