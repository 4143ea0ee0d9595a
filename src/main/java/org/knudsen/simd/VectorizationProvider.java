package org.knudsen.simd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses, once per JVM, the implementation of every SIMD kernel: the Vector-API kernel where it can run, its scalar
 * twin otherwise (modelled on Apache Lucene's {@code VectorizationProvider}). The probe, on first use of
 * {@link #get()}:
 * <ol>
 * <li>{@code -Dknudsen.simd=scalar} → the scalar twins; {@code vector} → the Vector-API kernels or an error naming
 *     why they cannot be built; absent → automatic, per kernel;</li>
 * <li>the jdk.incubator.vector module must be in the boot layer ({@code --add-modules jdk.incubator.vector}, which
 *     tools/knudsen, the tests and the JMH forks pass); without it no Vector-API class is loaded at all;</li>
 * <li>each Vector-API kernel is built at the widest vectors the JVM offers, up to 512 bits
 *     ({@code VectorKernels.automaticBits}): its class initialiser builds every species it needs and its constructor
 *     runs it once against its scalar twin; whatever that throws (a width the kernel refuses, a shape the CPU or
 *     {@code -XX:MaxVectorSize} does not offer, a class that fails to initialise) makes that kernel, alone, fall
 *     back to its twin.</li>
 * </ol>
 * The choice is logged once, as one record. Kernels built here are stateless and shared by all threads.
 */
public final class VectorizationProvider {
    /** The system property of the one switch: scalar, vector, or absent for automatic. */
    public static final String PROPERTY = "knudsen.simd";

    private static final Logger LOG = Logger.getLogger(VectorizationProvider.class.getName());
    private static final String MODULE = "jdk.incubator.vector";

    private final StreamKernel stream;
    private final MomentAccumulator moments;
    private final GramKernel gram;

    private VectorizationProvider(StreamKernel stream, MomentAccumulator moments, GramKernel gram) {
        this.stream = stream;
        this.moments = moments;
        this.gram = gram;
    }

    /**
     * The kernels chosen for this JVM (probed on the first call, then the same instance).
     *
     * @throws IllegalStateException if {@code -Dknudsen.simd} has another value than scalar or vector, or is vector
     *                               and the Vector-API kernels cannot be built (the message names the reason)
     */
    public static VectorizationProvider get() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE);
        }
        return Holder.INSTANCE;
    }

    /** The scalar twins (the reference implementations; always available). */
    public static VectorizationProvider scalar() {
        return new VectorizationProvider(new ScalarStreamKernel(), new ScalarMomentAccumulator(), new ScalarGramKernel());
    }

    /**
     * The Vector-API kernels at the widths the automatic choice uses, for tests and benchmarks.
     *
     * @throws UnsupportedOperationException naming the reason when they cannot be built
     */
    public static VectorizationProvider vector() {
        VectorKernelHandles handles = VectorKernelHandles.load();
        return new VectorizationProvider(handles.stream(0).orElseThrow(), handles.moments(0).orElseThrow(),
                handles.gram(0).orElseThrow());
    }

    /**
     * The Vector-API stream kernel at {@code bits}-bit double vectors, for benchmarks that compare widths (not a
     * run-time setting).
     *
     * @throws UnsupportedOperationException naming the reason when it cannot be built at that width
     */
    public static StreamKernel vectorStreamKernel(int bits) {
        return VectorKernelHandles.load().stream(checkBits(bits)).orElseThrow();
    }

    /** The Vector-API moment kernel at {@code bits}-bit double vectors, as {@link #vectorStreamKernel}. */
    public static MomentAccumulator vectorMomentAccumulator(int bits) {
        return VectorKernelHandles.load().moments(checkBits(bits)).orElseThrow();
    }

    private static int checkBits(int bits) {
        if (bits <= 0) {
            throw new UnsupportedOperationException("vector width = " + bits + " bits must be > 0");
        }
        return bits;
    }

    /** The stream-and-key kernel ({@link StreamKernel}). */
    public StreamKernel streamKernel() {
        return stream;
    }

    /** The Hermite moment kernel ({@link MomentAccumulator}). */
    public MomentAccumulator momentAccumulator() {
        return moments;
    }

    /** The importance weights' smoothing kernels, Gram matrix and smoothed weights ({@link GramKernel}). */
    public GramKernel gramKernel() {
        return gram;
    }

    /** "stream vector-512, moments vector-256" ... (the smoothing kernels of variance-reduced runs are not named). */
    public String name() {
        return "stream " + stream.name() + ", moments " + moments.name();
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The probe, for {@code -Dknudsen.simd} = {@code setting} (null = absent). Package-private for tests; a JVM runs
     * it once, in {@link Holder}.
     */
    static VectorizationProvider lookup(String setting) {
        String mode = setting == null ? "" : setting.trim();
        if (!mode.isEmpty() && !mode.equals("scalar") && !mode.equals("vector")) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + setting
                    + ": must be scalar or vector (absent: automatic)");
        }
        if (mode.equals("scalar")) {
            VectorizationProvider p = scalar();
            LOG.info("SIMD kernels: " + p.name() + " (-D" + PROPERTY + "=scalar)");
            return p;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            String reason = "the module " + MODULE + " is not in the boot layer (run java with --add-modules " + MODULE + ")";
            if (mode.equals("vector")) {
                throw new IllegalStateException("-D" + PROPERTY + "=vector, but the Vector API is unavailable: " + reason);
            }
            VectorizationProvider p = scalar();
            LOG.warning("SIMD kernels: " + p.name() + ": " + reason);
            return p;
        }
        VectorKernelHandles handles;
        try {
            handles = VectorKernelHandles.load();
        } catch (RuntimeException | LinkageError e) {
            String reason = "the Vector-API kernels cannot be loaded: " + e;
            if (mode.equals("vector")) {
                throw new IllegalStateException("-D" + PROPERTY + "=vector, but " + reason, e);
            }
            VectorizationProvider p = scalar();
            LOG.log(Level.WARNING, "SIMD kernels: " + p.name() + ": " + reason);
            return p;
        }
        Built<StreamKernel> s = handles.stream(0);
        Built<MomentAccumulator> m = handles.moments(0);
        Built<GramKernel> g = handles.gram(0);
        List<String> reasons = new ArrayList<>();
        for (Built<?> b : List.of(s, m, g)) {
            if (b.kernel == null) {
                reasons.add(b.reason);
            }
        }
        if (mode.equals("vector") && !reasons.isEmpty()) {
            throw new IllegalStateException("-D" + PROPERTY + "=vector, but " + reasons.get(0));
        }
        VectorizationProvider p = new VectorizationProvider(s.kernel != null ? s.kernel : new ScalarStreamKernel(),
                m.kernel != null ? m.kernel : new ScalarMomentAccumulator(),
                g.kernel != null ? g.kernel : new ScalarGramKernel());
        String widest = " (Vector API, widest vectors " + handles.maxBits() + " bits)";
        String gram = ", gram " + p.gram.name();
        if (reasons.isEmpty()) {
            LOG.info("SIMD kernels: " + p.name() + gram + widest);
        } else {
            LOG.warning("SIMD kernels: " + p.name() + gram + widest + ", scalar because " + String.join("; ", reasons));
        }
        return p;
    }

    /** A kernel, or why it could not be built. */
    private record Built<K>(K kernel, String reason) {
        K orElseThrow() {
            if (kernel == null) {
                throw new UnsupportedOperationException(reason);
            }
            return kernel;
        }
    }

    /** Method handles on {@link VectorKernels}, found by name so that this class never links to it. */
    private record VectorKernelHandles(MethodHandle streamFactory, MethodHandle momentFactory, MethodHandle gramFactory,
                                       MethodHandle maxBitsGetter) {
        static VectorKernelHandles load() {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                throw new UnsupportedOperationException("the module " + MODULE + " is not in the boot layer (run java"
                        + " with --add-modules " + MODULE + ")");
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> kernels = lookup.findClass(VectorizationProvider.class.getPackageName() + ".VectorKernels");
                return new VectorKernelHandles(
                        lookup.findStatic(kernels, "stream", MethodType.methodType(StreamKernel.class, int.class)),
                        lookup.findStatic(kernels, "moments", MethodType.methodType(MomentAccumulator.class, int.class)),
                        lookup.findStatic(kernels, "gram", MethodType.methodType(GramKernel.class, int.class)),
                        lookup.findStatic(kernels, "maxBits", MethodType.methodType(int.class)));
            } catch (ReflectiveOperationException e) {
                throw new LinkageError("org.knudsen.simd.VectorKernels is missing or has other signatures", e);
            }
        }

        int maxBits() {
            try {
                return (int) maxBitsGetter.invokeExact();
            } catch (Throwable t) {
                return -1;
            }
        }

        Built<StreamKernel> stream(int bits) {
            return build(streamFactory, StreamKernel.class, bits, "stream");
        }

        Built<MomentAccumulator> moments(int bits) {
            return build(momentFactory, MomentAccumulator.class, bits, "moment");
        }

        Built<GramKernel> gram(int bits) {
            return build(gramFactory, GramKernel.class, bits, "Gram");
        }

        /** The kernel the factory builds at {@code bits}, or why it cannot ("the vector <what> kernel cannot be built: ..."). */
        private static <K> Built<K> build(MethodHandle factory, Class<K> type, int bits, String what) {
            try {
                return new Built<>(type.cast(factory.invoke(bits)), null);
            } catch (Throwable t) {
                return new Built<>(null, "the vector " + what + " kernel cannot be built: " + describe(t));
            }
        }

        /** The exception and its root cause (an ExceptionInInitializerError says little by itself). */
        private static String describe(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == t ? t.toString() : t + " caused by " + root;
        }
    }

    /** Probes on first use (a holder class, so that loading the provider does not probe, and no init deadlock). */
    private static final class Holder {
        static final VectorizationProvider INSTANCE;
        static final String FAILURE;

        static {
            VectorizationProvider instance = null;
            String failure = null;
            try {
                instance = lookup(System.getProperty(PROPERTY));
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            INSTANCE = instance;
            FAILURE = failure;
        }
    }
}
