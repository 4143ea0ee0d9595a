package org.knudsen.simd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Builds the Vector-API kernels. {@link VectorizationProvider} reaches this class only through method handles and
 * only after it has found the jdk.incubator.vector module, so that neither this class nor the kernels are ever
 * loaded without it (their first use would fail with NoClassDefFoundError; Lucene's VectorizationProvider does
 * the same).
 *
 * <p>Each kernel class is a template that this class defines once per vector width as a hidden class
 * ({@link MethodHandles.Lookup#defineHiddenClassWithClassData}) whose class data is the double species: the
 * kernel's species are then static finals, which C2 needs as constants to compile vector operations, and each
 * width has its own class, so its own profile and compiled code (see {@link VectorStreamKernel}). As for every
 * hidden class, the JVM leaves the kernels' frames out of stack traces; {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:+ShowHiddenFrames} shows them.
 */
final class VectorKernels {
    /** The kernels built so far, by template and width: each is stateless, one per width is enough. */
    private static final Map<String, Object> BUILT = new ConcurrentHashMap<>();

    private VectorKernels() {
    }

    /** The widest vector the JVM compiles (set by the CPU, or by -XX:MaxVectorSize), in bits. */
    static int maxBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /**
     * The width both kernels use: the widest power of two, up to 512 bits, of the JVM's preferred shape. That shape
     * is HotSpot's reading of the CPU (it already leaves AVX-512 off where that is known to be slow;
     * {@code -XX:MaxVectorSize=32} caps it by hand). Never a timing at start-up: the moment sums depend on the width
     * in their last bits, and a choice that could flip between runs would break their reproducibility. On this Xeon
     * (Emerald Rapids) 512 bits are as fast as 256 or faster in every regime measured (README, Performance).
     */
    static int automaticBits() {
        return Integer.highestOneBit(Math.min(512, maxBits()));
    }

    /**
     * The stream kernel at {@code bits}-bit double vectors, 0 = {@link #automaticBits()}.
     *
     * @throws UnsupportedOperationException (or IllegalArgumentException) naming why that width cannot be used
     */
    static StreamKernel stream(int bits) {
        return stream(species(bits == 0 ? automaticBits() : bits));
    }

    /**
     * The stream kernel at a double species of 4 lanes or more. Not 2: the wrap blends on compare masks, and C2
     * compiles no mask of fewer than 4 lanes (a mask travels as one byte per lane and the smallest vector is 4 bytes,
     * {@code Matcher::min_vector_size} in HotSpot's x86.ad), so 2-lane code runs boxed: 226 against 14 ns per
     * particle for the scalar twin on this Xeon, with AVX-512 or AVX2.
     */
    static StreamKernel stream(VectorSpecies<Double> doubles) {
        if (doubles.length() < 4) {
            throw new UnsupportedOperationException("stream kernel: " + doubles.vectorBitSize() + "-bit vectors hold "
                    + lanes(doubles) + ", and its masks need 4 lanes or more");
        }
        return (StreamKernel) build(VectorStreamKernel.class, doubles);
    }

    /** The moment kernel at {@code bits}-bit double vectors, 0 = {@link #automaticBits()}. */
    static MomentAccumulator moments(int bits) {
        return moments(species(bits == 0 ? automaticBits() : bits));
    }

    /** The moment kernel at a double species of 2 lanes or more. */
    static MomentAccumulator moments(VectorSpecies<Double> doubles) {
        if (doubles.length() < 2) {
            throw new UnsupportedOperationException("moment kernel: " + doubles.vectorBitSize() + "-bit vectors hold "
                    + lanes(doubles) + ", it needs 2 or more");
        }
        return (MomentAccumulator) build(VectorMomentAccumulator.class, doubles);
    }

    /**
     * The importance weights' smoothing kernels (Gram matrix, smoothed weights) at {@code bits}-bit double vectors,
     * 0 = {@link #automaticBits()}.
     */
    static GramKernel gram(int bits) {
        return gram(species(bits == 0 ? automaticBits() : bits));
    }

    /** The smoothing kernels at a double species (any lane count: it uses no masks). */
    static GramKernel gram(VectorSpecies<Double> doubles) {
        return (GramKernel) build(VectorGramKernel.class, doubles);
    }

    /** The across-groups half of the moment kernel at the same species (built by {@link VectorMomentAccumulator}). */
    static GroupMomentKernel groupMoments(VectorSpecies<Double> doubles) {
        return (GroupMomentKernel) build(VectorGroupMoments.class, doubles);
    }

    private static String lanes(VectorSpecies<Double> doubles) {
        return doubles.length() + (doubles.length() == 1 ? " double" : " doubles");
    }

    /** Double species of that width, refused above the widest the JVM compiles (it would run boxed, 100× slower). */
    static VectorSpecies<Double> species(int bits) {
        if (bits > maxBits()) {
            throw new UnsupportedOperationException(bits + "-bit vectors are wider than the " + maxBits()
                    + " bits this JVM compiles (CPU or -XX:MaxVectorSize)");
        }
        return VectorSpecies.of(double.class, VectorShape.forBitSize(bits));
    }

    /** The class data of a kernel's hidden class: its double species. */
    static VectorSpecies<Double> classData(MethodHandles.Lookup kernel) {
        VectorSpecies<?> species;
        try {
            species = MethodHandles.classData(kernel, ConstantDescs.DEFAULT_NAME, VectorSpecies.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (species == null) {
            throw new IllegalStateException(kernel.lookupClass().getName()
                    + " is a template: VectorKernels defines it per vector width");
        }
        return species.check(double.class);
    }

    private static Object build(Class<?> template, VectorSpecies<Double> doubles) {
        if (doubles.vectorBitSize() > maxBits()) {
            throw new UnsupportedOperationException(doubles.vectorBitSize() + "-bit vectors are wider than the "
                    + maxBits() + " bits this JVM compiles (CPU or -XX:MaxVectorSize)");
        }
        return BUILT.computeIfAbsent(template.getName() + "/" + doubles.vectorBitSize(), k -> define(template, doubles));
    }

    /** Defines the template as a hidden class with the species as class data and runs its constructor. */
    private static Object define(Class<?> template, VectorSpecies<Double> doubles) {
        String file = template.getSimpleName() + ".class";
        byte[] bytes;
        try (InputStream in = template.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the class file " + file + " is not on the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MethodHandles.Lookup kernel = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, doubles, true);
            return kernel.findConstructor(kernel.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
