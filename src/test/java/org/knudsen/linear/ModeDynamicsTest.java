package org.knudsen.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/** Spectrum and exact evolution of one Fourier mode, A = −(i/ε) k·v + L/ε² (PHYSICS.md §12). */
class ModeDynamicsTest {
    static final double K = 2 * Math.PI;

    static Complex_F64[] denseEigenvalues(double[][] a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.length, false);
        assertTrue(eig.decompose(new DMatrixRMaj(a)));
        Complex_F64[] out = new Complex_F64[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = eig.getEigenvalue(i);
        }
        return out;
    }

    static double nearest(Complex_F64[] values, double re, double im) {
        double best = Double.POSITIVE_INFINITY;
        for (Complex_F64 c : values) {
            best = Math.min(best, Math.hypot(c.real - re, c.imaginary - im));
        }
        return best;
    }

    /** Every tracked slow eigenvalue is an eigenvalue of the dense real-form matrix (EJML's QR algorithm). */
    @Test
    void trackedModesAreEigenvaluesOfTheDenseMatrix() {
        for (double gamma : new double[] {0, 1}) {
            for (double eps : new double[] {0.05, 0.2}) {
                ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(ChapmanEnskogTest.section53(gamma), 10), K, eps);
                Complex_F64[] dense = denseEigenvalues(md.realForm().dense());
                double norm = md.realForm().norm1(0);
                ModeSpectrum s = md.spectrum();
                assertEquals(ChapmanEnskogTest.section53(0).size() + 2, s.modes().size());
                for (ModeSpectrum.Mode m : s.modes()) {
                    assertTrue(m.converged(), m.toString());
                    assertEquals(0, nearest(dense, -m.rate(), m.frequency()), 1e-12 * norm, m.toString());
                }
            }
        }
    }

    /**
     * Two independent assemblies (oscillator brackets and brute quadrature) give the same finite-ε eigenvalues of A:
     * the whole dense spectrum, for Maxwell molecules, hard spheres, VSS and the (H4) law.
     */
    @Test
    void twoAssembliesGiveTheSameFiniteEpsilonSpectrum() {
        AngularLaw[] laws = {AngularLaw.isotropic(), AngularLaw.isotropic(), AngularLaw.vss(1.5), AngularLaw.strongCutoff()};
        double[] gammas = {0, 1, 0.5, 1};
        for (int c = 0; c < laws.length; c++) {
            Mixture m = AssemblyRoutesTest.mixture(gammas[c], laws[c]);
            int degree = 4;
            LinearizedBoltzmann alg = LinearizedBoltzmann.assemble(m, degree);
            LinearizedBoltzmann quad = LinearizedBoltzmann.fromBlocks(m, degree, QuadratureAssembly.blocks(m, degree));
            for (double eps : new double[] {0.1, 0.5}) {
                ModeOperator a = new ModeOperator(alg, K, eps), b = new ModeOperator(quad, K, eps);
                Complex_F64[] ea = denseEigenvalues(a.dense()), eb = denseEigenvalues(b.dense());
                double norm = a.norm1(0);
                for (Complex_F64 e : ea) {
                    assertEquals(0, nearest(eb, e.real, e.imaginary), 1e-10 * norm, "law " + c + " eps " + eps);
                }
            }
        }
    }

    /**
     * ε → 0: the tracked modes approach their Chapman–Enskog limits (coupled concentration + thermal rates; for γ = 0
     * the concentration ones are the Maxwell–Stefan rates) and the sound pair has frequency c_s|k|/ε.
     */
    @Test
    void smallEpsilonApproachesTheChapmanEnskogLimit() {
        for (double gamma : new double[] {0, 1}) {
            Mixture m = ChapmanEnskogTest.section53(gamma);
            LinearizedBoltzmann op = LinearizedBoltzmann.assemble(m, 24);
            double[] ms = MaxwellStefanLinear.decayRates(m, new int[] {1}, new double[] {1, 1, 1});
            double[] previous = null;
            double previousSound = Double.NaN;
            double cs = ChapmanEnskog.of(m, 2).modeRates(K).soundSpeed();
            for (double eps : new double[] {1e-3, 5e-4}) {
                ModeSpectrum s = ModeDynamics.of(op, K, eps).spectrum();
                double[] gap = new double[3];
                int q = 0;
                for (ModeSpectrum.Mode mode : s.modes()) {
                    if (mode.kind() == ModeKind.SOUND) {
                        // frequency c_s|k|/ε (1 + O(ε²)); the disparate masses make the ε² coefficient large
                        double sound = Math.abs(Math.abs(mode.frequency()) * eps / (cs * K) - 1);
                        assertTrue(sound < 1e-3, "sound speed " + sound);
                        if (!Double.isNaN(previousSound) && mode.index() == 0) {
                            assertEquals(4, previousSound / sound, 0.1, "O(eps^2) sound dispersion");
                        }
                        if (mode.index() == 0) {
                            previousSound = sound;
                        }
                        continue;
                    }
                    gap[q++] = Math.abs(mode.rate() - mode.limitRate()) / mode.limitRate();
                    if (gamma == 0 && mode.kind() == ModeKind.CONCENTRATION) {
                        assertEquals(ms[mode.index()], mode.limitRate(), 1e-8 * ms[mode.index()], "MS limit");
                    }
                }
                for (double g : gap) {
                    assertTrue(g < 1e-3, "rate within O(eps^2) of the limit: " + g);
                }
                if (previous != null) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals(4, previous[i] / gap[i], 0.1, "O(eps^2) approach");
                    }
                }
                previous = gap;
            }
        }
    }

    /** Convergence in the degree: each reported (isolated) rate changes by < 1e-6 from K − 2 to K. */
    @Test
    void ratesConvergeInTheBurnettDegree() {
        for (double gamma : new double[] {0, 1}) {
            LinearizedBoltzmann top = LinearizedBoltzmann.assemble(ChapmanEnskogTest.section53(gamma), 56);
            for (double eps : new double[] {0.02, 0.05}) {
                ModeDynamics md = ModeDynamics.atConvergedDegree(top, K, eps, 1e-6, 8);
                ModeSpectrum s = md.spectrum();
                System.out.printf("gamma=%.0f eps=%.2f converged at K=%d:%n", gamma, eps, md.degree());
                for (ModeSpectrum.Mode m : s.modes()) {
                    System.out.printf("   %s %d rate %.9f freq %.6f (eps->0 %.6f) change %.1e isolated %b%n", m.kind(),
                            m.index(), m.rate(), m.frequency(), m.limitRate(), m.degreeChange(), m.isolated());
                    assertTrue(m.isolated() && m.converged());
                    assertTrue(m.degreeChange() < 1e-6, m.toString());
                }
                assertTrue(md.degree() < 56);
            }
        }
    }

    /**
     * The essential-spectrum edge is min_i ν_i(0)/ε² with ν_i(v) = Σ_j C_ij c_j E|v − v*|^γ (here by quadrature of
     * E|v*|^γ over v* ~ N(0, I/m_j)), and a mode is isolated exactly when its rate lies below it. (In every case
     * scanned the continued rates bend down below the edge as ε grows; the loss of an eigenvalue shows instead as a
     * large degreeChange, which the spectrum reports beside the flag.)
     */
    @Test
    void essentialSpectrumEdgeAndIsolationFlag() {
        Mixture m = ChapmanEnskogTest.fourSpecies(1);
        double eps = 0.2;
        ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(m, 8), K, eps);
        double edge = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) {
            double nu = 0;
            for (int j = 0; j < m.size(); j++) {
                CollisionKernel k = m.kernel(i, j);
                // E|v*|^γ, v* ~ N(0, I/m): ∫ 4π r² (m/2π)^{3/2} e^{−m r²/2} r^γ dr = (2/m)^{γ/2} ∫ t^{(1+γ)/2} e^{−t} dt / Γ(3/2)
                double[][] lag = QuadratureAssembly.laguerre(3, (1 + k.gamma()) / 2);
                double mean = 0;
                for (int q = 0; q < 3; q++) {
                    mean += lag[1][q] * Math.pow(2 / m.mass(j), k.gamma() / 2);
                }
                nu += k.strength() * m.concentration(j) * mean / QuadratureAssembly.laguerre(1, 0.5)[1][0];
            }
            edge = Math.min(edge, nu);
        }
        ModeSpectrum s = md.spectrum();
        assertEquals(edge / (eps * eps), s.essentialSpectrumEdge(), 1e-9 * s.essentialSpectrumEdge());
        for (ModeSpectrum.Mode mode : s.modes()) {
            assertEquals(mode.rate() < s.essentialSpectrumEdge(), mode.isolated(), mode.toString());
        }
    }

    static MaxwellianMode runInitialData(int species) {
        double[] c = new double[species], u = new double[species];
        for (int i = 0; i < species; i++) {
            c[i] = (i == 0 ? 1 : -1.0 / (species - 1)) * 1e-3;
            u[i] = 2e-4 * (i + 1) * (i % 2 == 0 ? 1 : -1);
        }
        return MaxwellianMode.cosineDensitySineDrift(c, u);
    }

    /** At t = 0 the evolution returns the initial amplitudes (density, drift, zero temperature). */
    @Test
    void evolutionStartsFromTheInitialData() {
        Mixture m = ChapmanEnskogTest.section53(1);
        ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(m, 12), K, 0.1);
        MaxwellianMode init = new MaxwellianMode(new double[] {1e-3, -4e-4, -6e-4}, new double[] {2e-4, 0, -2e-4},
                new double[] {1e-4, 0, 3e-4}, new double[] {0, -5e-4, 1e-4});
        LinearEvolution ev = md.evolve(init, new double[] {0, 0.01});
        for (int i = 0; i < 3; i++) {
            assertEquals(init.densityRe()[i], ev.densityRe()[0][i], 1e-16);
            assertEquals(init.densityIm()[i], ev.densityIm()[0][i], 1e-16);
            assertEquals(init.driftRe()[i], ev.driftRe()[0][i], 1e-15);
            assertEquals(init.driftIm()[i], ev.driftIm()[0][i], 1e-15);
        }
        assertEquals(0, ev.temperatureRe()[0], 1e-17);
        assertEquals(0, ev.deviationFrom(List.of(init, init)).full()[0], 1e-16);
    }

    /**
     * e^{tA} three ways at small degree: the production evolution (slow eigenvectors + Taylor remainder), the Taylor
     * series alone, the dense eigen-expansion (EJML eigenvalues, complex eigenvectors by inverse iteration), and a
     * classical Runge–Kutta integration with a small step.
     */
    @Test
    void evolutionAgreesWithEigenExpansionAndOdeIntegration() {
        Mixture m = Mixture.builder().species("a", 1, 0.6).species("b", 5, 0.4)
                .defaultKernel(new CollisionKernel(1.1, 1, AngularLaw.vss(1.4))).build();
        double eps = 0.3;
        ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(m, 6), K, eps);
        ModeOperator a = md.realForm();
        int n = a.size();
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = Math.sin(1.3 * k + 0.2) / (1 + k);
        }
        double[] times = {0.003, 0.02, 0.07, 0.2};
        double[][] production = md.evolveReal(v, times);
        md.useSlowProjection = false;
        double[][] taylor = md.evolveReal(v, times);
        double[][] eigen = eigenExpansion(a.dense(), v, times);
        double[][] rk4 = rungeKutta(a, v, times, 4e-6);
        double scale = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
        for (int t = 0; t < times.length; t++) {
            for (int k = 0; k < n; k++) {
                assertEquals(taylor[t][k], production[t][k], 1e-13 * scale, "production vs Taylor");
                assertEquals(eigen[t][k], production[t][k], 1e-11 * scale, "vs eigen-expansion t=" + times[t]);
                assertEquals(rk4[t][k], production[t][k], 1e-10 * scale, "vs RK4 t=" + times[t]);
            }
        }
    }

    static double[][] eigenExpansion(double[][] a, double[] v, double[] times) {
        int n = a.length;
        Complex_F64[] values = denseEigenvalues(a);
        ZMatrixRMaj x = new ZMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            // inverse iteration at λ(1 + 1e-10) on the dense complex matrix
            double sr = values[k].real * (1 + 1e-10) + 1e-12, si = values[k].imaginary * (1 + 1e-10);
            ZMatrixRMaj shifted = new ZMatrixRMaj(n, n), b = new ZMatrixRMaj(n, 1), y = new ZMatrixRMaj(n, 1);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    shifted.set(r, c, a[r][c] - (r == c ? sr : 0), r == c ? -si : 0);
                }
                b.set(r, 0, 1 + 0.1 * r, 0.3 - 0.01 * r);
            }
            for (int it = 0; it < 3; it++) {
                CommonOps_ZDRM.solve(shifted, b, y);
                double s = 0;
                for (int r = 0; r < 2 * n; r++) {
                    s += y.data[r] * y.data[r];
                }
                s = Math.sqrt(s);
                for (int r = 0; r < 2 * n; r++) {
                    b.data[r] = y.data[r] / s;
                }
            }
            for (int r = 0; r < n; r++) {
                x.set(r, k, b.getReal(r, 0), b.getImag(r, 0));
            }
        }
        ZMatrixRMaj rhs = new ZMatrixRMaj(n, 1), coef = new ZMatrixRMaj(n, 1);
        for (int r = 0; r < n; r++) {
            rhs.set(r, 0, v[r], 0);
        }
        CommonOps_ZDRM.solve(x, rhs, coef);
        double[][] out = new double[times.length][n];
        for (int t = 0; t < times.length; t++) {
            for (int k = 0; k < n; k++) {
                double g = Math.exp(values[k].real * times[t]);
                double er = g * Math.cos(values[k].imaginary * times[t]), ei = g * Math.sin(values[k].imaginary * times[t]);
                double cr = coef.getReal(k, 0) * er - coef.getImag(k, 0) * ei;
                double ci = coef.getReal(k, 0) * ei + coef.getImag(k, 0) * er;
                for (int r = 0; r < n; r++) {
                    out[t][r] += cr * x.getReal(r, k) - ci * x.getImag(r, k);
                }
            }
        }
        return out;
    }

    static double[][] rungeKutta(ModeOperator a, double[] v, double[] times, double h) {
        int n = v.length;
        double[] y = v.clone(), k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], tmp = new double[n];
        double[][] out = new double[times.length][];
        double t = 0;
        for (int q = 0; q < times.length; q++) {
            int steps = (int) Math.ceil((times[q] - t) / h);
            double dt = (times[q] - t) / steps;
            for (int s = 0; s < steps; s++) {
                a.apply(y, k1);
                for (int k = 0; k < n; k++) {
                    tmp[k] = y[k] + dt / 2 * k1[k];
                }
                a.apply(tmp, k2);
                for (int k = 0; k < n; k++) {
                    tmp[k] = y[k] + dt / 2 * k2[k];
                }
                a.apply(tmp, k3);
                for (int k = 0; k < n; k++) {
                    tmp[k] = y[k] + dt * k3[k];
                }
                a.apply(tmp, k4);
                for (int k = 0; k < n; k++) {
                    y[k] += dt / 6 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
                }
            }
            t = times[q];
            out[q] = y.clone();
        }
        return out;
    }

    /**
     * γ = 0 at small ε: started from Maxwell–Stefan-compatible data (drift û = −ik D ĉ / c, the number-flux frame), the
     * kinetic density amplitudes approach the Maxwell–Stefan evolution exp(−|k|² t D) ĉ(0) as ε → 0. The gap has two
     * parts: an acoustic transient (the data's drifts carry momentum Σ m_i c_i ε û_i, whose mismatch with the kinetic
     * slow manifold launches sound; it is damped at ~Γk²) and O(ε²) rate corrections; after the transient
     * (t ≥ 0.05) the gap falls by ≥ 3 per halving of ε.
     */
    @Test
    void maxwellMoleculesApproachTheMaxwellStefanEvolution() {
        Mixture m = ChapmanEnskogTest.section53(0);
        MaxwellStefanLinear ms = MaxwellStefanLinear.of(m);
        double[][] d = ms.fickMatrix();
        double[] c0 = {1e-3, -0.4e-3, -0.6e-3};
        double[] drift = new double[3];
        for (int i = 0; i < 3; i++) {
            double dc = 0;
            for (int j = 0; j < 3; j++) {
                dc += d[i][j] * c0[j];
            }
            drift[i] = K * dc / m.concentration(i);       // ũ_i = b_i sin(kx), û = −i b with b = k (Dĉ)_i / c_i
        }
        MaxwellianMode init = MaxwellianMode.cosineDensitySineDrift(c0, drift);
        double[] times = {0.005, 0.01, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2};
        LinearizedBoltzmann op = LinearizedBoltzmann.assemble(m, 12);
        double previous = Double.NaN;
        for (double eps : new double[] {0.02, 0.01, 0.005}) {
            LinearEvolution ev = ModeDynamics.of(op, K, eps).evolve(init, times);
            List<MaxwellianMode> reference = new ArrayList<>();
            double late = 0, early = 0;
            for (int t = 0; t < times.length; t++) {
                double[] cMs = new double[3];
                double[] a = ms.project(c0);
                for (int q = 0; q < 2; q++) {
                    double[] r = ms.rightEigenvector(q);
                    double decay = Math.exp(-K * K * times[t] / ms.thetas()[q]);
                    for (int i = 0; i < 3; i++) {
                        cMs[i] += a[q] * decay * r[i];
                    }
                }
                for (int i = 0; i < 3; i++) {
                    double gap = Math.abs(ev.densityRe()[t][i] - cMs[i]) / 1e-3;
                    if (times[t] >= 0.05) {
                        late = Math.max(late, gap);
                    } else {
                        early = Math.max(early, gap);
                    }
                    assertEquals(0, ev.densityIm()[t][i], 1e-15, "cosine mode stays real");
                }
                reference.add(MaxwellianMode.cosineDensitySineDrift(cMs, new double[3]));
            }
            LinearEvolution.DeviationNorms norms = ev.deviationFrom(reference);
            for (int t = 0; t < times.length; t++) {
                assertTrue(norms.degreeAtMost3()[t] <= norms.full()[t] + 1e-18);
            }
            System.out.printf("eps=%.3f: max |c_kinetic - c_MS| / |c0|: t < 0.05 %.3e, t >= 0.05 %.3e%n", eps, early, late);
            if (!Double.isNaN(previous)) {
                assertTrue(previous / late > 3, "gap after the transient falls faster than eps: " + previous / late);
            }
            previous = late;
        }
        assertTrue(previous < 5e-3, "at eps = 0.005 the kinetic amplitudes are within 0.5% of Maxwell-Stefan");
    }

    /** Sine-phase drift and a cosine density: the real form is real, and the cosine amplitudes stay real. */
    @Test
    void cosineModeWithSineDriftStaysInPhase() {
        ModeDynamics md = ModeDynamics.of(LinearizedBoltzmann.assemble(ChapmanEnskogTest.section53(1), 10), K, 0.1);
        LinearEvolution ev = md.evolve(runInitialData(3), new double[] {0.01, 0.05});
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(0, ev.densityIm()[t][i], 1e-18);
                assertEquals(0, ev.driftRe()[t][i], 1e-16);
            }
            assertEquals(0, ev.temperatureIm()[t], 1e-18);
            assertFalse(ev.temperatureRe()[t] == 0);
        }
    }
}
