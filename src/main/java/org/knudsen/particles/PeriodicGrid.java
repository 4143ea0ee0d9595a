package org.knudsen.particles;

import org.knudsen.simd.PeriodicWrap;
import org.knudsen.simd.StreamKernel;

/**
 * The periodic box [0, L_x) × [0, L_y) × [0, L_z) (the 3-torus) cut into n_x × n_y × n_z equal cells.
 * Cell index c = (k_z n_y + k_y) n_x + k_x, x fastest.
 */
public final class PeriodicGrid {
    private final int nx, ny, nz;
    private final double lx, ly, lz;
    private final double inverseDx, inverseDy, inverseDz;

    public PeriodicGrid(int[] cells, double[] lengths) {
        if (cells == null || cells.length != 3 || lengths == null || lengths.length != 3) {
            throw new IllegalArgumentException("grid needs 3 cell counts and 3 lengths");
        }
        for (int d = 0; d < 3; d++) {
            if (cells[d] < 1) {
                throw new IllegalArgumentException("domain.cells[" + d + "] = " + cells[d] + " must be >= 1");
            }
            if (!(lengths[d] > 0) || !Double.isFinite(lengths[d])) {
                throw new IllegalArgumentException("domain.length[" + d + "] = " + lengths[d] + " must be finite and > 0");
            }
        }
        nx = cells[0];
        ny = cells[1];
        nz = cells[2];
        lx = lengths[0];
        ly = lengths[1];
        lz = lengths[2];
        inverseDx = nx / lx;
        inverseDy = ny / ly;
        inverseDz = nz / lz;
    }

    public int cellCount() {
        return nx * ny * nz;
    }

    public int[] cells() {
        return new int[] {nx, ny, nz};
    }

    public double[] lengths() {
        return new double[] {lx, ly, lz};
    }

    public double volume() {
        return lx * ly * lz;
    }

    public double cellVolume() {
        return volume() / cellCount();
    }

    /** Cell of a point already inside the box. */
    public int cellIndex(double x, double y, double z) {
        int kx = Math.min((int) (x * inverseDx), nx - 1);
        int ky = Math.min((int) (y * inverseDy), ny - 1);
        int kz = Math.min((int) (z * inverseDz), nz - 1);
        return (kz * ny + ky) * nx + kx;
    }

    /** Centre of cell c, written to out[0..2]. */
    public void cellCentre(int c, double[] out) {
        int kx = c % nx, ky = (c / nx) % ny, kz = c / (nx * ny);
        out[0] = (kx + 0.5) * lx / nx;
        out[1] = (ky + 0.5) * ly / ny;
        out[2] = (kz + 0.5) * lz / nz;
    }

    /** x mod L into [0, L): exact for one wrap, robust for several. */
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

    /** A double position rounded to the store's float, kept inside [0, L) ({@link PeriodicWrap#stored}). */
    static float stored(double wrapped, double length) {
        return PeriodicWrap.stored(wrapped, length);
    }

    /** Free streaming x ← x + v·factor with periodic wrap, for particles [from, to); factor = Δt/ε. */
    public void stream(ParticleStore store, int from, int to, double factor) {
        float[] x = store.x(), y = store.y(), z = store.z();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        double ix = 1 / lx, iy = 1 / ly, iz = 1 / lz;
        for (int p = from; p < to; p++) {
            x[p] = PeriodicWrap.step(x[p] + vx[p] * factor, lx, ix);
            y[p] = PeriodicWrap.step(y[p] + vy[p] * factor, ly, iy);
            z[p] = PeriodicWrap.step(z[p] + vz[p] * factor, lz, iz);
        }
    }

    /**
     * Free streaming of particles [from, to) fused with their sort keys (cell·S + species), by {@code kernel} on
     * this grid's box and cells: the one place that unpacks store and grid into the kernel's arguments.
     */
    public void streamAndKey(StreamKernel kernel, ParticleStore store, int from, int to, double factor, int[] key) {
        kernel.streamAndKey(store.x(), store.y(), store.z(), store.vx(), store.vy(), store.vz(), store.species(), key,
                from, to, factor, lx, ly, lz, inverseDx, inverseDy, inverseDz, nx, ny, nz, store.speciesCount());
    }
}
