package org.knudsen.fluid;

import java.util.List;
import org.knudsen.physics.Grid;

/**
 * Fields of an external deterministic solver as tabulated at its own output times on its own grid: the data of a
 * fields file (read by {@code org.knudsen.io.FieldsFile}) or of an in-process solver, before interpolation by
 * {@link TabulatedFluidState}.
 *
 * <p>The source grid is uniform and periodic on the box [0,Lx)×[0,Ly)×[0,Lz) with {@code grid.cells(d)} points per
 * axis, placed either at cell centres x = (i + ½) L/n ({@code cellCentred}, the convention of {@link Grid}) or at
 * nodes x = i L/n. An axis with one point carries no variation along it. Fields are flat arrays in the point order of
 * {@link Grid#index} (x fastest): {@code concentrations[time][species][point]} and, when present,
 * {@code velocities[time][species][component][point]} (full velocities ū + ε ũ_i, 3 components); {@code velocities}
 * is null when the solver gave none.
 */
public record TabulatedFields(List<String> speciesNames, Grid grid, boolean cellCentred, double[] times,
                              double[][][] concentrations, double[][][][] velocities) {

    public TabulatedFields {
        speciesNames = List.copyOf(speciesNames);
        int n = speciesNames.size();
        int points = grid.points();
        if (n < 1) {
            throw new IllegalArgumentException("tabulated fields need at least one species");
        }
        if (times.length < 1) {
            throw new IllegalArgumentException("tabulated fields need at least one time");
        }
        for (int k = 0; k < times.length; k++) {
            if (!Double.isFinite(times[k]) || (k > 0 && !(times[k] > times[k - 1]))) {
                throw new IllegalArgumentException("tabulated times must be finite and strictly increasing; times[" + k
                        + "] = " + times[k] + (k > 0 ? " after " + times[k - 1] : ""));
            }
        }
        if (concentrations.length != times.length) {
            throw new IllegalArgumentException("concentrations has " + concentrations.length + " time slices for "
                    + times.length + " times");
        }
        for (int k = 0; k < times.length; k++) {
            checkShape("concentrations[" + k + "]", concentrations[k], n, points);
        }
        if (velocities != null) {
            if (velocities.length != times.length) {
                throw new IllegalArgumentException("velocities has " + velocities.length + " time slices for "
                        + times.length + " times");
            }
            for (int k = 0; k < times.length; k++) {
                if (velocities[k].length != n) {
                    throw new IllegalArgumentException("velocities[" + k + "] has " + velocities[k].length
                            + " species, expected " + n);
                }
                for (int i = 0; i < n; i++) {
                    checkShape("velocities[" + k + "][" + i + "]", velocities[k][i], 3, points);
                }
            }
        }
    }

    private static void checkShape(String name, double[][] a, int rows, int points) {
        if (a.length != rows) {
            throw new IllegalArgumentException(name + " has " + a.length + " rows, expected " + rows);
        }
        for (int r = 0; r < rows; r++) {
            if (a[r].length != points) {
                throw new IllegalArgumentException(name + "[" + r + "] has " + a[r].length + " points, expected "
                        + points);
            }
            for (int p = 0; p < points; p++) {
                if (!Double.isFinite(a[r][p])) {
                    throw new IllegalArgumentException(name + "[" + r + "][" + p + "] = " + a[r][p]
                            + " must be finite");
                }
            }
        }
    }

    public int species() {
        return speciesNames.size();
    }

    public boolean hasVelocities() {
        return velocities != null;
    }

    /** Offset of the points in units of the spacing: ½ for cell centres, 0 for nodes. */
    public double offset() {
        return cellCentred ? 0.5 : 0.0;
    }

    /** Coordinate of index i along an axis: (i + offset) L/n. */
    public double coordinate(int axis, int i) {
        return (i + offset()) * grid.spacing(axis);
    }

    /** The spatial mean of c_i at time slice k (exact for the trigonometric interpolant on a uniform periodic grid). */
    public double[] spatialMeans(int k) {
        double[] mean = new double[species()];
        for (int i = 0; i < mean.length; i++) {
            double s = 0;
            for (double v : concentrations[k][i]) {
                s += v;
            }
            mean[i] = s / grid.points();
        }
        return mean;
    }
}
