package org.knudsen.particles;

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

    /**
     * A double position rounded to the store's float, kept inside [0, L): rounding may land on L (when the
     * float nearest to L is ≥ L), which is the same point as 0 on the torus.
     */
    static float stored(double wrapped, double length) {
        float f = (float) wrapped;
        return f >= length ? 0f : f;
    }

    /**
     * x + d wrapped into [0, L) and rounded to float, for |x + d| &lt; 2^31 L: k = ⌊(x + d)/L⌋ by truncation
     * and a correction, then one fix-up each way for the rounding of (x + d) − kL. The stream kernels
     * ({@link StreamKernel}) compute exactly this, lane by lane.
     */
    static float wrapStep(double xd, double length, double inverseLength) {
        double t = xd * inverseLength;
        double k = (int) t;
        if (k > t) {
            k -= 1;
        }
        xd -= k * length;
        if (xd < 0) {
            xd += length;
        }
        if (xd >= length) {
            xd -= length;
        }
        return stored(xd, length);
    }

    /** Free streaming x ← x + v·factor with periodic wrap, for particles [from, to); factor = Δt/ε. */
    public void stream(ParticleStore store, int from, int to, double factor) {
        float[] x = store.x(), y = store.y(), z = store.z();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        double ix = 1 / lx, iy = 1 / ly, iz = 1 / lz;
        for (int p = from; p < to; p++) {
            x[p] = wrapStep(x[p] + vx[p] * factor, lx, ix);
            y[p] = wrapStep(y[p] + vy[p] * factor, ly, iy);
            z[p] = wrapStep(z[p] + vz[p] * factor, lz, iz);
        }
    }

    int nx() {
        return nx;
    }

    int ny() {
        return ny;
    }

    int nz() {
        return nz;
    }

    double lx() {
        return lx;
    }

    double ly() {
        return ly;
    }

    double lz() {
        return lz;
    }

    double inverseDx() {
        return inverseDx;
    }

    double inverseDy() {
        return inverseDy;
    }

    double inverseDz() {
        return inverseDz;
    }
}
