package org.knudsen.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes UTF-8 text files and reads class-path resources. */
public final class TextFiles {
    private TextFiles() {
    }

    /** The whole file as a string; a missing or unreadable file is bad input ({@link InputException}). */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes UTF-8 text atomically (creating the parent directories); an unwritable place is bad input, named by
     * {@code key} (e.g. "output.dir").
     */
    public static void write(Path file, String text, String key) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InputException(key + " = " + file.getParent() + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
        try {
            AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (UncheckedIOException e) {
            throw new InputException(key + " = " + file.getParent() + ": cannot write " + file.getFileName() + " ("
                    + e.getCause().getMessage() + ")", e);
        }
    }

    /** A resource shipped inside the jar (e.g. the default scenario); missing means a broken build. */
    public static String resource(Class<?> anchor, String absoluteName) {
        try (InputStream in = anchor.getResourceAsStream(absoluteName)) {
            if (in == null) {
                throw new IllegalStateException("resource " + absoluteName + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + absoluteName, e);
        }
    }
}
