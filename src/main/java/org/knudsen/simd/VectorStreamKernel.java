package org.knudsen.simd;

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
 * <p>One subclass per width holds its species as static finals: C2 intrinsifies a vector operation only when the
 * species is a compile-time constant, and with the species in instance fields this kernel ran at 118 instead of
 * 3.9 ns per particle ({@code knudsen bench}). A JVM uses one width, so the calls to {@link #d()} etc. inline to
 * constants.
 */
abstract sealed class VectorStreamKernel implements StreamKernel
        permits VectorStreamKernel.Lanes256, VectorStreamKernel.Lanes512 {
    /** Particles per block: each axis is one small loop over the block, the partial keys stay in L1. */
    private static final int BLOCK = 1024;

    /** Doubles, one lane per particle. */
    abstract VectorSpecies<Double> d();

    /** Floats with the lane count of {@link #d()}. */
    abstract VectorSpecies<Float> f();

    /** Ints with the lane count of {@link #d()}. */
    abstract VectorSpecies<Integer> i();

    /** Bytes with the lane count of {@link #d()}, or null where no byte shape has that few lanes (below 64 bits). */
    abstract VectorSpecies<Byte> b();

    /**
     * Runs the kernel once on a few particles against the scalar twin, so that a shape the JVM cannot serve fails
     * here, at selection.
     */
    VectorStreamKernel() {
        int bits = d().vectorBitSize();
        if (bits > VectorShape.preferredShape().vectorBitSize()) {
            throw new UnsupportedOperationException("stream kernel: " + bits + "-bit vectors are wider than the "
                    + VectorShape.preferredShape().vectorBitSize() + " bits this JVM compiles (CPU or -XX:MaxVectorSize)");
        }
        selfCheck();
    }

    /** At the widest of its variants that this JVM compiles (its preferred shape: the CPU, or -XX:MaxVectorSize). */
    static VectorStreamKernel preferred() {
        int bits = Math.min(512, VectorShape.preferredShape().vectorBitSize());
        return of(VectorSpecies.of(double.class, VectorShape.forBitSize(bits)));
    }

    /**
     * At a given double species: 256 or 512 bits. Not 128: the wrap blends on compare masks, and C2 compiles no mask
     * of fewer than 4 lanes (a mask travels as one byte per lane, and the smallest vector is 4 bytes:
     * {@code Matcher::min_vector_size} in HotSpot's x86.ad), so 2-lane code runs boxed, 226 against 14 ns per
     * particle for the scalar twin on this Xeon, with AVX-512 or AVX2.
     *
     * @throws UnsupportedOperationException for other widths, or if the kernel fails its check against the twin
     */
    static VectorStreamKernel of(VectorSpecies<Double> doubles) {
        return switch (doubles.vectorBitSize()) {
            case 256 -> new Lanes256();
            case 512 -> new Lanes512();
            default -> throw new UnsupportedOperationException("stream kernel: no variant for "
                    + doubles.vectorBitSize() + "-bit double vectors (256 or 512; its masks need 4 lanes or more)");
        };
    }

    static final class Lanes256 extends VectorStreamKernel {
        private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
        private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
        private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;

        @Override
        VectorSpecies<Double> d() {
            return D;
        }

        @Override
        VectorSpecies<Float> f() {
            return F;
        }

        @Override
        VectorSpecies<Integer> i() {
            return I;
        }

        @Override
        VectorSpecies<Byte> b() {
            return null;
        }
    }

    static final class Lanes512 extends VectorStreamKernel {
        private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
        private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
        private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
        private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;

        @Override
        VectorSpecies<Double> d() {
            return D;
        }

        @Override
        VectorSpecies<Float> f() {
            return F;
        }

        @Override
        VectorSpecies<Integer> i() {
            return I;
        }

        @Override
        VectorSpecies<Byte> b() {
            return B;
        }
    }

    @Override
    public void streamAndKey(float[] x, float[] y, float[] z, double[] vx, double[] vy, double[] vz, byte[] species,
                             int[] key, int from, int to, double factor, double lx, double ly, double lz,
                             double inverseDx, double inverseDy, double inverseDz, int nx, int ny, int nz,
                             int speciesCount) {
        VectorSpecies<Double> d = d();
        VectorSpecies<Integer> i = i();
        VectorSpecies<Byte> b = b();
        int upper = from + d.loopBound(to - from);
        for (int start = from; start < upper; start += BLOCK) {
            int end = Math.min(upper, start + BLOCK);
            // key = kx, then + nx·ky, then + nx·ny·kz: one axis per loop keeps each loop body small enough
            // for C2 to inline all vector operations (one big body hit the inlining node limit and boxed)
            axis(x, vx, key, start, end, factor, lx, 1 / lx, inverseDx, nx - 1, 1, false);
            axis(y, vy, key, start, end, factor, ly, 1 / ly, inverseDy, ny - 1, nx, true);
            axis(z, vz, key, start, end, factor, lz, 1 / lz, inverseDz, nz - 1, nx * ny, true);
            if (b != null && speciesCount > 1) {
                for (int p = start; p < end; p += d.length()) {
                    IntVector s = (IntVector) ByteVector.fromArray(b, species, p).convertShape(VectorOperators.B2I, i, 0);
                    IntVector.fromArray(i, key, p).mul(speciesCount).add(s).intoArray(key, p);
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
    private void axis(float[] pos, double[] vel, int[] key, int start, int end, double factor, double length,
                      double inverse, double inverseCellSize, int lastCell, int stride, boolean add) {
        VectorSpecies<Double> d = d();
        VectorSpecies<Float> f = f();
        VectorSpecies<Integer> i = i();
        for (int p = start; p < end; p += d.length()) {
            DoubleVector xd = (DoubleVector) FloatVector.fromArray(f, pos, p).convertShape(VectorOperators.F2D, d, 0);
            xd = xd.add(DoubleVector.fromArray(d, vel, p).mul(factor));
            DoubleVector t = xd.mul(inverse);
            DoubleVector k = (DoubleVector) t.convertShape(VectorOperators.D2I, i, 0).convertShape(VectorOperators.I2D, d, 0);
            k = k.blend(k.sub(1.0), k.compare(VectorOperators.GT, t));
            xd = xd.sub(k.mul(length));
            xd = xd.blend(xd.add(length), xd.compare(VectorOperators.LT, 0.0));
            xd = xd.blend(xd.sub(length), xd.compare(VectorOperators.GE, length));
            FloatVector r = (FloatVector) xd.convertShape(VectorOperators.D2F, f, 0);
            DoubleVector w = (DoubleVector) r.convertShape(VectorOperators.F2D, d, 0);
            VectorMask<Double> onL = w.compare(VectorOperators.GE, length);
            r = r.blend(0f, onL.cast(f));
            r.intoArray(pos, p);
            w = w.blend(0.0, onL);
            IntVector cell = ((IntVector) w.mul(inverseCellSize).convertShape(VectorOperators.D2I, i, 0)).min(lastCell);
            if (add) {
                cell = cell.mul(stride).add(IntVector.fromArray(i, key, p));
            }
            cell.intoArray(key, p);
        }
    }

    /**
     * Streams a few particles (two full vectors and a tail, some crossing the box edges, three species) with this
     * kernel and with the scalar twin and demands the same bits: the probe of the vectorization provider.
     */
    private void selfCheck() {
        VectorSpecies<Double> d = d();
        int n = 2 * d.length() + 3;
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
                    throw new UnsupportedOperationException("stream kernel at " + d.vectorBitSize()
                            + " bits: position " + p + " differs from the scalar twin");
                }
            }
            if (mine[p] != twin[p]) {
                throw new UnsupportedOperationException("stream kernel at " + d.vectorBitSize()
                        + " bits: key " + p + " differs from the scalar twin");
            }
        }
    }

    @Override
    public String name() {
        return "vector-" + d().vectorBitSize();
    }
}
