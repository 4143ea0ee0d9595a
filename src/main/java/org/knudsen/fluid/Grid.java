package org.knudsen.fluid;

/**
 * A uniform periodic grid on the box [0,Lx)×[0,Ly)×[0,Lz) with nx·ny·nz points; a 1-D or 2-D problem uses
 * n = 1 in the trivial directions (their length only scales volumes). Points sit at cell centres
 * x = (ix + ½) Lx/nx (so that a grid value is the natural partner of a particle-cell average), and a field is a
 * flat array indexed by {@link #index(int, int, int)} = ix + nx (iy + ny iz): x runs fastest.
 */
public record Grid(int nx, int ny, int nz, double lx, double ly, double lz) {
    public Grid {
        int[] n = {nx, ny, nz};
        double[] l = {lx, ly, lz};
        for (int d = 0; d < 3; d++) {
            if (n[d] < 1) {
                throw new IllegalArgumentException("grid cells[" + d + "] = " + n[d] + " must be >= 1");
            }
            if (!(l[d] > 0) || !Double.isFinite(l[d])) {
                throw new IllegalArgumentException("grid length[" + d + "] = " + l[d] + " must be finite and > 0");
            }
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " has too many points");
        }
    }

    /** A 1-D grid of n points on a box of length L (the other two sides have length 1). */
    public static Grid of1D(int n, double length) {
        return new Grid(n, 1, 1, length, 1, 1);
    }

    public static Grid of(int[] cells, double[] lengths) {
        if (cells.length != 3 || lengths.length != 3) {
            throw new IllegalArgumentException("grid needs 3 cell counts and 3 lengths, got " + cells.length + " and "
                    + lengths.length);
        }
        return new Grid(cells[0], cells[1], cells[2], lengths[0], lengths[1], lengths[2]);
    }

    public int points() {
        return nx * ny * nz;
    }

    public int cells(int axis) {
        return axis == 0 ? nx : axis == 1 ? ny : nz;
    }

    public double length(int axis) {
        return axis == 0 ? lx : axis == 1 ? ly : lz;
    }

    public double[] lengths() {
        return new double[] {lx, ly, lz};
    }

    public double spacing(int axis) {
        return length(axis) / cells(axis);
    }

    public double volume() {
        return lx * ly * lz;
    }

    public double cellVolume() {
        return volume() / points();
    }

    public int index(int ix, int iy, int iz) {
        return ix + nx * (iy + ny * iz);
    }

    /** Coordinate of grid index i along an axis: the cell centre (i + ½) L/n. */
    public double coordinate(int axis, int i) {
        return (i + 0.5) * spacing(axis);
    }

    /** The axis index (ix, iy or iz) of flat point p. */
    public int axisIndex(int p, int axis) {
        return switch (axis) {
            case 0 -> p % nx;
            case 1 -> (p / nx) % ny;
            default -> p / (nx * ny);
        };
    }

    /** The angular wavenumber 2π k/L of FFT bin b along an axis, with k = b for b < n/2, b − n above (0 at Nyquist is the caller's choice). */
    public double wavenumber(int axis, int bin) {
        int n = cells(axis);
        int k = bin <= n / 2 ? bin : bin - n;
        return 2 * Math.PI * k / length(axis);
    }

    /** Number of axes with more than one point (the spatial dimension of the variation). */
    public int dimension() {
        return (nx > 1 ? 1 : 0) + (ny > 1 ? 1 : 0) + (nz > 1 ? 1 : 0);
    }
}
