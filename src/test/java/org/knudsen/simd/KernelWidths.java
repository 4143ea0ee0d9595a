package org.knudsen.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector widths a test builds a Vector-API kernel at: 128, 256 and 512 bits, each either built or skipped
 * with the reason (wider than this JVM compiles, or refused by the kernel's constructor).
 */
final class KernelWidths {
    static final int[] BITS = {128, 256, 512};

    private KernelWidths() {
    }

    /** A kernel at one width, or why there is none. */
    record Width<K>(int bits, K kernel, String skipReason) {
    }

    /** The widest vector this JVM compiles, in bits. */
    static int maxBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    static <K> List<Width<K>> build(Function<VectorSpecies<Double>, K> constructor) {
        List<Width<K>> widths = new ArrayList<>();
        for (int bits : BITS) {
            if (bits > maxBits()) {
                widths.add(new Width<>(bits, null, bits + "-bit vectors: this JVM compiles at most " + maxBits()
                        + " bits (CPU or -XX:MaxVectorSize)"));
                continue;
            }
            try {
                VectorSpecies<Double> species = DoubleVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(bits));
                widths.add(new Width<>(bits, constructor.apply(species), null));
            } catch (RuntimeException e) {
                widths.add(new Width<>(bits, null, bits + "-bit vectors: the kernel refuses them: " + e.getMessage()));
            }
        }
        return widths;
    }
}
