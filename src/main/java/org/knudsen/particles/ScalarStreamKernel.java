package org.knudsen.particles;

/** The scalar twin of the stream kernel: the reference the Vector-API kernel must match bit for bit. */
final class ScalarStreamKernel implements StreamKernel {
    @Override
    public void streamAndKey(ParticleStore store, PeriodicGrid grid, int from, int to, double factor, int[] key) {
        streamRange(store, grid, from, to, factor, key);
    }

    /** Also the vector kernel's tail loop. */
    static void streamRange(ParticleStore store, PeriodicGrid grid, int from, int to, double factor, int[] key) {
        float[] x = store.x(), y = store.y(), z = store.z();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        byte[] species = store.species();
        int speciesCount = store.speciesCount();
        double lx = grid.lx(), ly = grid.ly(), lz = grid.lz();
        double ix = 1 / lx, iy = 1 / ly, iz = 1 / lz;
        double dx = grid.inverseDx(), dy = grid.inverseDy(), dz = grid.inverseDz();
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        for (int p = from; p < to; p++) {
            float a = PeriodicGrid.wrapStep(x[p] + vx[p] * factor, lx, ix);
            float b = PeriodicGrid.wrapStep(y[p] + vy[p] * factor, ly, iy);
            float c = PeriodicGrid.wrapStep(z[p] + vz[p] * factor, lz, iz);
            x[p] = a;
            y[p] = b;
            z[p] = c;
            int kx = Math.min((int) (a * dx), nx - 1);
            int ky = Math.min((int) (b * dy), ny - 1);
            int kz = Math.min((int) (c * dz), nz - 1);
            key[p] = ((kz * ny + ky) * nx + kx) * speciesCount + species[p];
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
