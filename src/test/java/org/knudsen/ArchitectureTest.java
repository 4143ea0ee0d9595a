package org.knudsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house plan of DESIGN.md ("Layout"), checked on the sources: every package refers only to the packages its
 * "may use" column allows (imports and fully qualified names in code, comments left out), so dependencies point one
 * way; only {@code simd} uses the incubating Vector API; and no main source file grows past the size at which it
 * stops being one concept without saying so here.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/knudsen");

    /** DESIGN.md's "may use" column; io may also use the fluid data types it reads and writes (fields files). */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("physics", Set.of()),
            Map.entry("linear", Set.of("physics")),
            Map.entry("fluid", Set.of("physics", "linear")),
            Map.entry("simd", Set.of()),
            Map.entry("particles", Set.of("physics", "simd")),
            Map.entry("moments", Set.of("particles", "fluid", "physics", "simd")),
            Map.entry("stats", Set.of()),
            Map.entry("scenario", Set.of("physics", "fluid", "linear")),
            Map.entry("io", Set.of("stats", "fluid", "physics")),
            Map.entry("run", Set.of("physics", "linear", "fluid", "simd", "particles", "moments", "stats", "scenario",
                    "io")),
            Map.entry("check", Set.of("physics", "linear", "fluid", "simd", "particles", "moments", "stats", "scenario",
                    "io", "run")),
            Map.entry("bench", Set.of("physics", "linear", "fluid", "simd", "particles", "moments", "stats", "scenario",
                    "io", "run")),
            Map.entry("cli", Set.of("physics", "linear", "fluid", "simd", "particles", "moments", "stats", "scenario",
                    "io", "run", "check", "bench")));

    /** Files allowed past {@link #MAX_LINES}, each one concept (README "Layout" says why). */
    private static final Set<String> LONG_FILES = Set.of();
    private static final int MAX_LINES = 420;

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.knudsen\\.([a-z]+)\\.");

    /** The source without comments and string literals (a package named in a message is not a dependency). */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void everyPackageUsesOnlyWhatTheHousePlanAllows() throws IOException {
        Map<String, Set<String>> wrong = new TreeMap<>();
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            if (!Files.isDirectory(MAIN.resolve(pkg))) {
                continue;
            }
            assertTrue(MAY_USE.containsKey(pkg), "package " + pkg + " is not on the house plan (DESIGN.md)");
            Matcher m = REFERENCE.matcher(code(Files.readString(file)));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !MAY_USE.get(pkg).contains(used)) {
                    wrong.computeIfAbsent(MAIN.relativize(file).toString(), k -> new TreeSet<>()).add(used);
                }
            }
        }
        assertEquals(Map.of(), wrong, "files referring to packages their package may not use");
    }

    @Test
    void onlySimdUsesTheVectorApi() throws IOException {
        List<String> users = new ArrayList<>();
        for (Path file : sources()) {
            if (code(Files.readString(file)).contains("jdk.incubator.vector")
                    && !MAIN.relativize(file).getName(0).toString().equals("simd")) {
                users.add(MAIN.relativize(file).toString());
            }
        }
        assertEquals(List.of(), users);
    }

    @Test
    void noMainSourceFileOutgrowsOneConcept() throws IOException {
        Map<String, Integer> longFiles = new TreeMap<>();
        for (Path file : sources()) {
            String name = MAIN.relativize(file).toString();
            int lines = Files.readAllLines(file).size();
            if (lines > MAX_LINES && !LONG_FILES.contains(name)) {
                longFiles.put(name, lines);
            }
        }
        assertEquals(Map.of(), longFiles, "files over " + MAX_LINES + " lines");
    }
}
