package org.knudsen.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What knudsen build is running: the one place that knows it ({@code knudsen -V}, the {@code provenance} block of
 * summary.json and check.json).
 * <ul>
 * <li>{@link #version()}: the project version of the build, from {@code org/knudsen/knudsen-version.properties},
 * which Maven's resource filtering writes at build time from the pom (the jar manifest's
 * {@code Implementation-Version} is the same value);</li>
 * <li>{@link #gitCommit()}: the git commit of the sources, from the system property {@value #COMMIT_PROPERTY}, which
 * the launcher {@code tools/knudsen} sets from {@code git rev-parse HEAD} at every start, with {@code -dirty} appended
 * when {@code pom.xml} or {@code src/} differ from that commit. At run time, not at build time: the launcher rebuilds
 * only when sources change, so a commit made after a build (sources unchanged) would otherwise leave the previous
 * commit in the jar, or cost a rebuild per commit. Null when unknown (the jar started without the launcher, or no
 * git).</li>
 * </ul>
 */
public final class BuildInfo {
    /** The system property the launcher sets to the git commit (see class comment). */
    public static final String COMMIT_PROPERTY = "knudsen.git.commit";
    private static final String RESOURCE = "/org/knudsen/knudsen-version.properties";
    private static final String VERSION = readVersion();

    private BuildInfo() {
    }

    /** The knudsen version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** The git commit of the sources (40 hex digits, maybe with {@code -dirty}), or null when unknown. */
    public static String gitCommit() {
        String c = System.getProperty(COMMIT_PROPERTY);
        return c == null || c.isBlank() ? null : c.strip();
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build knudsen with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " has no filtered version (" + v + "): build with Maven");
            }
            return v.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": cannot read", e);
        }
    }
}
