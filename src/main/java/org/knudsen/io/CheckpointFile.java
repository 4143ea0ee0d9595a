package org.knudsen.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The binary checkpoint container ({@code checkpoint.bin}): a versioned frame with a checksum around a body
 * that the caller writes and reads with {@link DataOutput}/{@link DataInput} (big-endian, doubles as their exact
 * IEEE bits).
 *
 * <pre>
 *   "KNUDCKPT"  (8 bytes magic)
 *   int         format version ({@link #FORMAT_VERSION})
 *   ...         body
 *   long        body length in bytes
 *   int         CRC-32C of everything before it (magic, version, body, body length)
 *   "END."      (4 bytes)
 * </pre>
 *
 * The whole file is verified (size, trailer, checksum) before the body is parsed, so a flipped bit or a file
 * cut short is reported, never loaded. Writing goes through {@link AtomicFiles#writeKeepingPrevious}: the new
 * checkpoint appears by an atomic rename after fsync and the previous one stays as {@code checkpoint.bin.prev},
 * so a kill -9 at any moment leaves at least one complete checkpoint.
 */
public final class CheckpointFile {
    /** The file name used in every run directory. */
    public static final String FILE_NAME = "checkpoint.bin";
    /** The version of the frame; bodies carry their own section versions. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "KNUDCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "END.".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 4;
    private static final int TRAILER_BYTES = 8 + 4 + END.length;

    private CheckpointFile() {
    }

    /** Writes the body of a checkpoint. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(DataOutput out) throws IOException;
    }

    /** Parses the body of a verified checkpoint; an IOException (or IllegalArgumentException) marks it damaged. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(DataInput in) throws IOException;
    }

    /** Removes the checkpoint (and its predecessor) of an earlier run from a run directory, so it is never resumed into a new run. */
    public static void discard(Path dir) {
        try {
            java.nio.file.Files.deleteIfExists(dir.resolve(FILE_NAME));
            java.nio.file.Files.deleteIfExists(AtomicFiles.previousOf(dir.resolve(FILE_NAME)));
        } catch (java.io.IOException e) {
            throw new InputException("output.dir = " + dir + ": cannot remove an old checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code file} atomically, keeping the previous version as {@code <file>.prev}. */
    public static void write(Path file, BodyWriter body) {
        AtomicFiles.writeKeepingPrevious(file, os -> {
            CRC32C crc = new CRC32C();
            CountingOutputStream counted = new CountingOutputStream(new CheckedOutputStream(os, crc));
            // the buffer sits above the checksum, so the CRC is updated in large chunks, not per value
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(counted, 1 << 16));
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            body.write(out);
            out.flush();
            long bodyLength = counted.count - HEADER_BYTES;
            out.writeLong(bodyLength);
            out.flush();
            DataOutputStream tail = new DataOutputStream(os);
            tail.writeInt((int) crc.getValue());
            tail.write(END);
            tail.flush();
        });
    }

    /**
     * Verifies {@code file} and parses its body.
     *
     * @throws InputException naming the file: missing, not a checkpoint, another format version, truncated,
     *                        checksum mismatch, or a body that {@code reader} rejects
     */
    public static <T> T read(Path file, BodyReader<T> reader) {
        long bodyLength = verify(file);
        try (CountingInputStream counted = new CountingInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            DataInputStream in = new DataInputStream(counted);
            in.readFully(new byte[HEADER_BYTES]);
            counted.limit = HEADER_BYTES + bodyLength;
            T value = reader.read(in);
            if (counted.count != HEADER_BYTES + bodyLength) {
                throw new IOException("the body has " + bodyLength + " bytes, " + (counted.count - HEADER_BYTES)
                        + " were read");
            }
            return value;
        } catch (InputException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file + ": damaged checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads {@code file}, or, if it is missing or damaged, its predecessor {@code <file>.prev} (telling
     * {@code warn} why). Errors of the reader that are not damage (e.g. a checkpoint of another scenario) are
     * reported the same way, so the message names both files when neither can be used.
     */
    public static <T> T readWithFallback(Path file, BodyReader<T> reader, Consumer<String> warn) {
        try {
            return read(file, reader);
        } catch (InputException first) {
            Path prev = AtomicFiles.previousOf(file);
            if (!Files.exists(prev)) {
                throw first;
            }
            T value;
            try {
                value = read(prev, reader);
            } catch (InputException second) {
                throw new InputException(first.getMessage() + "\n" + second.getMessage(), first);
            }
            warn.accept(first.getMessage() + "; using the previous checkpoint " + prev);
            return value;
        }
    }

    /**
     * Checks magic, version, size and checksum of the whole file without parsing the body.
     *
     * @return the body length in bytes
     * @throws InputException naming the file and the problem
     */
    public static long verify(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                throw new InputException(file + ": not a complete checkpoint (" + size + " bytes, truncated?)");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
            readFully(ch, head, 0);
            if (!Arrays.equals(Arrays.copyOf(head.array(), MAGIC.length), MAGIC)) {
                throw new InputException(file + ": not a knudsen checkpoint (no KNUDCKPT header)");
            }
            int version = head.getInt(MAGIC.length);
            if (version != FORMAT_VERSION) {
                throw new InputException(file + ": checkpoint format version " + version + ", this knudsen reads "
                        + FORMAT_VERSION);
            }
            ByteBuffer tail = ByteBuffer.allocate(TRAILER_BYTES);
            readFully(ch, tail, size - TRAILER_BYTES);
            long bodyLength = tail.getLong(0);
            int storedCrc = tail.getInt(8);
            if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 12, TRAILER_BYTES), END)
                    || bodyLength != size - HEADER_BYTES - TRAILER_BYTES) {
                throw new InputException(file + ": damaged checkpoint (trailer missing or length mismatch: "
                        + size + " bytes; truncated or cut mid-write?)");
            }
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            long end = size - 4 - END.length;
            long pos = 0;
            while (pos < end) {
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), end - pos));
                int r = ch.read(chunk, pos);
                if (r < 0) {
                    throw new EOFException("at byte " + pos);
                }
                chunk.flip();
                crc.update(chunk);
                pos += r;
            }
            if ((int) crc.getValue() != storedCrc) {
                throw new InputException(file + ": damaged checkpoint (CRC-32C mismatch: stored "
                        + Integer.toHexString(storedCrc) + ", computed " + Integer.toHexString((int) crc.getValue()) + ")");
            }
            return bodyLength;
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such checkpoint file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new EOFException("at byte " + pos);
            }
            pos += r;
        }
        buf.flip();
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Counts bytes read and refuses to read past {@code limit} (the body must not reach into the trailer). */
    private static final class CountingInputStream extends FilterInputStream {
        long count;
        long limit = Long.MAX_VALUE;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int r = in.read(b, off, (int) Math.min(len, limit - count));
            if (r > 0) {
                count += r;
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(Math.min(n, limit - count));
            count += s;
            return s;
        }
    }
}
