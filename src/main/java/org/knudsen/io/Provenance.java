package org.knudsen.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where an output file came from: the {@code provenance} block of summary.json and check.json. Keys (in this order):
 * {@code knudsen_version}, {@code git_commit} (null when unknown: {@link BuildInfo}), {@code java_version},
 * {@code java_vm}, {@code os}, {@code cpu}, {@code cores}, {@code command_line} (the arguments as given, after the
 * program name {@code knudsen}; null when knudsen was called as a library, not from its command), {@code started} and
 * {@code ended} (ISO-8601 UTC, milliseconds; {@code ended} is null while the process is still at work, e.g. in the
 * summary a running run rewrites at every checkpoint).
 *
 * <p>The command line is known only to the {@code cli} package, which passes it down as data
 * ({@link #start(List)}); nothing here reads it from the process. A provenance describes the process that wrote the
 * file: a resumed run's summary.json has the {@code knudsen resume} process's, and lists the earlier processes' blocks
 * under {@code earlier_provenance}.
 */
public record Provenance(String knudsenVersion, String gitCommit, String javaVersion, String javaVm, String os,
                         String cpu, int cores, List<String> commandLine, Instant started, Instant ended) {
    /** The program name put before the arguments in {@code command_line}. */
    public static final String PROGRAM = "knudsen";

    public Provenance {
        commandLine = commandLine == null ? null : List.copyOf(commandLine);
    }

    /**
     * This process, started now, run as {@code knudsen <arguments>} ({@code arguments} null: called as a library).
     */
    public static Provenance start(List<String> arguments) {
        List<String> line = null;
        if (arguments != null) {
            line = Stream.concat(Stream.of(PROGRAM), arguments.stream()).toList();
        }
        Runtime.Version v = Runtime.version();
        return new Provenance(BuildInfo.version(), BuildInfo.gitCommit(), v.toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuOfThisMachine(), Runtime.getRuntime().availableProcessors(), line, now(), null);
    }

    /** This process called as a library (no command line), started now. */
    public static Provenance inProcess() {
        return start(null);
    }

    /** The same provenance, ended now. */
    public Provenance endedNow() {
        return endedAt(now());
    }

    /** The same provenance with the given end (null: not ended). */
    public Provenance endedAt(Instant end) {
        return new Provenance(knudsenVersion, gitCommit, javaVersion, javaVm, os, cpu, cores, commandLine, started, end);
    }

    /** The JSON block (snake_case keys, times as ISO-8601 UTC strings). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knudsen_version", knudsenVersion);
        m.put("git_commit", gitCommit);
        m.put("java_version", javaVersion);
        m.put("java_vm", javaVm);
        m.put("os", os);
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("command_line", commandLine);
        m.put("started", started == null ? null : started.toString());
        m.put("ended", ended == null ? null : ended.toString());
        return m;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The CPU model ({@code model name} of /proc/cpuinfo on Linux) and the architecture, e.g. "AMD EPYC 7B13 (amd64)". */
    static String cpuOfThisMachine() {
        String arch = System.getProperty("os.arch");
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info, StandardCharsets.UTF_8)) {
                String model = lines.filter(l -> l.startsWith("model name") && l.indexOf(':') > 0)
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
                if (model != null && !model.isEmpty()) {
                    return model + " (" + arch + ")";
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through: the architecture alone
            }
        }
        return arch;
    }
}
