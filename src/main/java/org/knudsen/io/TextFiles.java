package org.knudsen.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes UTF-8 text files and reads class-path resources. */
public final class TextFiles {
    /** Largest text file {@link #read} accepts: scenarios are a few kB; a huge file is a wrong argument. */
    static final long MAX_BYTES = 16L << 20;

    private TextFiles() {
    }

    /**
     * The whole file as a string; a missing or unreadable file, or one that is not UTF-8 text (UTF-16, binary,
     * invalid byte sequences), is bad input ({@link InputException}) naming the file and, where it helps, the
     * line and column of the first offending byte. A UTF-8 byte-order mark is dropped.
     */
    public static String read(Path file) {
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InputException(file + ": " + Files.size(file) + " bytes, more than a scenario can be ("
                        + (MAX_BYTES >> 20) + " MiB): not the file you meant?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return decodeUtf8(file.toString(), bytes);
    }

    /** Strict UTF-8 decoding of a text file's bytes (see {@link #read}); {@code source} names it in messages. */
    public static String decodeUtf8(String source, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new InputException(source + ": not a UTF-8 text file (it starts with a UTF-16 byte-order mark; "
                    + "save it as UTF-8)");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(source + ":" + position(bytes, start, i) + ": not a UTF-8 text file (NUL byte: "
                        + "a binary or UTF-16 file)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InputException(source + ":" + position(bytes, start, in.position()) + ": not a UTF-8 text file "
                    + "(invalid UTF-8 byte 0x" + String.format("%02X", bytes[in.position()] & 0xFF) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** "line:column" (1-based, columns in characters of the valid prefix) of byte {@code offset}. */
    private static String position(byte[] bytes, int start, int offset) {
        int line = 1;
        int column = 1;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) { // count characters, not continuation bytes
                column++;
            }
        }
        return line + ":" + column;
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
