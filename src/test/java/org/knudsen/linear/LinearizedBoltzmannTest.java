package org.knudsen.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TanhSinh;

/** Structure of the linearized operator L (PHYSICS.md §12): conservation laws, symmetry, dissipation, Maxwell closed form. */
class LinearizedBoltzmannTest {
    static List<Mixture> mixtures() {
        double[] x = {-1, -0.3, 0.4, 1};
        return List.of(ChapmanEnskogTest.section53(0), ChapmanEnskogTest.section53(1), ChapmanEnskogTest.fourSpecies(0.5),
                Mixture.builder().species("a", 1, 0.5).species("b", 9, 0.2).species("c", 2, 0.3)
                        .defaultKernel(new CollisionKernel(1.2, 0.7, AngularLaw.tabulated(x, new double[] {1, 0.2, 0.6, 3})))
                        .pairKernel("a", "c", new CollisionKernel(0.4, 1, AngularLaw.strongCutoff())).build());
    }

    private static double[] eigenvalues(double[] block, int size) {
        DMatrixRMaj m = new DMatrixRMaj(size, size, true, block);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, false, true);
        assertTrue(eig.decompose(m));
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = eig.getEigenvalue(i).real;
        }
        return v;
    }

    /**
     * The null space of L is exactly the conservation laws: per species number and energy in l = 0 (N + 1), momentum
     * along k̂ in l = 1 (1), nothing else (N + 2 in the axisymmetric basis; N + 4 in 3-D); L is symmetric and ≤ 0.
     */
    @Test
    void nullSpaceIsTheConservationLawsAndLIsSymmetricDissipative() {
        for (Mixture m : mixtures()) {
            LinearizedBoltzmann op = LinearizedBoltzmann.assemble(m, 14);
            int n = m.size();
            double scale = 0;
            for (int l = 0; l <= 14; l++) {
                for (double v : op.block(l)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            int nullity = 0;
            for (int l = 0; l <= 14; l++) {
                int size = op.basis().blockSize(l);
                double[] b = op.block(l);
                for (int r = 0; r < size; r++) {
                    for (int c = 0; c < r; c++) {
                        assertEquals(b[r * size + c], b[c * size + r], 1e-14 * scale, "symmetric l=" + l);
                    }
                }
                int zeros = 0;
                for (double e : eigenvalues(b, size)) {
                    assertTrue(e <= 1e-12 * scale, "negative semi-definite: " + e);
                    if (Math.abs(e) <= 1e-12 * scale) {
                        zeros++;
                    }
                }
                assertEquals(l == 0 ? n + 1 : l == 1 ? 1 : 0, zeros, "null space of block l=" + l);
                nullity += zeros;
            }
            assertEquals(n + 2, nullity);
            // the invariants themselves: numbers, energy |w|² = 3 + √6 ψ_10 per species, momentum √(m_i c_i) ψ_01
            double[] x = new double[op.basis().size()], y = new double[x.length];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(x, 0);
                x[op.basis().index(0, i, 0)] = 1;
                op.apply(x, y);
                assertEquals(0, maxAbs(y), 1e-13 * scale, "species number");
            }
            java.util.Arrays.fill(x, 0);
            for (int i = 0; i < n; i++) {
                double ci = m.concentration(i);
                x[op.basis().index(0, i, 0)] = 3 * Math.sqrt(ci);
                x[op.basis().index(0, i, 1)] = Math.sqrt(6 * ci);
                x[op.basis().index(1, i, 0)] = Math.sqrt(m.mass(i) * ci);
            }
            op.apply(x, y);
            assertEquals(0, maxAbs(y), 1e-13 * scale, "energy and momentum");
        }
    }

    private static double maxAbs(double[] y) {
        double s = 0;
        for (double v : y) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    /**
     * One species of Maxwell molecules: L is diagonal in the Burnett basis with the Wang Chang–Uhlenbeck eigenvalues
     * λ_nl = c C 2π ∫ b(x) [cos^{2n+l}(θ/2) P_l(cos(θ/2)) + sin^{2n+l}(θ/2) P_l(sin(θ/2)) − 1 − δ_n0 δ_l0] dx, x = cos θ
     * (an independent closed form; here by tanh–sinh quadrature of the law's density).
     */
    @Test
    void singleSpeciesMaxwellMoleculesHaveTheWangChangUhlenbeckEigenvalues() {
        for (AngularLaw law : new AngularLaw[] {AngularLaw.isotropic(), AngularLaw.vss(1.7), AngularLaw.strongCutoff()}) {
            double c = 0.7, strength = 1.9;
            Mixture m = Mixture.builder().species("a", 3.0, c).defaultKernel(new CollisionKernel(strength, 0, law)).build();
            int degree = 16;
            LinearizedBoltzmann op = LinearizedBoltzmann.assemble(m, degree);
            for (int l = 0; l <= degree; l++) {
                int rc = op.basis().radialCount(l);
                for (int n = 0; n < rc; n++) {
                    final int nn = n, ll = l;
                    double wcu = c * strength * TanhSinh.integrateSplit(x -> {
                        double ch = Math.sqrt((1 + x) / 2), sh = Math.sqrt((1 - x) / 2);
                        double v = Math.pow(ch, 2 * nn + ll) * TanhSinh.legendre(ll, ch)
                                + Math.pow(sh, 2 * nn + ll) * TanhSinh.legendre(ll, sh) - 1 - (nn == 0 && ll == 0 ? 1 : 0);
                        return 2 * Math.PI * law.density(x) * v;
                    }, 0);
                    assertEquals(wcu, op.element(l, 0, n, 0, n), 2e-13, law.describe() + " n=" + n + " l=" + l);
                    for (int q = 0; q < rc; q++) {
                        if (q != n) {
                            assertEquals(0, op.element(l, 0, n, 0, q), 1e-14, "off-diagonal");
                        }
                    }
                }
            }
        }
    }

    /** The streaming recurrences ⟨ψ_{n',l+1}| w_z |ψ_nl⟩ equal a direct quadrature of the Burnett functions. */
    @Test
    void streamingRecurrencesMatchQuadrature() {
        int degree = 10;
        double[][] r1 = new double[degree + 2][degree + 2], r2 = new double[degree + 2][degree + 2];
        double[][] gl = QuadratureAssembly.golubWelsch(new double[12], legendreOff(12), 2);
        for (int l = 0; l < degree; l++) {
            double[][] lag = QuadratureAssembly.laguerre(12, l + 1.5);
            double angular = 0;
            for (int q = 0; q < 12; q++) {
                double mu = gl[0][q];
                angular += gl[1][q] * mu * Math.sqrt((2 * l + 1) * (2 * l + 3.0)) / (4 * Math.PI)
                        * TanhSinh.legendre(l, mu) * TanhSinh.legendre(l + 1, mu);
            }
            for (int n = 0; 2 * n + l <= degree; n++) {
                for (int np : new int[] {n - 1, n}) {
                    if (np < 0 || 2 * np + l + 1 > degree) {
                        continue;
                    }
                    double radial = 0;
                    for (int k = 0; k < 12; k++) {
                        double t = lag[0][k], r = Math.sqrt(2 * t);
                        QuadratureAssembly.radial(r, degree + 1, r1);
                        // ∫ r³ e^{−r²/2} R R' dr = 2^{l+3/2} ∫ t^{l+3/2} e^{−t} [R R'/(2t)^{l+1/2}] dt
                        radial += lag[1][k] * Math.pow(2, l + 1.5) * r1[l][n] * r1[l + 1][np] / Math.pow(2 * t, l + 0.5);
                    }
                    double expected = Math.pow(2 * Math.PI, -1.5) * 2 * Math.PI * radial * angular;
                    assertEquals(expected, BurnettBasis.streaming(n, l, np == n - 1), 1e-12, "n=" + n + " l=" + l);
                }
            }
        }
    }

    private static double[] legendreOff(int n) {
        double[] o = new double[n];
        for (int k = 1; k < n; k++) {
            o[k] = k / Math.sqrt(4.0 * k * k - 1);
        }
        return o;
    }
}
