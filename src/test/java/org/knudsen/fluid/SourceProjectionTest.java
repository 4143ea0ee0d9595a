package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.Grid;

/**
 * π_L(S^ε) of PHYSICS.md §8.2 against an independent evaluation: time derivatives by central differences of the
 * dense output (h = 1e-5, so agreement to ~1e-6 relative), space derivatives by a naive DFT (no FFT library).
 */
class SourceProjectionTest {

    private static double[] dftDerivative(double[] f, double length) {
        int n = f.length;
        double[] out = new double[n];
        for (int k = 1; k < (n + 1) / 2; k++) {
            double re = 0, im = 0;
            for (int p = 0; p < n; p++) {
                double x = (p + 0.5) * length / n;
                re += f[p] * Math.cos(2 * Math.PI * k * x / length);
                im += f[p] * Math.sin(2 * Math.PI * k * x / length);
            }
            re *= 2.0 / n;
            im *= 2.0 / n;
            double w = 2 * Math.PI * k / length;
            for (int p = 0; p < n; p++) {
                double x = (p + 0.5) * length / n;
                out[p] += w * (-re * Math.sin(w * x) + im * Math.cos(w * x));
            }
        }
        return out;
    }

    @Test
    void fluidPartOfTheSourceHasNoMassAndMatchesMomentumAndEnergyBalances() {
        double eps = 0.5;
        double[] masses = {1, 4, 40};
        double length = 1.0;
        int n = 16;
        MaxwellStefanSolver s = MaxwellStefanSolver.forMixture(FluidTestSupport.example3(0), Grid.of1D(n, length),
                new double[] {0.2, 0, 0}, eps,
                List.of(new FourierMode(new int[] {1}, new double[] {0.2, -0.05, -0.15}),
                        new FourierMode(new int[] {2}, new double[] {-0.1, 0.1, 0.0})),
                IntegratorOptions.adaptive(1e-12, 1e-15));
        double t = 0.003, h = 1e-5;
        double[][] out = new double[3 + 4][n];
        s.sourceProjectionAt(t, eps, out);
        double[][] c = new double[3][n];
        double[][][] flux = new double[3][3][n];
        double[][][] fp = new double[3][3][n];
        double[][][] fm = new double[3][3][n];
        double[][] cp = new double[3][n];
        double[][] cm = new double[3][n];
        s.concentrationsAt(t + h, cp);
        s.fluxesAt(t + h, fp);
        s.concentrationsAt(t - h, cm);
        s.fluxesAt(t - h, fm);
        s.concentrationsAt(t, c);
        s.fluxesAt(t, flux);
        double rho = 0.4 * 1 + 0.3 * 4 + 0.3 * 40;
        double[] momentum = new double[n];
        double[] tensor = new double[n];
        double[] energy = new double[n];
        double[] energyFlux = new double[n];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < n; p++) {
                double nx = flux[i][0][p];
                momentum[p] += masses[i] * (fp[i][0][p] - fm[i][0][p]) / (2 * h);
                tensor[p] += masses[i] * nx * nx / c[i][p];
                double ep = fp[i][0][p] * fp[i][0][p] / cp[i][p];
                double em = fm[i][0][p] * fm[i][0][p] / cm[i][p];
                energy[p] += masses[i] * (ep - em) / (2 * h);
                energyFlux[p] += masses[i] * nx * nx * nx / (c[i][p] * c[i][p]);
            }
        }
        double[] dT = dftDerivative(tensor, length);
        double[] dQ = dftDerivative(energyFlux, length);
        double scaleP = 0, scaleE = 0, errP = 0, errE = 0;
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(0, out[k][p], 0.0, "mass coordinate");
            }
            assertEquals(0, out[3 + 1][p], 1e-12);
            assertEquals(0, out[3 + 2][p], 1e-12);
            double expectedP = -(momentum[p] + dT[p]) / Math.sqrt(rho);
            double expectedE = -eps * (energy[p] + dQ[p]) / Math.sqrt(6 * 1.0);
            errP = Math.max(errP, Math.abs(expectedP - out[3][p]));
            errE = Math.max(errE, Math.abs(expectedE - out[6][p]));
            scaleP = Math.max(scaleP, Math.abs(expectedP));
            scaleE = Math.max(scaleE, Math.abs(expectedE));
        }
        System.out.printf("pi_L(S): momentum err %.2e of %.2e, energy err %.2e of %.2e%n", errP, scaleP, errE, scaleE);
        assertTrue(errP < 1e-5 * scaleP, "momentum coordinate " + errP + " of " + scaleP);
        assertTrue(errE < 1e-5 * scaleE, "energy coordinate " + errE + " of " + scaleE);
    }
}
