package io.envmon.ingest.store.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of opaque records in one folder, on the JDK alone (docs/adr/0007-durable-spool.md): segment
 * files {@code 00000000000000000001.seg}, ..., each a header and records {@code [length][CRC32C][payload]}; a
 * {@code head} file saying where the oldest record not yet consumed starts; a {@code spool.lock} held while open
 * so that two processes never share a folder.
 *
 * <p>{@link #append} returns only once the records are forced to the device ({@code fsync}). On {@link #open} a
 * torn or corrupt record at the end (a crash during an append, which was therefore never confirmed) is cut off;
 * one in the middle of a segment is logged and the rest of that segment dropped.
 *
 * <p>Not thread-safe: one thread at a time (the spool's single worker).
 */
public final class SegmentLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);

    private static final int SEGMENT_HEADER = SegmentFormat.SEGMENT_HEADER;
    private static final int RECORD_HEADER = SegmentFormat.RECORD_HEADER;
    private static final String SUFFIX = ".seg";

    /** Where a record starts: segment number and byte offset in it. */
    public record Position(long segment, long offset) {
    }

    /** Records read from the head, and the position after the last of them (to {@link #consume} up to). */
    public record Chunk(List<byte[]> records, Position end, long bytes) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** segment number → file, oldest first. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private Position head;
    /** The last append failed (e.g. disk full): a wholly consumed tail is then deleted to give the space back. */
    private boolean lastAppendFailed;
    private FileChannel tail;
    private long tailSegment;
    private long tailSize;
    private volatile long records;
    private volatile long bytes;
    private boolean closed;

    private SegmentLog(Path dir, long segmentBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating the folder if needed) and recovers the log.
     *
     * @param segmentBytes a new segment is started when the current one would grow past this
     * @throws IOException when the folder cannot be created, written or locked (another process uses it)
     */
    public static SegmentLog open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("folder " + dir.toAbsolutePath() + " is not writable");
        }
        FileChannel lockChannel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("folder " + dir.toAbsolutePath() + " is in use by another envmon process");
        }
        SegmentLog log = new SegmentLog(dir, segmentBytes, lockChannel, lock);
        try {
            log.recover();
            HeadFile.ensure(dir, log.head);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    public long records() {
        return records;
    }

    /** Bytes of the records not yet consumed (headers included, segment headers not). */
    public long bytes() {
        return bytes;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** What one payload costs in {@link #bytes()}. */
    public static long cost(byte[] payload) {
        return RECORD_HEADER + (long) payload.length;
    }

    /**
     * Appends the records and forces them to the device; all or none (on failure the segment is cut back).
     *
     * @throws IOException as the file system reports it (disk full...): nothing was appended
     */
    public void append(List<byte[]> payloads) throws IOException {
        if (payloads.isEmpty()) {
            return;
        }
        long size = 0;
        for (byte[] p : payloads) {
            if (p.length > SegmentFormat.MAX_RECORD) {
                throw new IOException("record of " + p.length + " bytes is larger than " + SegmentFormat.MAX_RECORD);
            }
            size += cost(p);
        }
        if (tail == null || (tailSize > SEGMENT_HEADER && tailSize + size > segmentBytes)) {
            roll();
        }
        long before = tailSize;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 16));
        try {
            for (byte[] p : payloads) {
                if (buffer.remaining() < RECORD_HEADER + p.length) {
                    writeFully(buffer);
                    if (buffer.capacity() < RECORD_HEADER + p.length) {
                        buffer = ByteBuffer.allocate(RECORD_HEADER + p.length);
                    }
                }
                buffer.putInt(p.length).putInt(SegmentFormat.crc(p.length, p)).put(p);
            }
            writeFully(buffer);
            tail.force(false);
        } catch (IOException e) {
            cutBack(before);
            lastAppendFailed = true;
            throw e;
        }
        lastAppendFailed = false;
        tailSize = before + size;
        records += payloads.size();
        bytes += size;
    }

    /**
     * Reads records from the head without consuming them: at least one (if any), then more while the total stays
     * within {@code maxBytes}.
     */
    public Chunk read(long maxBytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        long total = 0;
        Position at = head;
        while (true) {
            Path file = segments.get(at.segment());
            if (file == null) {
                break;
            }
            long end = at.segment() == tailSegment ? tailSize : Files.size(file);
            if (at.offset() >= end) {
                Long next = segments.higherKey(at.segment());
                if (next == null) {
                    break;
                }
                at = new Position(next, SEGMENT_HEADER);
                continue;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long offset = at.offset();
                while (offset < end) {
                    ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
                    SegmentFormat.readFully(ch, header, offset);
                    int length = header.getInt(0);
                    if (!out.isEmpty() && total + RECORD_HEADER + length > maxBytes) {
                        return new Chunk(out, new Position(at.segment(), offset), total);
                    }
                    byte[] payload = new byte[length];
                    SegmentFormat.readFully(ch, ByteBuffer.wrap(payload), offset + RECORD_HEADER);
                    if (SegmentFormat.crc(length, payload) != header.getInt(4)) {
                        throw new IOException("record at " + file + ":" + offset + " fails its CRC");
                    }
                    out.add(payload);
                    total += RECORD_HEADER + length;
                    offset += RECORD_HEADER + length;
                }
                at = new Position(at.segment(), offset);
            }
        }
        return new Chunk(out, at, total);
    }

    /** Marks the records of {@code chunk} consumed (durably) and deletes the segments wholly consumed. */
    public void consume(Chunk chunk) throws IOException {
        if (chunk.records().isEmpty()) {
            return;
        }
        Position end = chunk.end();
        HeadFile.write(dir, end);
        head = end;
        records -= chunk.records().size();
        bytes -= chunk.bytes();
        while (!segments.isEmpty() && segments.firstKey() < end.segment()) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
        if (records == 0 && tail != null && (tailSize > segmentBytes / 2 || lastAppendFailed)) {
            // everything consumed: start afresh on the next append rather than keep a large file, or a file
            // filling a disk that refused the last append (its consumed records would keep the disk full)
            tail.close();
            tail = null;
            Path old = segments.remove(tailSegment);
            if (old != null) {
                Files.deleteIfExists(old);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (tail != null) {
                tail.close();
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), f);
                } catch (NumberFormatException e) {
                    LOG.warn("spool: ignoring {} (not a segment name)", f);
                }
            }
        }
        head = HeadFile.read(dir);
        while (!segments.isEmpty() && segments.firstKey() < head.segment()) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
        dropOrRefuseOtherFormats();
        if (segments.isEmpty()) {
            head = new Position(head.segment(), SEGMENT_HEADER);
            return;
        }
        if (head.segment() < segments.firstKey()) {
            head = new Position(segments.firstKey(), SEGMENT_HEADER);
        }
        for (var entry : segments.entrySet()) {
            long start = entry.getKey() == head.segment() ? head.offset() : SEGMENT_HEADER;
            SegmentFormat.Valid valid = SegmentFormat.check(entry.getValue(), start,
                    entry.getKey().equals(segments.lastKey()));
            records += valid.records();
            bytes += valid.bytes();
        }
        tailSegment = segments.lastKey();
        tail = FileChannel.open(segments.get(tailSegment), StandardOpenOption.WRITE, StandardOpenOption.READ);
        tailSize = tail.size();
        tail.position(tailSize);
        if (records > 0) {
            LOG.info("spool: {} records ({} bytes) left from the last run in {}", records, bytes, dir);
        }
    }

    /**
     * A segment another envmon version wrote is never read as this format: wholly consumed, it is deleted (an
     * upgrade with an empty spool); with records left, opening fails naming {@code ENVMON_SPOOL_DIR}.
     */
    private void dropOrRefuseOtherFormats() throws IOException {
        for (var it = segments.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            int version = SegmentFormat.version(entry.getValue());
            if (version == 0 || version == SegmentFormat.VERSION) {
                continue;
            }
            long start = entry.getKey() == head.segment() ? head.offset() : SEGMENT_HEADER;
            if (Files.size(entry.getValue()) > Math.max(start, SEGMENT_HEADER)) {
                throw new IOException(SegmentFormat.otherFormat(entry.getValue(), version));
            }
            LOG.info("spool: deleting {}, a wholly drained segment of spool format {}", entry.getValue(), version);
            Files.delete(entry.getValue());
            it.remove();
        }
    }

    private void roll() throws IOException {
        if (tail != null) {
            tail.close();
        }
        // never a number used before: the head file may still name an old segment
        long number = Math.max(head.segment(), segments.isEmpty() ? 0 : segments.lastKey()) + 1;
        Path file = dir.resolve(String.format("%020d%s", number, SUFFIX));
        tail = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        ByteBuffer header = SegmentFormat.segmentHeader();
        while (header.hasRemaining()) {
            tail.write(header);
        }
        tail.force(true);
        HeadFile.forceDirectory(dir);
        segments.put(number, file);
        tailSegment = number;
        tailSize = SEGMENT_HEADER;
        if (records == 0) {
            head = new Position(number, SEGMENT_HEADER);
        }
    }

    private void cutBack(long size) {
        try {
            tail.truncate(size);
            tail.position(size);
            tail.force(false);
        } catch (IOException e) {
            // the torn record stays; open() cuts it off after a restart, and the next append starts a new segment
            LOG.error("spool: cannot cut {} back after a failed append: {}", segments.get(tailSegment), e.getMessage());
            try {
                tail.close();
            } catch (IOException ignored) {
                // already failing
            }
            tail = null;
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            tail.write(buffer);
        }
        buffer.clear();
    }

}
