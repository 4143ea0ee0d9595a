package org.knudsen.linear;

import org.junit.jupiter.api.Test;

class ModeDynamicsExploreTest {
    @Test
    void explore() {
        for (double gamma : new double[] {0, 1}) {
            for (double eps : new double[] {0.02, 0.05, 0.1}) {
                long t0 = System.nanoTime();
                LinearizedBoltzmann top = LinearizedBoltzmann.assemble(ChapmanEnskogTest.section53(gamma), 60);
                long t1 = System.nanoTime();
                ModeDynamics md = ModeDynamics.atConvergedDegree(top, 2 * Math.PI, eps, 1e-6, 8);
                long t2 = System.nanoTime();
                ModeSpectrum s = md.spectrum();
                StringBuilder b = new StringBuilder();
                for (ModeSpectrum.Mode m : s.modes()) {
                    b.append(String.format(" %s%d %.9f (%.1e)%s", m.kind().name().charAt(0), m.index(), m.rate(), m.degreeChange(),
                            m.converged() ? "" : "!"));
                }
                double[] times = new double[50];
                for (int i = 0; i < 50; i++) {
                    times[i] = 0.01 * (i + 1);
                }
                MaxwellianMode init = MaxwellianMode.cosineDensitySineDrift(new double[] {1e-3, -0.5e-3, -0.5e-3},
                        new double[] {0, 0, 0});
                LinearEvolution ev = md.evolve(init, times);
                long t3 = System.nanoTime();
                md.useSlowProjection = false;
                LinearEvolution ev2 = md.evolve(init, times);
                long t4 = System.nanoTime();
                double diff = 0;
                for (int t = 0; t < 50; t++) {
                    for (int k = 0; k < ev.coefficientsRe()[t].length; k++) {
                        diff = Math.max(diff, Math.abs(ev.coefficientsRe()[t][k] - ev2.coefficientsRe()[t][k]));
                    }
                }
                System.out.printf("g=%.0f eps=%.2f assemble60 %.0f ms; converged K=%d in %.0f ms; evolve %.0f ms, taylor-only %.0f ms, diff %.1e; c1(0.5)=%.6e%n  %s%n",
                        gamma, eps, (t1 - t0) / 1e6, md.degree(), (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, diff,
                        ev.densityRe()[49][0], b);
            }
        }
    }
}
