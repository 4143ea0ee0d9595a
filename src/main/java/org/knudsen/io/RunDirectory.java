package org.knudsen.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run directory claimed by one knudsen process. The claim is an OS file lock on {@value #LOCK_FILE}, held until
 * {@link #close()} and released by the operating system on any exit (kill -9 included), so a second {@code run} or
 * {@code resume} of the same directory refuses while the first is alive. The lock file stays when the run ends; its
 * presence marks the directory as one that knudsen wrote.
 *
 * <p>Before a new run may write, the directory must not hold (unless the user passes {@code --force}) an unfinished
 * run — a checkpoint whose {@code summary.json} does not say {@code complete}, which {@code knudsen resume} could
 * continue — nor files under the names of the run's outputs that no knudsen run wrote there. Other files are never
 * touched, with or without {@code --force}. Nothing is created or changed in the directory when a claim is refused.
 */
public final class RunDirectory implements AutoCloseable {
    /** The lock file of a run directory. */
    public static final String LOCK_FILE = ".knudsen.lock";
    private static final String SUMMARY = "summary.json";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    public Path path() {
        return dir;
    }

    /**
     * Claims {@code dir} for a new run whose outputs have these names (relative paths; a trailing {@code *} matches
     * any rest of a file name, e.g. {@code fields/cells_*.vtk}).
     *
     * @param key   the scenario key or option that chose the directory, named in messages (e.g. "output.dir")
     * @param force replace an unfinished run and files of those names that knudsen did not write
     * @throws InputException (exit 2) if the directory is busy, holds an unfinished run or foreign outputs, or cannot
     *                        be created
     */
    public static RunDirectory claimForNewRun(Path dir, String key, List<String> outputs, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(key + " = " + dir + ": exists and is not a directory");
        }
        boolean hadLock = Files.exists(dir.resolve(LOCK_FILE));
        if (!hadLock) {
            refuseUnlessNew(dir, key, outputs, force, false); // before anything is created
        }
        RunDirectory claimed = lock(dir, key);
        try {
            refuseUnlessNew(dir, key, outputs, force, true);
            claimed.record("run");
            return claimed;
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    /**
     * Claims {@code dir} to resume the run in it, and removes the temporary files that a killed predecessor left in it
     * and in its {@code subdirs} (they are never part of a checkpoint).
     *
     * @throws InputException (exit 2) if another process holds the directory
     */
    public static RunDirectory claimForResume(Path dir, List<String> subdirs) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such run directory");
        }
        RunDirectory claimed = lock(dir, "run directory");
        try {
            AtomicFiles.removeTemporaries(dir);
            for (String sub : subdirs) {
                AtomicFiles.removeTemporaries(dir.resolve(sub));
            }
            claimed.record("resume");
            return claimed;
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    /** Whether {@code dir} holds a checkpoint whose summary does not say the run is complete. */
    public static boolean holdsUnfinishedRun(Path dir) {
        Path checkpoint = dir.resolve(CheckpointFile.FILE_NAME);
        if (!Files.exists(checkpoint) && !Files.exists(AtomicFiles.previousOf(checkpoint))) {
            return false;
        }
        return !"complete".equals(summaryStatus(dir));
    }

    /** The {@code status} of {@code dir/summary.json}, or null if there is none or it cannot be read. */
    static String summaryStatus(Path dir) {
        Path summary = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            JsonNode status = new ObjectMapper().readTree(summary.toFile()).get("status");
            return status == null ? null : status.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The {@code provenance} blocks of the processes that wrote {@code dir/summary.json} so far, oldest first (its
     * {@code earlier_provenance}, then its {@code provenance}), as JSON values to write back unchanged; empty when
     * there is no readable summary or it has none. A resumed run lists them under {@code earlier_provenance}.
     */
    public static List<Object> summaryProvenance(Path dir) {
        Path summary = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            return List.of();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(summary.toFile());
            List<Object> blocks = new java.util.ArrayList<>();
            JsonNode earlier = root == null ? null : root.get("earlier_provenance");
            if (earlier != null && earlier.isArray()) {
                earlier.forEach(blocks::add);
            }
            JsonNode last = root == null ? null : root.get("provenance");
            if (last != null && last.isObject()) {
                blocks.add(last);
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void refuseUnlessNew(Path dir, String key, List<String> outputs, boolean force, boolean locked) {
        if (force || !Files.isDirectory(dir)) {
            return;
        }
        if (holdsUnfinishedRun(dir)) {
            String status = summaryStatus(dir);
            throw new InputException(key + " = " + dir + ": holds an unfinished run (checkpoint present, summary status "
                    + (status == null ? "missing" : status) + "); continue it with: knudsen resume " + dir
                    + "   or start over in it with --force (which discards that checkpoint)");
        }
        if (!locked) {
            List<String> foreign = existing(dir, outputs);
            if (!foreign.isEmpty()) {
                throw new InputException(key + " = " + dir + ": holds " + String.join(", ", foreign) + ", which no "
                        + "knudsen run wrote there (no " + LOCK_FILE + "); choose another directory, or pass --force to "
                        + "replace those files (no other file is ever touched)");
            }
        }
    }

    /** The output names (patterns) that exist in {@code dir}, at most a few, for the message. */
    static List<String> existing(Path dir, List<String> outputs) {
        List<String> found = new ArrayList<>();
        for (String name : outputs) {
            if (!name.endsWith("*") && !name.contains("*")) {
                if (Files.exists(dir.resolve(name))) {
                    found.add(name);
                }
                continue;
            }
            Path sub = dir.resolve(name).getParent();
            String pattern = Path.of(name).getFileName().toString();
            String prefix = pattern.substring(0, pattern.indexOf('*'));
            String suffix = pattern.substring(pattern.indexOf('*') + 1);
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> s = Files.list(sub)) {
                if (s.map(p -> p.getFileName().toString())
                        .anyMatch(f -> f.startsWith(prefix) && f.endsWith(suffix) && f.length() >= pattern.length() - 1)) {
                    found.add(name);
                }
            } catch (IOException e) {
                throw new InputException(sub + ": cannot list (" + e.getMessage() + ")", e);
            }
        }
        return found;
    }

    /** Creates the directory if needed and takes the lock, or refuses naming the holder. */
    private static RunDirectory lock(Path dir, String key) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(key + " = " + dir + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
        Path file = dir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InputException(key + " = " + dir + ": cannot open " + LOCK_FILE + " (" + e.getMessage() + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (e.g. a test running two runs at once)
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InputException(key + " = " + dir + ": cannot lock " + LOCK_FILE + " (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            String holder = holder(channel);
            closeQuietly(channel);
            throw new InputException(key + " = " + dir + ": another knudsen process is running in this directory"
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish, or stop it (SIGTERM "
                    + "writes a checkpoint) and resume");
        }
        return new RunDirectory(dir, channel, lock);
    }

    /** Writes who holds the lock (for the message a refused process prints); only the holder writes. */
    private void record(String command) {
        String text = "pid " + ProcessHandle.current().pid() + ", knudsen " + command + ", since " + Instant.now()
                + " (" + ManagementFactory.getRuntimeMXBean().getName() + ")\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new InputException(dir + ": cannot write " + LOCK_FILE + " (" + e.getMessage() + ")", e);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    /** Releases the lock (the lock file stays, marking the directory as knudsen's). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
        }
    }
}
