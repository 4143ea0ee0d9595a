package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector widths a test builds a Vector-API kernel at: 128, 256 and 512 bits, each built, or skipped with the
 * reason (wider than this JVM compiles, or below the kernel's documented minimum).
 */
final class KernelWidths {
    static final int[] BITS = {128, 256, 512};
    /** The largest range size {@link #sizes()} reaches. */
    static final int MAX_SIZE = 4096;

    /**
     * Range sizes 0…4096: every size up to 300 and every size within 20 of 1024, 2048, 3072 and 4096 (the stream
     * kernel's block multiples), hence every remainder modulo every lane count, alone and after full blocks.
     * Every single size up to 4096 would add nothing but 25× the time spent before the JIT compiles the kernels.
     */
    static int[] sizes() {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int n = 0; n <= 300; n++) {
            sizes.add(n);
        }
        for (int block = 1024; block <= MAX_SIZE; block += 1024) {
            for (int n = block - 20; n <= Math.min(MAX_SIZE, block + 20); n++) {
                sizes.add(n);
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private KernelWidths() {
    }

    /** A kernel at one width, or why there is none (skipReason), or the error of building it where it must build. */
    record Width<K>(int bits, K kernel, String skipReason, RuntimeException error) {
        /** The kernel; aborts the test (skipped, with the reason) where this width does not exist here. */
        K kernelOrSkip() {
            if (error != null) {
                throw error;
            }
            assumeTrue(kernel != null, skipReason);
            return kernel;
        }
    }

    /** The widest vector this JVM compiles, in bits. */
    static int maxBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /**
     * The kernel at each of {@link #BITS}: skipped above {@link #maxBits()}, refused (UnsupportedOperationException,
     * checked here) below {@code minBits}, and otherwise it must build: a kernel failing its own check against the
     * scalar twin is a failure, not a skip.
     */
    static <K> List<Width<K>> build(Function<VectorSpecies<Double>, K> constructor, int minBits) {
        List<Width<K>> widths = new ArrayList<>();
        for (int bits : BITS) {
            if (bits > maxBits()) {
                widths.add(new Width<>(bits, null, bits + "-bit vectors: this JVM compiles at most " + maxBits()
                        + " bits (CPU or -XX:MaxVectorSize)", null));
                continue;
            }
            VectorSpecies<Double> species = DoubleVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(bits));
            if (bits < minBits) {
                UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                        () -> constructor.apply(species), bits + "-bit vectors must be refused");
                widths.add(new Width<>(bits, null, bits + "-bit vectors: refused by the kernel: " + refused.getMessage(), null));
                continue;
            }
            try {
                widths.add(new Width<>(bits, constructor.apply(species), null, null));
            } catch (RuntimeException e) {
                widths.add(new Width<>(bits, null, null, e));
            }
        }
        return widths;
    }
}
