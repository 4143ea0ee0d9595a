package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.fluid.TabulatedFluidState.SpaceInterpolation;
import org.knudsen.fluid.TabulatedFluidState.TimeInterpolation;
import org.knudsen.physics.Grid;

/**
 * Interpolation orders of {@link TabulatedFluidState} on the analytic decaying mode of a binary mixture,
 * c_A = c∞ + a e^{−λt} cos(2πx/L), c_B = C0 − c_A (the shape of a linear Maxwell–Stefan mode, PHYSICS.md §5.2).
 */
class TabulatedFluidStateTest {
    private static final double C_INF = 0.6;
    private static final double C0 = 1.0;
    private static final double AMP = 0.1;
    private static final double LAMBDA = 3.0;

    /** The analytic field at x (any of the 3 axes may vary through the phase). */
    private static double cA(double t, double x, double y, double z) {
        return C_INF + AMP * Math.exp(-LAMBDA * t) * Math.cos(2 * Math.PI * x + 0.3)
                * (1 + 0.5 * Math.sin(2 * Math.PI * y)) * (1 + 0.25 * Math.cos(4 * Math.PI * z));
    }

    /** A smooth, not band-limited field for the spectral convergence test. */
    private static double smooth(double x) {
        return C_INF + 0.05 * Math.exp(Math.cos(2 * Math.PI * x));
    }

    private static TabulatedFields tabulate(Grid g, boolean centred, double[] times, boolean velocities) {
        double off = centred ? 0.5 : 0.0;
        int pts = g.points();
        double[][][] c = new double[times.length][2][pts];
        double[][][][] u = velocities ? new double[times.length][2][3][pts] : null;
        for (int k = 0; k < times.length; k++) {
            for (int p = 0; p < pts; p++) {
                double x = (g.axisIndex(p, 0) + off) * g.spacing(0);
                double y = (g.axisIndex(p, 1) + off) * g.spacing(1);
                double z = (g.axisIndex(p, 2) + off) * g.spacing(2);
                double a = cA(times[k], x, y, z);
                c[k][0][p] = a;
                c[k][1][p] = C0 - a;
                if (velocities) {
                    for (int d = 0; d < 3; d++) {
                        u[k][0][d][p] = (d + 1) * (a - C_INF);
                        u[k][1][d][p] = -(d + 1) * (a - C_INF);
                    }
                }
            }
        }
        return new TabulatedFields(List.of("A", "B"), g, centred, times, c, u);
    }

    private static double[] uniformTimes(int m, double end) {
        double[] t = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = end * k / (m - 1);
        }
        return t;
    }

    /** Max over target points and many query times of |c_A − exact|. */
    private static double maxError(TabulatedFluidState s, double end) {
        Grid g = s.grid();
        double[][] out = new double[2][g.points()];
        double err = 0;
        for (int q = 0; q <= 97; q++) {
            double t = end * q / 97.0;
            s.concentrationsAt(t, out);
            for (int p = 0; p < g.points(); p++) {
                double exact = cA(t, g.coordinate(0, g.axisIndex(p, 0)), g.coordinate(1, g.axisIndex(p, 1)),
                        g.coordinate(2, g.axisIndex(p, 2)));
                err = Math.max(err, Math.abs(out[0][p] - exact));
                assertEquals(C0, out[0][p] + out[1][p], 1e-12, "interpolation is linear, so sum c_i stays C0");
            }
        }
        return err;
    }

    @Test
    void cubicTimeInterpolationConvergesAtOrderFourAndLinearAtOrderTwo() {
        Grid g = Grid.of1D(16, 1.0);
        double end = 1.0;
        for (TimeInterpolation ti : TimeInterpolation.values()) {
            double[] err = new double[3];
            for (int r = 0; r < 3; r++) {
                TabulatedFields f = tabulate(g, true, uniformTimes(6 * (1 << r) + 1, end), false);
                err[r] = maxError(new TabulatedFluidState(f, g, null, SpaceInterpolation.FOURIER, ti), end);
            }
            double o1 = Math.log(err[0] / err[1]) / Math.log(2);
            double o2 = Math.log(err[1] / err[2]) / Math.log(2);
            System.out.printf("time %s: errors %s, orders %.2f %.2f%n", ti, java.util.Arrays.toString(err), o1, o2);
            assertEquals(ti.order(), o2, 0.35, ti + " observed order " + o1 + ", " + o2 + " errors "
                    + java.util.Arrays.toString(err));
        }
    }

    @Test
    void cubicTimeInterpolationHandlesNonUniformTimes() {
        Grid g = Grid.of1D(8, 1.0);
        double[] base = {0, 0.07, 0.2, 0.26, 0.41, 0.5, 0.66, 0.8, 0.83, 1.0};
        double[] err = new double[3];
        for (int r = 0; r < 3; r++) {
            // refine by inserting midpoints r times
            double[] t = base;
            for (int q = 0; q < r; q++) {
                double[] finer = new double[2 * t.length - 1];
                for (int k = 0; k < t.length; k++) {
                    finer[2 * k] = t[k];
                    if (k + 1 < t.length) {
                        finer[2 * k + 1] = 0.5 * (t[k] + t[k + 1]);
                    }
                }
                t = finer;
            }
            err[r] = maxError(new TabulatedFluidState(tabulate(g, true, t, false), g, null,
                    SpaceInterpolation.FOURIER, TimeInterpolation.CUBIC), 1.0);
        }
        System.out.println("non-uniform cubic errors " + java.util.Arrays.toString(err));
        assertTrue(err[1] / err[2] > 12, "halving non-uniform steps must cut the error ~16x: "
                + java.util.Arrays.toString(err));
    }

    @Test
    void linearSpaceInterpolationConvergesAtOrderTwoFromNodesToCellCentres() {
        Grid target = Grid.of1D(24, 1.0);
        double[] err = new double[3];
        for (int r = 0; r < 3; r++) {
            Grid src = Grid.of1D(10 * (1 << r), 1.0);
            TabulatedFields f = tabulate(src, false, new double[] {0.0}, false);
            err[r] = maxError(new TabulatedFluidState(f, target, null, SpaceInterpolation.LINEAR,
                    TimeInterpolation.CUBIC), 0.0);
        }
        double order = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.println("linear space errors " + java.util.Arrays.toString(err) + " order " + order);
        assertEquals(2.0, order, 0.3, "errors " + java.util.Arrays.toString(err));
    }

    @Test
    void fourierInterpolationIsExactForResolvedModesIn3D() {
        // cA has x-degree 1, y-degree 1, z-degree 2: exact on sources with n > 2·degree per axis
        Grid src = new Grid(4, 3, 5, 1, 1, 1);
        Grid target = new Grid(7, 6, 8, 1, 1, 1);
        for (boolean centred : new boolean[] {true, false}) {
            TabulatedFields f = tabulate(src, centred, uniformTimes(3, 0.2), false);
            // time is quadratic-free only at the tabulated times: query those
            TabulatedFluidState s = new TabulatedFluidState(f, target, null, SpaceInterpolation.FOURIER,
                    TimeInterpolation.CUBIC);
            double[][] out = new double[2][target.points()];
            for (double t : f.times()) {
                s.concentrationsAt(t, out);
                for (int p = 0; p < target.points(); p++) {
                    double exact = cA(t, target.coordinate(0, target.axisIndex(p, 0)),
                            target.coordinate(1, target.axisIndex(p, 1)), target.coordinate(2, target.axisIndex(p, 2)));
                    assertEquals(exact, out[0][p], 1e-13, "centred=" + centred + " p=" + p);
                }
            }
        }
    }

    @Test
    void fourierInterpolationConvergesGeometricallyForAnAnalyticField() {
        Grid target = Grid.of1D(33, 1.0);
        double prev = Double.NaN;
        for (int n : new int[] {8, 12, 16, 20}) {
            Grid src = Grid.of1D(n, 1.0);
            double[][][] c = new double[1][2][n];
            for (int p = 0; p < n; p++) {
                c[0][0][p] = smooth(src.coordinate(0, p));
                c[0][1][p] = C0 - c[0][0][p];
            }
            TabulatedFields f = new TabulatedFields(List.of("A", "B"), src, true, new double[] {0}, c, null);
            TabulatedFluidState s = new TabulatedFluidState(f, target, null, SpaceInterpolation.FOURIER,
                    TimeInterpolation.CUBIC);
            double[][] out = new double[2][33];
            s.concentrationsAt(0, out);
            double err = 0;
            for (int p = 0; p < 33; p++) {
                err = Math.max(err, Math.abs(out[0][p] - smooth(target.coordinate(0, p))));
            }
            System.out.println("fourier n=" + n + " error " + err);
            if (!Double.isNaN(prev)) {
                // measured: each +4 points cut the error by > 30 (exp(cos) has Bessel coefficients I_k(1))
                assertTrue(err < prev / 30 || err < 1e-14, "n=" + n + ": " + err + " after " + prev);
            }
            prev = err;
        }
        assertTrue(prev < 1e-10, "n=20 error " + prev); // measured 2.9e-11
    }

    @Test
    void sameGridIsTheIdentityAndVelocitiesAreInterpolatedOrZeroWhenAbsent() {
        Grid g = new Grid(6, 2, 1, 1, 1, 1);
        double[] times = {0.0, 0.1, 0.2};
        TabulatedFields f = tabulate(g, true, times, true);
        for (SpaceInterpolation si : SpaceInterpolation.values()) {
            TabulatedFluidState s = new TabulatedFluidState(f, g, null, si, TimeInterpolation.CUBIC);
            double[][] c = new double[2][g.points()];
            double[][][] u = new double[2][3][g.points()];
            s.concentrationsAt(0.1, c);
            s.velocitiesAt(0.1, u);
            assertArrayEquals(f.concentrations()[1][0], c[0], 0.0);
            assertArrayEquals(f.velocities()[1][1][2], u[1][2], 0.0);
        }
        TabulatedFields noU = tabulate(g, true, times, false);
        TabulatedFluidState s = TabulatedFluidState.of(noU, g);
        double[][][] u = new double[2][3][g.points()];
        u[0][0][0] = 7;
        s.velocitiesAt(0.05, u);
        for (double[][] ui : u) {
            for (double[] uid : ui) {
                for (double v : uid) {
                    assertEquals(0.0, v);
                }
            }
        }
        assertTrue(!s.hasVelocities());
        // c_∞ defaults to the spatial means of the first slice; an explicit one is kept
        assertEquals(C_INF, s.referenceConcentrations()[0], 1e-12);
        assertEquals(0.5, new TabulatedFluidState(noU, g, new double[] {0.5, 0.5}, SpaceInterpolation.FOURIER,
                TimeInterpolation.CUBIC).referenceConcentrations()[0]);
        assertEquals(0.0, s.startTime());
        assertEquals(0.2, s.endTime());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.concentrationsAt(0.3, new double[2][g.points()]));
        assertTrue(e.getMessage().contains("0.3") && e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void boxOfADifferentSizeIsRefused() {
        TabulatedFields f = tabulate(Grid.of1D(4, 1.0), true, new double[] {0}, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabulatedFluidState.of(f, Grid.of1D(4, 2.0)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
    }
}
