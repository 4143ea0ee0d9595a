package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.physics.Grid;

class MaxwellStefanSolverTest {

    /**
     * Single small cosine mode exciting every eigen-combination equally; the projections on the left
     * eigenvectors of D decay at |k|²/θ_m (PHYSICS.md §5.2). Relative amplitude 1e-4, so the nonlinear
     * correction to the rate (second order in the amplitude) is ~1e-8.
     */
    private static void assertLinearDecay(Mixture mixture, int[] k, Grid grid) {
        MaxwellStefanLinear lin = MaxwellStefanLinear.of(mixture);
        int n = mixture.size();
        double[] amp = new double[n];
        double delta = 1e-4 * mixture.concentration(n - 1);
        for (int m = 0; m < n - 1; m++) {
            double[] r = lin.rightEigenvector(m);
            double norm = 0;
            for (double x : r) {
                norm = Math.max(norm, Math.abs(x));
            }
            for (int i = 0; i < n; i++) {
                amp[i] += delta * r[i] / norm;
            }
        }
        double sum = 0;
        for (double a : amp) {
            sum += a;
        }
        amp[0] -= sum; // exact zero sum in floating point
        MaxwellStefanSolver s = MaxwellStefanSolver.forMixture(mixture, grid, null, 1.0,
                List.of(new FourierMode(k, amp)), IntegratorOptions.adaptive(1e-13, 1e-20));
        double[] rates = lin.decayRates(k, grid.lengths());
        double[][] c = new double[n][grid.points()];
        double[] a0 = modes(s, lin, grid, k, 0, c);
        for (int m = 0; m < n - 1; m++) {
            double t = 2 / rates[m];
            double[] a = modes(s, lin, grid, k, t, c);
            double measured = -Math.log(a[m] / a0[m]) / t;
            System.out.printf("N=%d mode %d: measured rate %.10f linear %.10f rel %.2e%n", n, m, measured, rates[m],
                    measured / rates[m] - 1);
            assertEquals(rates[m], measured, 1e-6 * rates[m], "rate of eigen-combination " + m);
        }
    }

    private static double[] modes(MaxwellStefanSolver s, MaxwellStefanLinear lin, Grid grid, int[] k, double t,
                                  double[][] c) {
        s.concentrationsAt(t, c);
        double[] hat = new double[c.length];
        int[] k3 = java.util.Arrays.copyOf(k, 3);
        for (int i = 0; i < c.length; i++) {
            hat[i] = FluidTestSupport.modeCoefficient(grid, c[i], k3, false);
        }
        return lin.project(hat);
    }

    @Test
    void smallModeDecaysAtTheLinearMaxwellStefanRatesForTwoThreeAndFourSpecies() {
        assertLinearDecay(FluidTestSupport.binary(), new int[] {1, 0, 0}, Grid.of1D(16, 1));
        assertLinearDecay(FluidTestSupport.example3(0), new int[] {1, 0, 0}, Grid.of1D(16, 1));
        assertLinearDecay(FluidTestSupport.example3(1), new int[] {0, 1, 0}, new Grid(1, 16, 1, 1, 1, 1));
        assertLinearDecay(FluidTestSupport.quaternary(), new int[] {1, 1, 0}, new Grid(8, 8, 1, 1, 2, 1));
    }

    /** Two modes in 2-D, c varies by ±30 % (species B), mean velocity ū ≠ 0. */
    static MaxwellStefanSolver nonlinear2D(int cells, IntegratorOptions options, double[] meanVelocity) {
        Mixture m = FluidTestSupport.example3(0);
        List<FourierMode> modes = List.of(
                new FourierMode(new int[] {1, 0, 0}, new double[] {0.06, -0.045, -0.015}),
                new FourierMode(new int[] {1, 1, 0}, new double[] {0.0, 0.045, -0.045}));
        return MaxwellStefanSolver.forMixture(m, new Grid(cells, cells, 1, 1, 1, 1), meanVelocity, 1.0, modes, options);
    }

    @Test
    void speciesMassTotalConcentrationAndTotalFluxAreConservedToRounding() {
        double[] ubar = {0.3, -0.2, 0.1};
        MaxwellStefanSolver s = nonlinear2D(16, IntegratorOptions.adaptive(1e-9, 1e-12), ubar);
        int n = s.species();
        int points = s.grid().points();
        double[][] c = new double[n][points];
        double[][][] flux = new double[n][3][points];
        double[] mass0 = new double[n];
        s.concentrationsAt(0, c);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < points; p++) {
                mass0[i] += c[i][p];
            }
        }
        double c0 = s.totalConcentration();
        double worstMass = 0, worstSum = 0, worstFlux = 0;
        for (double t : new double[] {0, 0.005, 0.013, 0.05}) {
            s.concentrationsAt(t, c);
            s.fluxesAt(t, flux);
            for (int i = 0; i < n; i++) {
                double mass = 0;
                for (int p = 0; p < points; p++) {
                    mass += c[i][p];
                }
                worstMass = Math.max(worstMass, Math.abs(mass / mass0[i] - 1));
            }
            for (int p = 0; p < points; p++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += c[i][p];
                }
                worstSum = Math.max(worstSum, Math.abs(sum / c0 - 1));
                for (int d = 0; d < 3; d++) {
                    double f = 0;
                    for (int i = 0; i < n; i++) {
                        f += flux[i][d][p];
                    }
                    worstFlux = Math.max(worstFlux, Math.abs(f - c0 * ubar[d]));
                }
            }
        }
        System.out.printf("conservation: species mass %.2e, sum_i c_i %.2e, sum_i N_i - C0 ubar %.2e (%d steps)%n",
                worstMass, worstSum, worstFlux, s.acceptedSteps());
        assertTrue(worstMass < 1e-12, "species mass drift " + worstMass);
        assertTrue(worstSum < 1e-12, "sum_i c_i drift " + worstSum);
        assertTrue(worstFlux < 1e-12, "sum_i N_i - C0 ubar = " + worstFlux);
    }

    @Test
    void fixedStepIntegrationConvergesAtFifthOrderInTime() {
        // coarse grid (8×8) so that the stability limit of the explicit steps is not the issue
        double tEnd = 0.04;
        int cells = 8;
        double[][] ref = finalState(nonlinear2D(cells, IntegratorOptions.fixed(tEnd / 1024), null), tEnd);
        double[] err = new double[3];
        int[] steps = {16, 32, 64};
        for (int r = 0; r < 3; r++) {
            double[][] c = finalState(nonlinear2D(cells, IntegratorOptions.fixed(tEnd / steps[r]), null), tEnd);
            for (int i = 0; i < c.length; i++) {
                for (int p = 0; p < c[i].length; p++) {
                    err[r] = Math.max(err[r], Math.abs(c[i][p] - ref[i][p]));
                }
            }
        }
        double o1 = Math.log(err[0] / err[1]) / Math.log(2);
        double o2 = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.printf("time convergence: errors %.3e %.3e %.3e, observed orders %.3f %.3f%n", err[0], err[1],
                err[2], o1, o2);
        assertEquals(5, o1, 0.35);
        assertEquals(5, o2, 0.35);
    }

    private static double[][] finalState(MaxwellStefanSolver s, double t) {
        double[][] c = new double[s.species()][s.grid().points()];
        s.advanceTo(t);
        s.concentrationsAt(s.time(), c);
        assertEquals(t, s.time(), 1e-12);
        return c;
    }

    @Test
    void spatialErrorDecreasesGeometricallyWithGridSize() {
        double tEnd = 0.01;
        IntegratorOptions opt = IntegratorOptions.adaptive(1e-12, 1e-15);
        double[][][] refHat = lowModes(nonlinear2D(32, opt, null), tEnd);
        int[] sizes = {4, 6, 8, 10};
        double[] err = new double[sizes.length];
        for (int r = 0; r < sizes.length; r++) {
            double[][][] hat = lowModes(nonlinear2D(sizes[r], opt, null), tEnd);
            for (int i = 0; i < hat.length; i++) {
                for (int a = 0; a < hat[i].length; a++) {
                    for (int b = 0; b < hat[i][a].length; b++) {
                        err[r] = Math.max(err[r], Math.abs(hat[i][a][b] - refHat[i][a][b]));
                    }
                }
            }
        }
        System.out.printf("space convergence (n = 4, 6, 8, 10 vs 32): %s%n", java.util.Arrays.toString(err));
        for (int r = 1; r < sizes.length; r++) {
            // geometric: each +2 points divides the error by a large factor, until the rounding floor
            assertTrue(err[r] < err[r - 1] / 30 || err[r] < 1e-12, "error at n=" + sizes[r] + " " + err[r]
                    + " vs " + err[r - 1]);
        }
        assertTrue(err[sizes.length - 1] < 1e-11, "finest error " + err[sizes.length - 1]);
    }

    /** Cosine coefficients of the modes (k_x, k_y) with 0 ≤ k_x ≤ 2, |k_y| ≤ 2 (the symmetry keeps sines at 0). */
    private static double[][][] lowModes(MaxwellStefanSolver s, double t) {
        Grid g = s.grid();
        double[][] c = new double[s.species()][g.points()];
        s.concentrationsAt(t, c);
        double[][][] hat = new double[s.species()][3][5];
        for (int i = 0; i < s.species(); i++) {
            for (int kx = 0; kx <= 2; kx++) {
                for (int ky = -2; ky <= 2; ky++) {
                    hat[i][kx][ky + 2] = FluidTestSupport.modeCoefficient(g, c[i], new int[] {kx, ky, 0}, false);
                }
            }
        }
        return hat;
    }

    /**
     * Periodic Duncan–Toor (PHYSICS.md §6): H2/N2/CO2 with Δ_ij = c_t Đ_ij (c_t = 1), N2 almost uniform, H2 and
     * CO2 opposite. The fast H2 counter-flux drags N2 against its own gradient (N_N2·∇c_N2 > 0, reverse
     * diffusion), later the flux stops at a nonzero gradient (barrier), and the end state is uniform.
     */
    @Test
    void nitrogenDiffusesUphillInAPeriodicDuncanToorMixtureAndTheEndStateIsUniform() {
        double[][] delta = {{0, 83.3, 68.0}, {83.3, 0, 16.8}, {68.0, 16.8, 0}};
        double[] cInf = {0.25, 0.5, 0.25};
        Grid grid = Grid.of1D(32, 10.0);
        CompatibleInitialData data = CompatibleInitialData.build(cInf, 1.0,
                List.of(new FourierMode(new int[] {1}, new double[] {-0.2, 0.001, 0.199})), grid);
        MaxwellStefanSolver s = new MaxwellStefanSolver(delta, cInf, grid, null, data.concentrations(),
                IntegratorOptions.adaptive(1e-10, 1e-14)).withSpeciesNames("H2", "N2", "CO2");
        double[][] c = new double[3][grid.points()];
        double[][][] flux = new double[3][3][grid.points()];
        int[] k = {1, 0, 0};
        double maxUphill = 0;
        double minN2 = Double.MAX_VALUE;
        boolean barrier = false;
        double previousFlux = Double.NaN;
        for (int step = 0; step <= 400; step++) {
            double t = step * 0.01;
            s.concentrationsAt(t, c);
            s.fluxesAt(t, flux);
            double a = FluidTestSupport.modeCoefficient(grid, c[1], k, false);   // c_N2 ≈ a cos(2πx/L)
            double b = FluidTestSupport.modeCoefficient(grid, flux[1][0], k, true); // N_N2 ≈ b sin(2πx/L)
            // mode level: ∇c_N2 = −(2π/L) a sin, so <N·∇c> ∝ −a b
            double uphill = -a * b * 2 * Math.PI / grid.lx() / 2;
            maxUphill = Math.max(maxUphill, uphill);
            minN2 = Math.min(minN2, a);
            if (!Double.isNaN(previousFlux) && Math.signum(previousFlux) != Math.signum(b) && Math.abs(a) > 0.01) {
                barrier = true;
            }
            previousFlux = b;
        }
        s.concentrationsAt(4.0, c);
        double dev = 0;
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < grid.points(); p++) {
                dev = Math.max(dev, Math.abs(c[i][p] - cInf[i]));
            }
        }
        System.out.printf("Duncan-Toor: max <N_N2 . grad c_N2> = %.3e, min N2 amplitude %.4f, barrier %b,"
                + " final deviation %.2e%n", maxUphill, minN2, barrier, dev);
        assertTrue(maxUphill > 1e-5, "N2 never flows uphill: " + maxUphill);
        assertTrue(minN2 < -0.02, "N2 gradient never reverses: " + minN2);
        assertTrue(barrier, "no diffusion barrier (N2 flux reversal at finite gradient)");
        assertTrue(dev < 1e-8, "final state not uniform: " + dev);
    }

    @Test
    void initialVelocitiesSatisfyTheCorrectedCompatibilityRelation() {
        Mixture m = FluidTestSupport.example3(1);
        Grid grid = Grid.of1D(32, 1);
        double eps = 0.1;
        CompatibleInitialData data = CompatibleInitialData.build(m.concentrations(), eps,
                List.of(new FourierMode(new int[] {1}, new double[] {1.0, -0.5, -0.5}),
                        new FourierMode(new int[] {3}, new double[] {0.2, 0.3, -0.5})), grid);
        double smallness = 0;
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < grid.points(); p++) {
                smallness = Math.max(smallness, Math.abs(eps * data.perturbation()[i][p]) / m.concentration(i));
            }
        }
        assertEquals(smallness, data.smallness(), 1e-15);
        assertTrue(smallness > 0.3 && smallness < 1.0 / 3, "delta_MS " + smallness);
        double[][] delta = TransportCoefficients.deltaMatrix(m);
        double[][][] u = data.diffusionVelocities(delta);
        double[][] c = data.concentrations();
        double[][] ct = data.perturbation();
        for (int p = 0; p < grid.points(); p++) {
            double x = grid.coordinate(0, p);
            double closure = 0;
            for (int i = 0; i < 3; i++) {
                closure += c[i][p] * u[i][0][p];
            }
            assertEquals(0, closure, 1e-12, "sum_i c_i u~_i");
            // ∇c̃_i = Σ_j c_i c_j (ũ_j − ũ_i)/Δ_ij (Theorem 2.1 (iii), typo corrected), exact gradient of the modes
            double[] grad = new double[3];
            double[] a1 = {1.0, -0.5, -0.5};
            double[] a3 = {0.2, 0.3, -0.5};
            for (int i = 0; i < 3; i++) {
                grad[i] = -2 * Math.PI * a1[i] * Math.sin(2 * Math.PI * x) - 6 * Math.PI * a3[i] * Math.sin(6 * Math.PI * x);
                double rhs = 0;
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        rhs += c[i][p] * c[j][p] * (u[j][0][p] - u[i][0][p]) / delta[i][j];
                    }
                }
                assertEquals(grad[i], rhs, 1e-11, "compatibility species " + i);
            }
            assertEquals(0, ct[0][p] + ct[1][p] + ct[2][p], 1e-15);
        }
    }

    @Test
    void badInitialModesAreRejectedNamingModeAndRule() {
        double[] cInf = {0.4, 0.3, 0.3};
        Grid g = Grid.of1D(16, 1);
        FourierMode ok = new FourierMode(new int[] {1}, new double[] {0.1, -0.05, -0.05});
        // a mode owns its rules (amplitudes summing to zero, a non-zero wavevector): it cannot be built otherwise
        org.knudsen.physics.ParameterException e1 = assertThrows(org.knudsen.physics.ParameterException.class,
                () -> new FourierMode(new int[] {2}, new double[] {0.1, 0.1, -0.1}));
        assertTrue(e1.parameter().equals("amplitude") && e1.getMessage().contains("sum to zero"), e1.getMessage());
        org.knudsen.physics.ParameterException e2 = assertThrows(org.knudsen.physics.ParameterException.class,
                () -> new FourierMode(new int[] {0, 0, 0}, new double[] {0.1, -0.05, -0.05}));
        assertTrue(e2.parameter().equals("wavevector") && e2.getMessage().contains("zero mean"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> CompatibleInitialData.build(
                cInf, 1.0, List.of(new FourierMode(new int[] {1}, new double[] {0.5, -0.25, -0.25})), g));
        assertTrue(e3.getMessage().contains("> 0") && e3.getMessage().contains("positivity"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class, () -> CompatibleInitialData.build(
                cInf, 0.1, List.of(new FourierMode(new int[] {8}, new double[] {0.1, -0.05, -0.05})), g));
        assertTrue(e4.getMessage().contains("mode 0") && e4.getMessage().contains("resolved"), e4.getMessage());
    }

    @Test
    void aStepThatWouldMakeAConcentrationNegativeIsRefusedWithANamedError() {
        // an unstable fixed step on a sharply varying state drives some concentration negative
        Mixture m = FluidTestSupport.example3(0);
        MaxwellStefanSolver s = MaxwellStefanSolver.forMixture(m, Grid.of1D(32, 1), null, 1.0,
                List.of(new FourierMode(new int[] {1}, new double[] {0.3, -0.15, -0.15}),
                        new FourierMode(new int[] {15}, new double[] {0.05, -0.1, 0.05})),
                IntegratorOptions.fixed(0.01));
        PositivityException e = assertThrows(PositivityException.class, () -> s.advanceTo(1.0));
        assertTrue(e.getMessage().contains("species '" + m.name(e.species()) + "'"), e.getMessage());
        assertTrue(e.value() <= 0);
        // the adaptive controller, by contrast, keeps the same data positive
        MaxwellStefanSolver a = MaxwellStefanSolver.forMixture(m, Grid.of1D(32, 1), null, 1.0,
                List.of(new FourierMode(new int[] {1}, new double[] {0.3, -0.15, -0.15}),
                        new FourierMode(new int[] {15}, new double[] {0.05, -0.1, 0.05})),
                IntegratorOptions.adaptive(1e-6, 1e-10));
        a.advanceTo(0.2);
    }

    @Test
    void fluxTimeDerivativeMatchesAFiniteDifferenceOfTheDenseOutput() {
        MaxwellStefanSolver s = nonlinear2D(12, IntegratorOptions.adaptive(1e-12, 1e-15), new double[] {0.1, 0.2, 0});
        int n = s.species();
        int points = s.grid().points();
        double t = 0.004;
        double h = 1e-4;
        double[][][] plus = new double[n][3][points];
        double[][][] minus = new double[n][3][points];
        double[][][] exact = new double[n][3][points];
        s.fluxTimeDerivativesAt(t, exact);
        s.fluxesAt(t + h, plus);
        s.fluxesAt(t - h, minus);
        double worst = 0, scale = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 2; d++) {
                for (int p = 0; p < points; p++) {
                    double fd = (plus[i][d][p] - minus[i][d][p]) / (2 * h);
                    worst = Math.max(worst, Math.abs(fd - exact[i][d][p]));
                    scale = Math.max(scale, Math.abs(exact[i][d][p]));
                }
            }
        }
        System.out.printf("dN/dt vs finite difference: %.2e relative to %.2e%n", worst, scale);
        assertTrue(worst < 1e-5 * scale, "dN/dt mismatch " + worst + " of " + scale);
    }
}
