package org.knudsen.simd;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Builds the Vector-API kernels. {@link VectorizationProvider} reaches this class only reflectively and only after
 * it has found the jdk.incubator.vector module, so that neither this class nor the kernels are ever loaded
 * without it (the JVM would fail with NoClassDefFoundError on their first use; Lucene's VectorizationProvider
 * does the same).
 */
final class VectorKernels {
    private VectorKernels() {
    }

    /** The widest vector the JVM compiles to (set by the CPU, or by -XX:MaxVectorSize), in bits. */
    static int maxBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /**
     * The stream kernel at {@code bits}-bit double vectors, 0 = the automatic width.
     *
     * @throws UnsupportedOperationException (or IllegalArgumentException) naming why that width cannot be used
     */
    static StreamKernel stream(int bits) {
        return bits == 0 ? VectorStreamKernel.preferred() : VectorStreamKernel.of(species(bits));
    }

    /** The moment kernel at {@code bits}-bit double vectors, 0 = the automatic width. */
    static MomentAccumulator moments(int bits) {
        return bits == 0 ? VectorMomentAccumulator.automatic() : VectorMomentAccumulator.of(species(bits));
    }

    /** Double species of that width, refused above the widest the JVM compiles (it would run, boxed, 100× slower). */
    static VectorSpecies<Double> species(int bits) {
        if (bits > maxBits()) {
            throw new UnsupportedOperationException(bits + "-bit vectors are wider than the " + maxBits()
                    + " bits this JVM compiles (CPU or -XX:MaxVectorSize)");
        }
        return VectorSpecies.of(double.class, VectorShape.forBitSize(bits));
    }
}
