package org.knudsen.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API stream kernel: one vector of doubles per iteration, positions widened from float, the wrap of
 * {@link PeriodicWrap#step} lane by lane (floor by truncation and a correction, then the two fix-ups, then the float
 * rounding and its check against L), and the cell key from the rounded positions. The remainder goes to the scalar
 * twin. Floats and ints travel in vectors of half the doubles' width (the same lane count), species bytes in an
 * eighth when that is a vector shape (64 bits at least), else in a scalar pass.
 *
 * <p>A template: {@link VectorKernels#stream} defines this class once per width as a hidden class whose class data
 * is the double species, so that the species are static finals (C2 intrinsifies a vector operation only when its
 * species is a compile-time constant: in instance fields this kernel ran at 118 instead of 3.9 ns per particle)
 * and each width has its own compiled code (two widths sharing one class's code both ran at ~200 ns per particle).
 * Never initialised as an ordinary class.
 */
final class VectorStreamKernel implements StreamKernel {
    /** Particles per block: each axis is one small loop over the block, the partial keys stay in L1. */
    private static final int BLOCK = 1024;

    /** Doubles, one lane per particle (4 or more: see {@link VectorKernels#stream}): this hidden class's data. */
    private static final VectorSpecies<Double> D = VectorKernels.classData(MethodHandles.lookup());
    /** Floats and ints with the lane count of D. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Bytes with the lane count of D, or null where no byte shape has that few lanes (below 64 bits). */
    private static final VectorSpecies<Byte> B = D.vectorBitSize() / 8 >= 64
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(D.vectorBitSize() / 8)) : null;

    /**
     * Runs the kernel once on a few particles against the scalar twin, so that a shape the JVM cannot serve fails
     * here, at selection.
     */
    private VectorStreamKernel() {
        selfCheck();
    }

    @Override
    public void streamAndKey(float[] x, float[] y, float[] z, double[] vx, double[] vy, double[] vz, byte[] species,
                             int[] key, int from, int to, double factor, double lx, double ly, double lz,
                             double inverseDx, double inverseDy, double inverseDz, int nx, int ny, int nz,
                             int speciesCount) {
        int upper = from + D.loopBound(to - from);
        for (int start = from; start < upper; start += BLOCK) {
            int end = Math.min(upper, start + BLOCK);
            // key = kx, then + nx·ky, then + nx·ny·kz: one axis per loop keeps each loop body small enough
            // for C2 to inline all vector operations (one big body hit the inlining node limit and boxed)
            axis(x, vx, key, start, end, factor, lx, 1 / lx, inverseDx, nx - 1, 1, false);
            axis(y, vy, key, start, end, factor, ly, 1 / ly, inverseDy, ny - 1, nx, true);
            axis(z, vz, key, start, end, factor, lz, 1 / lz, inverseDz, nz - 1, nx * ny, true);
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
        ScalarStreamKernel.streamRange(x, y, z, vx, vy, vz, species, key, upper, to, factor, lx, ly, lz,
                inverseDx, inverseDy, inverseDz, nx, ny, nz, speciesCount);
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

    /**
     * Streams a few particles (two full vectors and a tail, some crossing the box edges, three species) with this
     * kernel and with the scalar twin and demands the same bits: the probe of the vectorization provider.
     */
    private void selfCheck() {
        int n = 2 * D.length() + 3;
        float[][] pos = new float[6][n];
        double[][] vel = new double[3][n];
        byte[] species = new byte[n];
        for (int p = 0; p < n; p++) {
            for (int a = 0; a < 3; a++) {
                pos[a][p] = pos[a + 3][p] = (float) ((p * 0.37 + a * 0.11) % 1.0);
                vel[a][p] = (p % 3 - 1) * (0.5 + p * 0.73 + a);
            }
            species[p] = (byte) (p % 3);
        }
        int[] mine = new int[n], twin = new int[n];
        streamAndKey(pos[0], pos[1], pos[2], vel[0], vel[1], vel[2], species, mine, 0, n, 0.9,
                1, 0.5, 2, 7, 6, 1.5, 7, 3, 3, 3);
        ScalarStreamKernel.streamRange(pos[3], pos[4], pos[5], vel[0], vel[1], vel[2], species, twin, 0, n, 0.9,
                1, 0.5, 2, 7, 6, 1.5, 7, 3, 3, 3);
        for (int p = 0; p < n; p++) {
            for (int a = 0; a < 3; a++) {
                if (Float.floatToRawIntBits(pos[a][p]) != Float.floatToRawIntBits(pos[a + 3][p])) {
                    throw new UnsupportedOperationException("stream kernel at " + D.vectorBitSize()
                            + " bits: position " + p + " differs from the scalar twin");
                }
            }
            if (mine[p] != twin[p]) {
                throw new UnsupportedOperationException("stream kernel at " + D.vectorBitSize()
                        + " bits: key " + p + " differs from the scalar twin");
            }
        }
    }

    @Override
    public String name() {
        return "vector-" + D.vectorBitSize();
    }
}
