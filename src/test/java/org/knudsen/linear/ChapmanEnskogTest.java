package org.knudsen.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/** Chapman–Enskog transport from the linearized operator (PHYSICS.md §5.2–5.4, §12). */
class ChapmanEnskogTest {
    static final double K = 2 * Math.PI;

    static Mixture section53(double gamma) {
        return Mixture.builder().species("a", 1, 0.4).species("b", 4, 0.3).species("c", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    @Test
    void printSection53() {
        for (int p : new int[] {8, 20, 40}) {
            long t0 = System.nanoTime();
            ChapmanEnskog ce = ChapmanEnskog.of(section53(1), p);
            ChapmanEnskog.ModeRates r = ce.modeRates(K);
            System.out.printf("P=%d iso=%s coupled=%s thermal@%d  (%.1f ms)%n", p, Arrays.toString(r.isothermalRates()),
                    Arrays.toString(r.coupledRates()), r.thermalIndex()[p - 1], (System.nanoTime() - t0) / 1e6);
            for (int q = 1; q <= Math.min(p, 7); q++) {
                System.out.println("  P=" + q + " " + Arrays.toString(r.isothermal()[q - 1]));
            }
        }
        ChapmanEnskog m = ChapmanEnskog.of(section53(0), 4);
        System.out.println("Maxwell: " + Arrays.toString(m.modeRates(K).isothermalRates()) + " coupled "
                + Arrays.toString(m.modeRates(K).coupledRates()));
        Mixture single = Mixture.builder().species("a", 2, 1.0)
                .defaultKernel(new CollisionKernel(Math.PI, 1, AngularLaw.isotropic())).build();
        ChapmanEnskog s = ChapmanEnskog.of(single, 30);
        System.out.println("eta " + s.transport().shearViscosity().first() + " -> " + s.transport().shearViscosity().converged()
                + " ratio " + s.transport().shearViscosity().converged() / s.transport().shearViscosity().first()
                + " expect first " + 5.0 / 16 * Math.sqrt(2 / Math.PI));
        System.out.println("lambda " + s.transport().thermalConductivity().first() + " -> "
                + s.transport().thermalConductivity().converged() + " ratio "
                + s.transport().thermalConductivity().converged() / s.transport().thermalConductivity().first()
                + " expect first " + 75.0 / 64 / 2 * Math.sqrt(2 / Math.PI));
    }
}
