package org.knudsen.simd;

/** The scalar twin of the stream kernel: the reference the Vector-API kernel must match bit for bit. */
final class ScalarStreamKernel implements StreamKernel {
    @Override
    public void streamAndKey(float[] x, float[] y, float[] z, double[] vx, double[] vy, double[] vz, byte[] species,
                             int[] key, int from, int to, double factor, double lx, double ly, double lz,
                             double inverseDx, double inverseDy, double inverseDz, int nx, int ny, int nz,
                             int speciesCount) {
        streamRange(x, y, z, vx, vy, vz, species, key, from, to, factor, lx, ly, lz, inverseDx, inverseDy, inverseDz,
                nx, ny, nz, speciesCount);
    }

    /** Also the vector kernel's tail loop. */
    static void streamRange(float[] x, float[] y, float[] z, double[] vx, double[] vy, double[] vz, byte[] species,
                            int[] key, int from, int to, double factor, double lx, double ly, double lz,
                            double inverseDx, double inverseDy, double inverseDz, int nx, int ny, int nz,
                            int speciesCount) {
        double ix = 1 / lx, iy = 1 / ly, iz = 1 / lz;
        for (int p = from; p < to; p++) {
            float a = PeriodicWrap.step(x[p] + vx[p] * factor, lx, ix);
            float b = PeriodicWrap.step(y[p] + vy[p] * factor, ly, iy);
            float c = PeriodicWrap.step(z[p] + vz[p] * factor, lz, iz);
            x[p] = a;
            y[p] = b;
            z[p] = c;
            int kx = Math.min((int) (a * inverseDx), nx - 1);
            int ky = Math.min((int) (b * inverseDy), ny - 1);
            int kz = Math.min((int) (c * inverseDz), nz - 1);
            key[p] = ((kz * ny + ky) * nx + kx) * speciesCount + species[p];
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
