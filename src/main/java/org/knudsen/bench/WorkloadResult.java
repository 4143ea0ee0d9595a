package org.knudsen.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The measured figures of one workload; {@code ceiling} holds what as many independent 1-thread copies as threads reach
 * when run at once (the machine's ceiling for the threads), or is null when not measured.
 */
public record WorkloadResult(String workload, long particles, int cells, int steps, double collisionsPerParticleStep,
                     int threads, double particleStepsPerSecond, double collisionsPerSecond,
                     double streamNsPerParticle, double sortNsPerParticle, double collideNsPerParticle,
                     double momentsNsPerParticle, int bytesPerParticle, int sortBufferBytesPerParticle,
                     double stepP50Micros, double stepP99Micros, double stepMaxMicros, double peakHeapMb,
                     String momentKernel, String stateChecksum, String spartaCounterpart,
                     Ceiling ceiling) {

    /**
     * The independent copies' aggregate throughput and their wall nanoseconds per particle-step of each kernel, counted
     * as the threads' figures are (a copy's time per particle divided by the number of copies, which run side by side),
     * so that each kernel's threads figure can be set against its own ceiling.
     */
    public record Ceiling(double particleStepsPerSecond, double streamNs, double sortNs, double collideNs,
                          double momentsNs) {
    }

    /** This result with the ceiling measured beside it. */
    public WorkloadResult withCeiling(Ceiling measured) {
        return new WorkloadResult(workload, particles, cells, steps, collisionsPerParticleStep, threads,
                particleStepsPerSecond, collisionsPerSecond, streamNsPerParticle, sortNsPerParticle,
                collideNsPerParticle, momentsNsPerParticle, bytesPerParticle, sortBufferBytesPerParticle, stepP50Micros,
                stepP99Micros, stepMaxMicros, peakHeapMb, momentKernel, stateChecksum, spartaCounterpart, measured);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload);
        m.put("particles", particles);
        m.put("cells", cells);
        m.put("steps", steps);
        m.put("collisions_per_particle_step", collisionsPerParticleStep);
        m.put("threads", threads);
        m.put("particle_steps_per_s", particleStepsPerSecond);
        m.put("collisions_per_s", collisionsPerSecond);
        Map<String, Object> ns = new LinkedHashMap<>();
        ns.put("stream", streamNsPerParticle);
        ns.put("sort", sortNsPerParticle);
        ns.put("collide", collideNsPerParticle);
        ns.put("moments", momentsNsPerParticle);
        m.put("ns_per_particle", ns);
        m.put("bytes_per_particle", bytesPerParticle);
        m.put("sort_buffer_bytes_per_particle", sortBufferBytesPerParticle);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("p50", stepP50Micros);
        t.put("p99", stepP99Micros);
        t.put("max", stepMaxMicros);
        m.put("step_time_us", t);
        m.put("peak_heap_mb", peakHeapMb);
        m.put("moment_kernel", momentKernel);
        m.put("state_checksum", stateChecksum);
        m.put("sparta_counterpart", spartaCounterpart);
        if (ceiling != null) {
            m.put("independent_copies_particle_steps_per_s", ceiling.particleStepsPerSecond());
            m.put("threads_over_independent_copies", particleStepsPerSecond / ceiling.particleStepsPerSecond());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("stream", ceiling.streamNs());
            c.put("sort", ceiling.sortNs());
            c.put("collide", ceiling.collideNs());
            c.put("moments", ceiling.momentsNs());
            m.put("independent_copies_ns_per_particle", c);
        }
        return m;
    }

    /** One block of text, one figure per line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        line(sb, "workload", workload);
        line(sb, "particles", Long.toString(particles));
        line(sb, "cells", Integer.toString(cells));
        line(sb, "steps (timed)", Integer.toString(steps));
        line(sb, "collisions/particle/step", fmt("%.4f", collisionsPerParticleStep));
        line(sb, "threads", Integer.toString(threads));
        line(sb, "particle-steps/s", fmt("%.3e", particleStepsPerSecond));
        if (ceiling != null) {
            line(sb, threads + " independent copies", fmt("%.3e particle-steps/s in all (1-thread copies at once; "
                    + "%d threads reach %.2f of it)", ceiling.particleStepsPerSecond(), threads,
                    particleStepsPerSecond / ceiling.particleStepsPerSecond()));
        }
        line(sb, "collisions/s", fmt("%.3e", collisionsPerSecond));
        line(sb, "ns/particle stream", fmt("%.2f", streamNsPerParticle));
        line(sb, "ns/particle sort", fmt("%.2f", sortNsPerParticle));
        line(sb, "ns/particle collide", fmt("%.2f", collideNsPerParticle));
        line(sb, "ns/particle moments", !momentKernel.equals("-") ? fmt("%.2f", momentsNsPerParticle)
                + " (" + momentKernel + ")" : "-");
        if (ceiling != null) {
            line(sb, "ns/particle, the copies", fmt("stream %.2f, sort %.2f, collide %.2f, moments %s (per particle-step"
                    + " of all copies)", ceiling.streamNs(), ceiling.sortNs(), ceiling.collideNs(),
                    momentKernel.equals("-") ? "-" : fmt("%.2f", ceiling.momentsNs())));
        }
        line(sb, "bytes/particle", bytesPerParticle + " (+ " + sortBufferBytesPerParticle + " sort buffers)");
        line(sb, "step time p50/p99/max", fmt("%.0f / %.0f / %.0f us (p99/p50 = %.2f)", stepP50Micros,
                stepP99Micros, stepMaxMicros, stepP99Micros / stepP50Micros));
        line(sb, "peak heap", fmt("%.0f MiB", peakHeapMb));
        line(sb, "state checksum", stateChecksum + " (equal for 1 and 2 threads)");
        line(sb, "SPARTA counterpart", spartaCounterpart);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-26s %s%n", key, value));
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
