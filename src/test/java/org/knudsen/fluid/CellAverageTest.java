package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knudsen.physics.Grid;

class CellAverageTest {

    /** A frozen 2-D field c_A = c∞(1 + a cos(2πx/L_x) cos(4πy/L_y)), c_B = C0 − c_A, uniform velocities. */
    private static FluidState frozen(Grid grid, double a) {
        return new FluidState() {
            @Override
            public Grid grid() {
                return grid;
            }

            @Override
            public int species() {
                return 2;
            }

            @Override
            public double[] referenceConcentrations() {
                return new double[] {0.4, 0.6};
            }

            @Override
            public double startTime() {
                return 0;
            }

            @Override
            public double endTime() {
                return Double.POSITIVE_INFINITY;
            }

            @Override
            public void concentrationsAt(double t, double[][] out) {
                for (int p = 0; p < grid.points(); p++) {
                    double x = grid.coordinate(0, grid.axisIndex(p, 0)), y = grid.coordinate(1, grid.axisIndex(p, 1));
                    out[0][p] = 0.4 * (1 + a * Math.cos(2 * Math.PI * x / grid.lx()) * Math.cos(4 * Math.PI * y / grid.ly()));
                    out[1][p] = 1 - out[0][p];
                }
            }

            @Override
            public void velocitiesAt(double t, double[][][] out) {
                for (int p = 0; p < grid.points(); p++) {
                    out[0][0][p] = 0.3;
                    out[0][1][p] = -0.1;
                    out[0][2][p] = 0;
                    out[1][0][p] = -0.2;
                    out[1][1][p] = 0.05;
                    out[1][2][p] = 0.01;
                }
            }
        };
    }

    /** The cell average of cos(kx) over [x_c − h/2, x_c + h/2] is sinc(kh/2) cos(k x_c), per axis. */
    @Test
    void cellAveragesOfAModeAreItsCentreValuesTimesTheSincFactors() {
        Grid grid = new Grid(8, 6, 1, 1.0, 2.0, 1.0);
        double a = 0.3;
        LocalMaxwellian m = new LocalMaxwellian(frozen(grid, a), new double[] {1, 4}, 0.1);
        m.updateCellAverages(0);
        double hx = 1.0 / 8, hy = 2.0 / 6;
        double kx = 2 * Math.PI, ky = 4 * Math.PI / 2.0;
        double factor = Math.sin(kx * hx / 2) / (kx * hx / 2) * Math.sin(ky * hy / 2) / (ky * hy / 2);
        for (int p = 0; p < grid.points(); p++) {
            double x = grid.coordinate(0, grid.axisIndex(p, 0)), y = grid.coordinate(1, grid.axisIndex(p, 1));
            double expected = 0.4 * (1 + a * factor * Math.cos(kx * x) * Math.cos(ky * y));
            assertEquals(expected, m.concentration(0, p), 1e-14, "c_A at point " + p);
            assertEquals(1 - expected, m.concentration(1, p), 1e-14, "c_B at point " + p);
            // a uniform velocity is unchanged: the averaged flux over the averaged concentration
            assertEquals(0.1 * 0.3, m.drift(0, 0, p), 1e-15);
            assertEquals(0.1 * 0.05, m.drift(1, 1, p), 1e-15);
        }
        m.update(0); // back to centre values
        assertEquals(0.4 * (1 + a * Math.cos(kx / 16) * Math.cos(ky / 6)), m.concentration(0, 0), 1e-14);
    }
}
