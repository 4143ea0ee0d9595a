package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    private static IoWriter text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> dirListing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeCreatesThenReplacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/summary.json");
        AtomicFiles.write(f, text("one"));
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, text("two"));
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("summary.json"), dirListing(f.getParent()));
    }

    @Test
    void writerFailingMidwayLeavesTheOldContentAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("checkpoint.bin");
        AtomicFiles.write(f, text("complete old checkpoint"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]); // more than the buffer: part of it really reached the temp file
            throw new IOException("disk full (simulated)");
        }));
        assertTrue(e.getMessage().contains("checkpoint.bin") && e.getMessage().contains("disk full"), e::getMessage);
        assertEquals("complete old checkpoint", Files.readString(f));
        assertEquals(List.of("checkpoint.bin"), dirListing(dir));
        // an unchecked failure (bug in a writer) is rolled back the same way
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        }));
        assertEquals("complete old checkpoint", Files.readString(f));
        assertEquals(List.of("checkpoint.bin"), dirListing(dir));
    }

    @Test
    void writeKeepingPreviousAlwaysLeavesTheLastCompleteCheckpointBeside(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("checkpoint.bin");
        Path prev = AtomicFiles.previousOf(f);
        assertEquals("checkpoint.bin.prev", prev.getFileName().toString());
        AtomicFiles.writeKeepingPrevious(f, text("c1"));
        assertEquals("c1", Files.readString(f));
        assertFalse(Files.exists(prev), "no predecessor for the first checkpoint");
        AtomicFiles.writeKeepingPrevious(f, text("c2"));
        AtomicFiles.writeKeepingPrevious(f, text("c3"));
        assertEquals("c3", Files.readString(f));
        assertEquals("c2", Files.readString(prev));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeKeepingPrevious(f, out -> {
            out.write('x');
            throw new IOException("killed");
        }));
        assertEquals("c3", Files.readString(f));
        assertEquals("c2", Files.readString(prev));
        assertEquals(List.of("checkpoint.bin", "checkpoint.bin.prev"), dirListing(dir));
        // the hard link must not tie .prev to the new file: replacing the target leaves .prev as it was
        AtomicFiles.writeKeepingPrevious(f, text("c4"));
        assertEquals("c3", Files.readString(prev));
        assertEquals("c4", Files.readString(f));
    }

    @Test
    void jsonSummaryIsWrittenAtomicallyWithTrailingNewline(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("summary.json");
        JsonOutput.writeFile(f, java.util.Map.of("steps", 3));
        assertEquals("{\n  \"steps\" : 3\n}\n", Files.readString(f));
    }
}
