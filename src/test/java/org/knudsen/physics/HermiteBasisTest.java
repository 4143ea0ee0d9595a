package org.knudsen.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HermiteBasisTest {

    /** ∫ N(v; d, 1/m) He_n(√m v) dv by the trapezoid rule, spectrally accurate for this Gaussian integrand. */
    private static double gaussianHermite1d(int n, double mass, double drift) {
        double s = 1 / Math.sqrt(mass), h = s / 200, sum = 0;
        for (double v = drift - 14 * s; v <= drift + 14 * s; v += h) {
            double density = Math.exp(-(v - drift) * (v - drift) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s);
            sum += density * HermiteBasis.he(n, Math.sqrt(mass) * v);
        }
        return sum * h;
    }

    @Test
    void hermiteProductsAreOrthonormalUnderTheReferenceMaxwellian() {
        // ∫ μ_i H_α H_β = δ_αβ with μ_i = c_∞ M̂_i: per dimension E[He_a He_b] = a! δ_ab under N(0, 1).
        double cInf = 0.3, mass = 4;
        for (int a = 0; a < HermiteBasis.SIZE; a++) {
            for (int b = 0; b < HermiteBasis.SIZE; b++) {
                int[] ia = HermiteBasis.index(a), ib = HermiteBasis.index(b);
                double product = cInf * HermiteBasis.normalisation(a, cInf) * HermiteBasis.normalisation(b, cInf);
                for (int k = 0; k < 3; k++) {
                    final int na = ia[k], nb = ib[k];
                    double s = 1 / Math.sqrt(mass), h = s / 200, sum = 0;
                    for (double v = -14 * s; v <= 14 * s; v += h) {
                        double density = Math.exp(-v * v / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s);
                        sum += density * HermiteBasis.he(na, Math.sqrt(mass) * v) * HermiteBasis.he(nb, Math.sqrt(mass) * v);
                    }
                    product *= sum * h;
                }
                assertEquals(a == b ? 1 : 0, product, 1e-12, "Gram entry " + a + "," + b);
            }
        }
    }

    @Test
    void maxwellianMomentsMatchQuadrature() {
        double mass = 40, cInf = 0.3, density = 0.31, dx = 0.05, dy = -0.02, dz = 0.013;
        for (int a = 0; a < HermiteBasis.SIZE; a++) {
            int[] idx = HermiteBasis.index(a);
            double quad = density * HermiteBasis.normalisation(a, cInf) * gaussianHermite1d(idx[0], mass, dx)
                    * gaussianHermite1d(idx[1], mass, dy) * gaussianHermite1d(idx[2], mass, dz);
            assertEquals(quad, HermiteBasis.maxwellianMoment(a, mass, cInf, density, dx, dy, dz), 1e-13, "alpha " + a);
        }
    }
}
