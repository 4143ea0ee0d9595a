package org.knudsen.moments;

import java.util.logging.Logger;

/**
 * Chooses the moment kernel: the Vector-API one when the jdk.incubator.vector module is in the boot layer
 * (the launcher, tests and JMH forks add it), the scalar twin otherwise. Like Lucene's vectorization
 * provider, nothing outside the kernel class touches the incubator API.
 */
public final class MomentAccumulators {
    private static final Logger LOG = Logger.getLogger(MomentAccumulators.class.getName());
    private static final MomentAccumulator BEST = choose();

    private MomentAccumulators() {
    }

    public static MomentAccumulator best() {
        return BEST;
    }

    public static MomentAccumulator scalar() {
        return new ScalarMomentAccumulator();
    }

    /** The Vector-API kernel; throws if the incubator module is absent. */
    public static MomentAccumulator vector() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the Vector API is unavailable: run with --add-modules jdk.incubator.vector");
        }
        return new VectorMomentAccumulator();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static MomentAccumulator choose() {
        if (vectorModulePresent() && !Boolean.getBoolean("knudsen.scalar")) {
            return new VectorMomentAccumulator();
        }
        LOG.warning("Vector API not enabled (--add-modules jdk.incubator.vector); moments use the scalar kernel");
        return new ScalarMomentAccumulator();
    }
}
