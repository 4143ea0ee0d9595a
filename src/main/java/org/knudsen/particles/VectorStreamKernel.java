package org.knudsen.particles;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API stream kernel: one full vector of doubles per iteration (8 lanes with AVX-512), positions
 * widened from float, the wrap of {@link PeriodicGrid#wrapStep} lane by lane (floor by truncation and a
 * correction, then the two fix-ups, then the float rounding and its check against L), and the cell key from
 * the rounded positions. The remainder goes to the scalar twin. The only class of knudsen's particles that
 * imports jdk.incubator.vector.
 */
final class VectorStreamKernel implements StreamKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(D.length() * 32));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * 32));
    /** Bytes need a 64-bit shape at least: with fewer than 8 lanes the species are added in a scalar pass. */
    private static final VectorSpecies<Byte> B = D.length() >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(D.length() * 8)) : null;

    /** Particles per block: each axis is one small loop over the block, the partial keys stay in L1. */
    private static final int BLOCK = 1024;

    @Override
    public void streamAndKey(ParticleStore store, PeriodicGrid grid, int from, int to, double factor, int[] key) {
        int upper = from + D.loopBound(to - from);
        float[] x = store.x(), y = store.y(), z = store.z();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        byte[] species = store.species();
        int speciesCount = store.speciesCount();
        double lx = grid.lx(), ly = grid.ly(), lz = grid.lz();
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        for (int start = from; start < upper; start += BLOCK) {
            int end = Math.min(upper, start + BLOCK);
            // key = kx, then + nx·ky, then + nx·ny·kz: one axis per loop keeps each loop body small enough
            // for C2 to inline all vector operations (one big body hit the inlining node limit and boxed)
            axis(x, vx, key, start, end, factor, lx, 1 / lx, grid.inverseDx(), nx - 1, 1, false);
            axis(y, vy, key, start, end, factor, ly, 1 / ly, grid.inverseDy(), ny - 1, nx, true);
            axis(z, vz, key, start, end, factor, lz, 1 / lz, grid.inverseDz(), nz - 1, nx * ny, true);
            if (B != null && speciesCount > 1) {
                for (int p = start; p < end; p += D.length()) {
                    IntVector s = (IntVector) ByteVector.fromArray(B, species, p).convertShape(VectorOperators.B2I, I, 0);
                    IntVector.fromArray(I, key, p).mul(speciesCount).add(s).intoArray(key, p);
                }
            } else if (speciesCount > 1) {
                for (int p = start; p < end; p++) {
                    key[p] = key[p] * speciesCount + species[p];
                }
            }
        }
        ScalarStreamKernel.streamRange(store, grid, upper, to, factor, key);
    }

    /**
     * Streams one coordinate of particles [start, end) (a multiple of the lane count), stores the float
     * positions and adds stride × (cell index along this axis) to the keys (or sets them, for the first axis).
     */
    private static void axis(float[] pos, double[] vel, int[] key, int start, int end, double factor, double length,
                             double inverse, double inverseCellSize, int lastCell, int stride, boolean add) {
        for (int p = start; p < end; p += D.length()) {
            DoubleVector xd = (DoubleVector) FloatVector.fromArray(F, pos, p).convertShape(VectorOperators.F2D, D, 0);
            xd = xd.add(DoubleVector.fromArray(D, vel, p).mul(factor));
            DoubleVector t = xd.mul(inverse);
            DoubleVector k = (DoubleVector) t.convertShape(VectorOperators.D2I, I, 0).convertShape(VectorOperators.I2D, D, 0);
            k = k.blend(k.sub(1.0), k.compare(VectorOperators.GT, t));
            xd = xd.sub(k.mul(length));
            xd = xd.blend(xd.add(length), xd.compare(VectorOperators.LT, 0.0));
            xd = xd.blend(xd.sub(length), xd.compare(VectorOperators.GE, length));
            FloatVector f = (FloatVector) xd.convertShape(VectorOperators.D2F, F, 0);
            DoubleVector w = (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
            VectorMask<Double> onL = w.compare(VectorOperators.GE, length);
            f = f.blend(0f, onL.cast(F));
            f.intoArray(pos, p);
            w = w.blend(0.0, onL);
            IntVector cell = ((IntVector) w.mul(inverseCellSize).convertShape(VectorOperators.D2I, I, 0)).min(lastCell);
            if (add) {
                cell = cell.mul(stride).add(IntVector.fromArray(I, key, p));
            }
            cell.intoArray(key, p);
        }
    }

    @Override
    public String name() {
        return "vector-" + D.vectorBitSize();
    }
}
