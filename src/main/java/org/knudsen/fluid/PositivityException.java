package org.knudsen.fluid;

import org.knudsen.physics.Grid;

/** A Maxwell–Stefan step would make a concentration non-positive even with the smallest allowed step. */
public final class PositivityException extends IllegalStateException {
    private final int species;
    private final int point;
    private final double value;
    private final double time;

    PositivityException(String speciesName, int species, int point, Grid grid, double value, double time, double step) {
        super("Maxwell-Stefan: concentration of species '" + speciesName + "' (index " + species + ") at grid point "
                + point + " (ix=" + grid.axisIndex(point, 0) + ", iy=" + grid.axisIndex(point, 1) + ", iz="
                + grid.axisIndex(point, 2) + ") would become " + value + " <= 0 in a step from t = " + time
                + " (h = " + step + "); concentrations must stay positive (the data are too far from c_inf or the"
                + " solution leaves the Maxwell-Stefan regime)");
        this.species = species;
        this.point = point;
        this.value = value;
        this.time = time;
    }

    public int species() {
        return species;
    }

    public int point() {
        return point;
    }

    public double value() {
        return value;
    }

    public double time() {
        return time;
    }
}
