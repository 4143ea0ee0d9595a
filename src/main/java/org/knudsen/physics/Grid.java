package org.knudsen.physics;

/**
 * The periodic box [0,Lx)×[0,Ly)×[0,Lz) (the 3-torus) cut into nx·ny·nz equal cells: the one grid of knudsen, whose
 * cells hold the particles and whose cell centres are the Maxwell–Stefan solver's points (so that a grid value is the
 * natural partner of a particle-cell average). A 1-D or 2-D problem uses n = 1 in the trivial directions (their length
 * only scales volumes). Cells and points are numbered {@link #index(int, int, int)} = ix + nx (iy + ny iz): x fastest.
 */
public record Grid(int nx, int ny, int nz, double lx, double ly, double lz) {
    public Grid {
        int[] n = {nx, ny, nz};
        double[] l = {lx, ly, lz};
        for (int d = 0; d < 3; d++) {
            if (n[d] < 1) {
                throw new ParameterException("cells", CELLS_RULE);
            }
            if (!(l[d] > 0) || !Double.isFinite(l[d])) {
                throw new ParameterException("length", LENGTH_RULE);
            }
        }
        if ((long) nx * ny * nz > MAX_CELLS) {
            throw new ParameterException("cells", (long) nx * ny * nz + " cells in all: at most " + MAX_CELLS
                    + " (fields of several values per cell are indexed by int)");
        }
    }

    /** Most cells of a grid. */
    public static final long MAX_CELLS = Integer.MAX_VALUE / 8;
    /** The rule of the cell counts. */
    public static final String CELLS_RULE = "every cell count must be an integer >= 1";
    /** The rule of the side lengths. */
    public static final String LENGTH_RULE = "every side length must be finite and > 0";

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

    /** The number of cells (= {@link #points()}: one point per cell centre). */
    public int cellCount() {
        return points();
    }

    /** The cell counts (nx, ny, nz). */
    public int[] cells() {
        return new int[] {nx, ny, nz};
    }

    /** Cell of a point already inside the box (a position on a cell face belongs to the upper cell). */
    public int cellIndex(double x, double y, double z) {
        int kx = Math.min((int) (x * (nx / lx)), nx - 1);
        int ky = Math.min((int) (y * (ny / ly)), ny - 1);
        int kz = Math.min((int) (z * (nz / lz)), nz - 1);
        return (kz * ny + ky) * nx + kx;
    }

    /** n_d / L_d: cells per unit length along an axis (a position times it is a fractional cell index). */
    public double inverseSpacing(int axis) {
        return cells(axis) / length(axis);
    }

    /** Centre of cell c, written to out[0..2]. */
    public void cellCentre(int c, double[] out) {
        int kx = c % nx, ky = (c / nx) % ny, kz = c / (nx * ny);
        out[0] = (kx + 0.5) * lx / nx;
        out[1] = (ky + 0.5) * ly / ny;
        out[2] = (kz + 0.5) * lz / nz;
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
