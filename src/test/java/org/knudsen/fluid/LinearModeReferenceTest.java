package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.linear.LinearizedBoltzmann;
import org.knudsen.linear.MaxwellianMode;
import org.knudsen.linear.ModeDynamics;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

/** The exact linear reference of a run (PHYSICS.md §12): initial data, normalisation, the Maxwell–Stefan limit. */
class LinearModeReferenceTest {
    private static final double[] UNIT = {1, 1, 1};
    private static final int[] CELLS = {64, 1, 1};
    private static final double[] AMPLITUDE = {0.2, -0.1, -0.1};

    private static LinearModeReference reference(Mixture m, double eps, double[] lengths, int[] cells, double[] u,
                                                 List<FourierMode> modes, double[] times, int degree) {
        return LinearModeReference.compute(m, TransportCoefficients.deltaMatrix(m), eps, lengths, cells, u, modes,
                new int[] {1, 0, 0}, times, new LinearModeReference.Settings(0, 1e-7, degree, 4, degree));
    }

    /** At t = 0 the columns are the run's initial data: ε c̃ for the amplitudes and F = M^ε (deviation 0). */
    @Test
    void startsFromTheRunsInitialData() {
        Mixture m = DiffusionClosureTest.ternary(1);
        LinearModeReference r = reference(m, 0.1, UNIT, CELLS, new double[3],
                List.of(new FourierMode(new int[] {1, 0, 0}, AMPLITUDE)), new double[] {0, 0.01}, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.1 * AMPLITUDE[i], r.trackedDensity()[0][i], 1e-16);
        }
        assertEquals(0, r.deviationNorm()[0], 1e-16);
        assertTrue(r.deviationNorm()[1] > 0);
    }

    /**
     * dev_norm_lb is ‖F − M^ε‖ over the box in the run's units: √(|V|/2) × the cell-average factor sinc(πn/N) ×
     * the norm of the complex amplitude (degree ≤ 3) that {@code LinearEvolution.deviationFrom} gives.
     */
    @Test
    void deviationHasTheRunsSpatialNormalisation() {
        Mixture m = DiffusionClosureTest.ternary(0);
        double eps = 0.1, k = 2 * Math.PI / 2;
        double[] lengths = {2, 0.5, 3}, times = {0, 0.05, 0.1};
        int[] cells = {16, 1, 1};
        LinearModeReference r = reference(m, eps, lengths, cells, new double[3],
                List.of(new FourierMode(new int[] {1, 0, 0}, AMPLITUDE)), times, 10);
        double[] c0 = {eps * AMPLITUDE[0], eps * AMPLITUDE[1], eps * AMPLITUDE[2]};
        MaxwellStefanLinear ms = MaxwellStefanLinear.of(m);
        List<MaxwellianMode> refs = LinearModeReference.msModes(ms, m, k, c0, times);
        double[] direct = ModeDynamics.of(LinearizedBoltzmann.assemble(m, 10), k, eps).evolve(refs.get(0), times)
                .deviationFrom(refs).degreeAtMost3();
        double factor = Math.sqrt(2 * 0.5 * 3 / 2.0) * Math.sin(Math.PI / 16) / (Math.PI / 16);
        for (int t = 1; t < times.length; t++) {
            assertEquals(factor * direct[t], r.deviationNorm()[t], 1e-14 * direct[t]);
        }
    }

    /** Opposite wavevectors are one Fourier mode: their amplitudes add (cos is even, the compatible drift too). */
    @Test
    void oppositeWavevectorsAreOneMode() {
        Mixture m = DiffusionClosureTest.ternary(1);
        double[] times = {0, 0.02, 0.1};
        double[] half = {0.1, -0.05, -0.05};
        LinearModeReference split = reference(m, 0.1, UNIT, CELLS, new double[3], List.of(
                new FourierMode(new int[] {1, 0, 0}, half), new FourierMode(new int[] {-1, 0, 0}, half)), times, 8);
        LinearModeReference one = reference(m, 0.1, UNIT, CELLS, new double[3],
                List.of(new FourierMode(new int[] {1, 0, 0}, AMPLITUDE)), times, 8);
        for (int t = 0; t < times.length; t++) {
            assertArrayEquals(one.trackedDensity()[t], split.trackedDensity()[t], 1e-15);
            assertEquals(one.deviationNorm()[t], split.deviationNorm()[t], 1e-15);
        }
    }

    /** A constant ū advects the mode (phase e^{−ik·ū t}, PHYSICS.md §5.2) and leaves the deviation alone. */
    @Test
    void meanVelocityTurnsThePhaseOnly() {
        Mixture m = DiffusionClosureTest.ternary(0);
        double[] times = {0, 0.03, 0.07};
        List<FourierMode> modes = List.of(new FourierMode(new int[] {1, 0, 0}, AMPLITUDE));
        double u = 2.5;
        LinearModeReference still = reference(m, 0.1, UNIT, CELLS, new double[3], modes, times, 8);
        LinearModeReference moving = reference(m, 0.1, UNIT, CELLS, new double[] {u, 0.4, 0}, modes, times, 8);
        for (int t = 0; t < times.length; t++) {
            double c = Math.cos(2 * Math.PI * u * times[t]);
            for (int i = 0; i < 3; i++) {
                assertEquals(c * still.trackedDensity()[t][i], moving.trackedDensity()[t][i], 1e-15);
            }
            assertEquals(still.deviationNorm()[t], moving.deviationNorm()[t], 0);
        }
    }

    /**
     * Maxwell molecules: the amplitudes approach the Maxwell–Stefan ones as ε → 0 (PHYSICS.md §5.4, §12: MS is the
     * exact limit for γ = 0), the gap after the acoustic transient falling as ε² (ratio ≥ 3 per halving), and the
     * deviation ‖F − M^ε‖/ε falling too.
     */
    @Test
    void maxwellMoleculesApproachMaxwellStefanAsEpsilonSquared() {
        Mixture m = DiffusionClosureTest.ternary(0);
        MaxwellStefanLinear ms = MaxwellStefanLinear.of(m);
        double k = 2 * Math.PI;
        double[] times = {0, 0.05, 0.08, 0.12, 0.16, 0.2};
        List<FourierMode> modes = List.of(new FourierMode(new int[] {1, 0, 0}, AMPLITUDE));
        double previousGap = Double.NaN, previousDev = Double.NaN;
        for (double eps : new double[] {0.02, 0.01, 0.005}) {
            LinearModeReference r = LinearModeReference.compute(m, TransportCoefficients.deltaMatrix(m), eps, UNIT,
                    CELLS, new double[3], modes, new int[] {1, 0, 0}, times,
                    new LinearModeReference.Settings(0, 1e-6, 8, 4, 20));
            double[] c0 = {eps * AMPLITUDE[0], eps * AMPLITUDE[1], eps * AMPLITUDE[2]};
            List<org.knudsen.linear.MaxwellianMode> msModes = LinearModeReference.msModes(ms, m, k, c0, times);
            double gap = 0, dev = 0;
            for (int t = 1; t < times.length; t++) {
                double[] c = msModes.get(t).densityRe();
                for (int i = 0; i < 3; i++) {
                    gap = Math.max(gap, Math.abs(r.trackedDensity()[t][i] - c[i]) / Math.abs(c0[0]));
                }
                dev = Math.max(dev, r.deviationNorm()[t] / eps);
            }
            System.out.printf("eps=%.3f degree %d: max |c_lb - c_MS|/|c0| = %.3e, sup dev_norm_lb/eps = %.3e%n", eps,
                    r.degree(), gap, dev);
            if (!Double.isNaN(previousGap)) {
                assertTrue(previousGap / gap > 3, "gap falls like eps^2: " + previousGap / gap);
                assertTrue(dev < previousDev, "deviation / eps falls");
            }
            previousGap = gap;
            previousDev = dev;
        }
        assertTrue(previousGap < 5e-3);
    }
}
