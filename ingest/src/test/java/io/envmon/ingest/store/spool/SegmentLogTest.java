package io.envmon.ingest.store.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

    static final long SEGMENT = 1 << 20;

    @TempDir
    Path dir;

    static byte[] record(int n) {
        return ("record-" + n + "-" + "x".repeat(n % 50)).getBytes(StandardCharsets.UTF_8);
    }

    static List<String> readAll(SegmentLog log) throws IOException {
        List<String> out = new ArrayList<>();
        for (byte[] r : log.read(Long.MAX_VALUE).records()) {
            out.add(new String(r, StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(new String(record(n), StandardCharsets.UTF_8));
        }
        return out;
    }

    void appendRange(SegmentLog log, int from, int to) throws IOException {
        for (int n = from; n < to; n++) {
            log.append(List.of(record(n)));
        }
    }

    Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void appendedRecordsReadBackInOrderAndSurviveReopening() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 100);
            log.append(List.of(record(100), record(101), record(102)));
            assertEquals(103, log.records());
            assertEquals(expected(0, 103), readAll(log));
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            assertEquals(103, log.records());
            assertEquals(expected(0, 103), readAll(log));
            long bytes = 0;
            for (int n = 0; n < 103; n++) {
                bytes += SegmentLog.cost(record(n));
            }
            assertEquals(bytes, log.bytes());
        }
    }

    @Test
    void consumedRecordsAreGoneAlsoAfterReopeningAndChunksRespectTheirSize() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 50);
            SegmentLog.Chunk first = log.read(200);
            assertTrue(first.records().size() >= 1 && first.records().size() < 50, "a chunk of at most 200 bytes");
            assertTrue(first.bytes() <= 200);
            log.consume(first);
            assertEquals(50 - first.records().size(), log.records());
            assertEquals(expected(first.records().size(), 50), readAll(log));
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            int left = (int) log.records();
            assertEquals(expected(50 - left, 50), readAll(log));
            log.consume(log.read(Long.MAX_VALUE));
            assertTrue(log.isEmpty());
            assertEquals(0, log.bytes());
            appendRange(log, 50, 55);
            assertEquals(expected(50, 55), readAll(log));
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            assertEquals(expected(50, 55), readAll(log));
        }
    }

    @Test
    void recordsSpanSegmentsAndWhollyConsumedSegmentsAreDeleted() throws IOException {
        byte[] big = new byte[300 * 1024];
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            for (int i = 0; i < 10; i++) {
                big[0] = (byte) i;
                log.append(List.of(big.clone()));
            }
            assertTrue(segments() >= 3, "several segments: " + segments());
            List<byte[]> all = log.read(Long.MAX_VALUE).records();
            assertEquals(10, all.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(i, all.get(i)[0]);
            }
            SegmentLog.Chunk some = log.read(5 * (big.length + 8L));
            assertEquals(5, some.records().size());
            long before = segments();
            log.consume(some);
            assertTrue(segments() < before, "segments read to the end are deleted");
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            List<byte[]> rest = log.read(Long.MAX_VALUE).records();
            assertEquals(5, rest.size());
            assertEquals(5, rest.get(0)[0]);
        }
    }

    /** A crash during an append leaves part of a record at the end: it was never confirmed, and is cut off. */
    @Test
    void aTornLastRecordIsIgnoredAndTheLogGoesOnAfterIt() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 20);
        }
        Path segment = lastSegment();
        long whole = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(whole - 5); // the last record loses its tail
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            assertEquals(19, log.records());
            assertEquals(expected(0, 19), readAll(log));
            log.append(List.of(record(100)));
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            List<String> all = readAll(log);
            assertEquals(20, all.size());
            assertEquals(new String(record(100), StandardCharsets.UTF_8), all.get(19));
        }
    }

    @Test
    void aLastRecordWithABadChecksumOrAHalfWrittenHeaderIsCutOff() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 5);
        }
        Path segment = lastSegment();
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'!'}), size - 1); // flips the last payload byte
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0}), size); // and three bytes of a next header
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            assertEquals(expected(0, 4), readAll(log));
            assertEquals(size - SegmentLog.cost(record(4)), Files.size(segment));
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameFolder() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            IOException e = assertThrows(IOException.class, () -> SegmentLog.open(dir, SEGMENT));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        SegmentLog.open(dir, SEGMENT).close(); // free again once closed
    }

    @Test
    void theRecordsAreExactlyWhatWasAppended() throws IOException {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            log.append(List.of(binary, new byte[0]));
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            List<byte[]> back = log.read(Long.MAX_VALUE).records();
            assertArrayEquals(binary, back.get(0));
            assertEquals(0, back.get(1).length);
        }
    }

    long segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).count();
        }
    }

    /**
     * On a full disk no new file can be created, and the head was only ever replaced through a new temporary file:
     * the drain could then never record its progress, so it never freed the space either (the spool stayed stuck
     * until restarted with room). Stand-in for "no new file": a non-empty folder where the temporary file goes.
     */
    @Test
    void consumingStillRecordsTheHeadWhenNoNewFileCanBeCreated() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 10);
            Path blocker = Files.createDirectories(dir.resolve("head.tmp"));
            Files.writeString(blocker.resolve("x"), "x");
            SegmentLog.Chunk first = log.read(SegmentLog.cost(record(0)) + SegmentLog.cost(record(1)));
            log.consume(first);
            assertEquals(8, log.records());
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
        }
        try (SegmentLog reopened = SegmentLog.open(dir, SEGMENT)) {
            assertEquals(expected(2, 10), readAll(reopened));
        }
    }

    /** A segment of the format before line protocol (version 1) is never read as today's. */
    @Test
    void aSegmentOfAnOtherFormatWithRecordsStopsTheOpeningNamingTheSettingAndAnEmptyOneIsDeleted() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            appendRange(log, 0, 3);
        }
        Path segment = lastSegment();
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).putInt(0, 1), 4); // the version field
        }
        IOException refused = assertThrows(IOException.class, () -> SegmentLog.open(dir, SEGMENT));
        assertTrue(refused.getMessage().contains("spool format 1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ENVMON_SPOOL_DIR"), refused.getMessage());
        assertEquals(size, Files.size(segment), "left as it was");

        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(8); // no record left in it: nothing to misread
        }
        try (SegmentLog log = SegmentLog.open(dir, SEGMENT)) {
            assertTrue(log.isEmpty());
            assertTrue(Files.notExists(segment));
            appendRange(log, 0, 2);
            assertEquals(expected(0, 2), readAll(log));
        }
    }
}
