package org.knudsen.scenario;

import java.util.Arrays;

/** {@code [domain]}: the periodic box (torus) side lengths and the number of cells per direction (3 each). */
public record DomainSpec(double[] length, int[] cells) {
    public DomainSpec {
        length = length.clone();
        cells = cells.clone();
    }

    @Override
    public double[] length() {
        return length.clone();
    }

    @Override
    public int[] cells() {
        return cells.clone();
    }

    public long totalCells() {
        return (long) cells[0] * cells[1] * cells[2];
    }

    /** Cell side lengths L_d / n_d. */
    public double[] cellSize() {
        return new double[] {length[0] / cells[0], length[1] / cells[1], length[2] / cells[2]};
    }

    public double volume() {
        return length[0] * length[1] * length[2];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainSpec d && Arrays.equals(length, d.length) && Arrays.equals(cells, d.cells);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(length) + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "DomainSpec[length=" + Arrays.toString(length) + ", cells=" + Arrays.toString(cells) + "]";
    }
}
