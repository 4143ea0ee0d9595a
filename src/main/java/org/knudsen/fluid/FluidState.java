package org.knudsen.fluid;

import org.knudsen.physics.Grid;

/**
 * The deterministic fluid solution that builds the local Maxwellian M^ε (PHYSICS.md §11): full concentrations
 * c_i(t,x) = c_{i,∞} + ε c̃_i and full Maxwell–Stefan velocities u_i(t,x) = ū + ε ũ_i on the points of a
 * periodic {@link Grid}, in the time t of the scaled equation (1.6) (the Maxwell–Stefan time scale; §5.3 rates
 * are O(10) for L = 1). The Maxwellian uses the drift ε u_i (PHYSICS.md §9), see {@link LocalMaxwellian}.
 *
 * Implemented by {@link MaxwellStefanSolver}; a user's own solver or a file of fields written by an external
 * code implements the same few methods. Fields are indexed [species][point] with the point index of
 * {@link Grid#index}; velocities always have 3 components, [species][component][point], because the velocity
 * space is 3-D even on a 1-D grid. Any time in [{@link #startTime()}, {@link #endTime()}] may be queried, at the
 * accuracy of the implementation's interpolation in time (dense output of order 4 for the built-in solver);
 * implementations may be much faster for non-decreasing query times.
 */
public interface FluidState {

    Grid grid();

    /** Number of species N, in the order of the mixture. */
    int species();

    /** Reference concentrations c_{i,∞} (the spatial means of c_i). */
    double[] referenceConcentrations();

    double startTime();

    /** Last time that may be queried (+∞ for a solver that integrates on demand). */
    double endTime();

    /** out[i][p] = c_i(t, x_p); out must be [species()][grid().points()]. */
    void concentrationsAt(double t, double[][] out);

    /** out[i][d][p] = u_{i,d}(t, x_p), the full velocity ū + ε ũ_i; out must be [species()][3][grid().points()]. */
    void velocitiesAt(double t, double[][][] out);
}
