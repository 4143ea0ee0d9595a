package org.knudsen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The class path of the tests (every compile, runtime and test dependency Maven resolves) holds each class once: no
 * jar bundles a copy of another jar on the path (JTransforms' with-dependencies jar did, with JLargeArrays and part of
 * commons-math3 beside it: 81 classes twice, where the first jar on the path silently wins). Multi-release entries
 * ({@code META-INF/versions/...}) and {@code module-info} are not classes of the path.
 */
class ClassPathTest {
    /** The test class path as surefire gives it (its booter jar hides it from java.class.path). */
    static List<Path> classPathJars() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> jars = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    @Test
    void noClassIsOnTheClassPathTwice() throws IOException {
        List<Path> jars = classPathJars();
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("JTransforms")),
                () -> "the scan must see the dependency jars: " + jars);
        Map<String, String> firstJar = new TreeMap<>();
        Map<String, List<String>> twice = new TreeMap<>();
        for (Path jar : jars) {
            try (JarFile f = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    String before = firstJar.putIfAbsent(name, jar.getFileName().toString());
                    if (before != null) {
                        twice.computeIfAbsent(before + " and " + jar.getFileName(), k -> new ArrayList<>()).add(name);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        twice.forEach((pair, classes) -> report.append(pair).append(": ").append(classes.size()).append(" classes, e.g. ")
                .append(classes.get(0)).append('\n'));
        assertFalse(firstJar.isEmpty(), "no class found on the class path");
        assertTrue(twice.isEmpty(), () -> "classes on the class path twice:\n" + report);
    }
}
