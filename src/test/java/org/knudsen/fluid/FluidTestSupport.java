package org.knudsen.fluid;

import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.Grid;

/** Shared fixtures for the fluid tests. */
final class FluidTestSupport {
    private FluidTestSupport() {
    }

    /** The N = 3 example of PHYSICS.md §5.3: m = (1, 4, 40), c_∞ = (0.4, 0.3, 0.3), C = 1, isotropic. */
    static Mixture example3(double gamma) {
        return Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    static Mixture binary() {
        return Mixture.builder().species("A", 1, 0.6).species("B", 4, 0.4)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
    }

    static Mixture quaternary() {
        return Mixture.builder().species("A", 1, 0.3).species("B", 2, 0.3).species("C", 4, 0.2)
                .species("D", 40, 0.2).defaultKernel(new CollisionKernel(1, 0.5, AngularLaw.isotropic())).build();
    }

    /** Cosine (or sine) coefficient (2/P) Σ_p f(x_p) cos(2π k·x_p/L) of a grid field. */
    static double modeCoefficient(Grid grid, double[] f, int[] k, boolean sine) {
        double s = 0;
        int points = grid.points();
        for (int p = 0; p < points; p++) {
            double arg = 0;
            for (int d = 0; d < 3; d++) {
                arg += k[d] * grid.coordinate(d, grid.axisIndex(p, d)) / grid.length(d);
            }
            s += f[p] * (sine ? Math.sin(2 * Math.PI * arg) : Math.cos(2 * Math.PI * arg));
        }
        return 2 * s / points;
    }
}
