package org.knudsen.particles;

import java.util.logging.Logger;

/**
 * Chooses the stream kernel: the Vector-API one when the jdk.incubator.vector module is in the boot layer
 * (the launcher, tests and JMH forks add it) and {@code -Dknudsen.scalar} is not set, the scalar twin
 * otherwise (as {@code org.knudsen.moments.MomentAccumulators}).
 */
public final class StreamKernels {
    private static final Logger LOG = Logger.getLogger(StreamKernels.class.getName());
    private static final StreamKernel BEST = choose();

    private StreamKernels() {
    }

    public static StreamKernel best() {
        return BEST;
    }

    public static StreamKernel scalar() {
        return new ScalarStreamKernel();
    }

    /** The Vector-API kernel; throws if the incubator module is absent. */
    public static StreamKernel vector() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the Vector API is unavailable: run with --add-modules jdk.incubator.vector");
        }
        return new VectorStreamKernel();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static StreamKernel choose() {
        if (vectorModulePresent() && !Boolean.getBoolean("knudsen.scalar")) {
            return new VectorStreamKernel();
        }
        LOG.warning("Vector API not enabled (--add-modules jdk.incubator.vector); streaming uses the scalar kernel");
        return new ScalarStreamKernel();
    }
}
