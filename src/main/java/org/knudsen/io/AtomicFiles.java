package org.knudsen.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that are either entirely old or entirely new: content goes to a temporary file in the target's
 * directory, is forced to disk, then renamed over the target in one atomic step. A run killed mid-write
 * (wall-clock limit on a cluster, Ctrl-C) leaves the previous snapshot, summary or checkpoint intact.
 */
public final class AtomicFiles {
    /** Suffix of the predecessor kept by {@link #writeKeepingPrevious}. */
    public static final String PREVIOUS_SUFFIX = ".prev";

    private AtomicFiles() {
    }

    /** Replaces {@code target} atomically by what {@code writer} writes; on failure the old file is untouched. */
    public static void write(Path target, IoWriter writer) {
        replace(target, writer, false);
    }

    /**
     * As {@link #write}, but first keeps the existing target as {@code <name>.prev}: a checkpoint then always
     * has a complete predecessor, even if the new one turns out to be damaged (disk full, bug in a writer).
     */
    public static void writeKeepingPrevious(Path target, IoWriter writer) {
        replace(target, writer, true);
    }

    /** The file that {@link #writeKeepingPrevious} keeps beside {@code target}. */
    public static Path previousOf(Path target) {
        return target.resolveSibling(target.getFileName() + PREVIOUS_SUFFIX);
    }

    private static void replace(Path target, IoWriter writer, boolean keepPrevious) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newTempPath(abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            if (keepPrevious && Files.exists(abs)) {
                keepCopy(abs, previousOf(abs));
            }
            move(tmp, abs);
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /**
     * The old target becomes {@code .prev} via a hard link (no copy, same inode), replacing an older .prev
     * atomically; where links are unsupported, an atomic copy. The target itself is never absent.
     */
    private static void keepCopy(Path target, Path prev) throws IOException {
        Path link = newTempPath(prev);
        try {
            try {
                Files.createLink(link, target);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(target, link, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel ch = FileChannel.open(link, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            move(link, prev);
        } finally {
            Files.deleteIfExists(link);
        }
    }

    /**
     * A fresh hidden name beside {@code file}. Not Files.createTempFile: that makes the file owner-only
     * (0600) on POSIX, and the result should get the usual permissions of a new file.
     */
    private static Path newTempPath(Path file) {
        long tag = System.nanoTime() ^ ((long) ThreadLocalRandom.current().nextInt() << 20);
        return file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(tag & Long.MAX_VALUE) + ".tmp");
    }

    /** The names {@link #newTempPath} makes: ".<target name>.<hex>.tmp". */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]+\\.tmp");

    /**
     * Removes the temporary files that writes into {@code dir} left behind when the process was killed between
     * creating and renaming them (none otherwise). Call only while no other process writes into {@code dir}.
     *
     * @return how many were removed
     */
    public static int removeTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
                    Files.delete(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot remove stale temporary files (" + e.getMessage() + ")", e);
        }
        return removed;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this only happens on exotic file systems; best effort there
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable (POSIX); file systems or platforms that refuse are skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open a directory as a channel; the rename is still atomic there
        }
    }
}
