package org.knudsen.particles;

import org.knudsen.physics.Grid;
import org.knudsen.simd.StreamKernel;

/** Free streaming on the torus: the call of the fused stream-and-key kernel, and the wrap of drawn positions. */
public final class Streaming {
    private Streaming() {
    }

    /** x mod L into [0, L): exact for one wrap, robust for several (initial positions near the box faces). */
    static double wrap(double x, double length) {
        if (x >= length) {
            x -= length;
            if (x >= length) {
                x -= length * Math.floor(x / length);
            }
        } else if (x < 0) {
            x += length;
            if (x < 0) {
                x -= length * Math.floor(x / length);
            }
        }
        return x >= length ? 0 : x; // rounding of x − L·⌊x/L⌋ may land on L
    }

    /**
     * Free streaming of particles [from, to) fused with their sort keys (cell·S + species), by {@code kernel} on the
     * grid's box and cells: the one place that unpacks store and grid into the kernel's primitive arguments.
     */
    public static void streamAndKey(StreamKernel kernel, ParticleStore store, Grid grid, int from, int to,
                                    double factor, int[] key) {
        kernel.streamAndKey(store.x(), store.y(), store.z(), store.vx(), store.vy(), store.vz(), store.species(), key,
                from, to, factor, grid.lx(), grid.ly(), grid.lz(), grid.inverseSpacing(0), grid.inverseSpacing(1),
                grid.inverseSpacing(2), grid.nx(), grid.ny(), grid.nz(), store.speciesCount());
    }
}
