package io.envmon.ingest.store.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
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

    /** "ESPL" then the format version. */
    private static final int MAGIC = 0x4553504C;
    private static final int VERSION = 1;
    static final int SEGMENT_HEADER = 8;
    static final int RECORD_HEADER = 8;
    /** No record is larger (a single write of the service is far smaller); a longer length field is corruption. */
    static final int MAX_RECORD = 256 * 1024 * 1024;
    private static final String SUFFIX = ".seg";
    private static final String HEAD = "head";

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
            if (p.length > MAX_RECORD) {
                throw new IOException("record of " + p.length + " bytes is larger than " + MAX_RECORD);
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
                buffer.putInt(p.length).putInt(crc(p.length, p)).put(p);
            }
            writeFully(buffer);
            tail.force(false);
        } catch (IOException e) {
            cutBack(before);
            throw e;
        }
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
                    readFully(ch, header, offset);
                    int length = header.getInt(0);
                    if (!out.isEmpty() && total + RECORD_HEADER + length > maxBytes) {
                        return new Chunk(out, new Position(at.segment(), offset), total);
                    }
                    byte[] payload = new byte[length];
                    readFully(ch, ByteBuffer.wrap(payload), offset + RECORD_HEADER);
                    if (crc(length, payload) != header.getInt(4)) {
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
        writeHead(end);
        head = end;
        records -= chunk.records().size();
        bytes -= chunk.bytes();
        while (!segments.isEmpty() && segments.firstKey() < end.segment()) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
        if (records == 0 && tail != null && tailSize > segmentBytes / 2) {
            // everything consumed: start afresh on the next append rather than keep a large file
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
        head = readHead();
        while (!segments.isEmpty() && segments.firstKey() < head.segment()) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
        if (segments.isEmpty()) {
            head = new Position(head.segment(), SEGMENT_HEADER);
            return;
        }
        if (head.segment() < segments.firstKey()) {
            head = new Position(segments.firstKey(), SEGMENT_HEADER);
        }
        for (var entry : segments.entrySet()) {
            long start = entry.getKey() == head.segment() ? head.offset() : SEGMENT_HEADER;
            scan(entry.getKey(), entry.getValue(), start, entry.getKey().equals(segments.lastKey()));
        }
        tailSegment = segments.lastKey();
        tail = FileChannel.open(segments.get(tailSegment), StandardOpenOption.WRITE, StandardOpenOption.READ);
        tailSize = tail.size();
        tail.position(tailSize);
        if (records > 0) {
            LOG.info("spool: {} records ({} bytes) left from the last run in {}", records, bytes, dir);
        }
    }

    /** Counts the valid records of one segment from {@code start} and cuts off what follows the last valid one. */
    private void scan(long number, Path file, long start, boolean last) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < SEGMENT_HEADER || !validHeader(ch)) {
                // created but its header never reached the disk: no record in it was ever confirmed
                LOG.warn("spool: segment {} has no valid header; rewriting it empty", file);
                ch.truncate(0);
                ch.write(segmentHeader(), 0);
                ch.force(true);
                return;
            }
            long offset = Math.max(start, SEGMENT_HEADER);
            ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
            while (offset + RECORD_HEADER <= size) {
                header.clear();
                readFully(ch, header, offset);
                int length = header.getInt(0);
                if (length < 0 || length > MAX_RECORD || offset + RECORD_HEADER + length > size) {
                    break;
                }
                byte[] payload = new byte[length];
                readFully(ch, ByteBuffer.wrap(payload), offset + RECORD_HEADER);
                if (crc(length, payload) != header.getInt(4)) {
                    break;
                }
                records++;
                bytes += RECORD_HEADER + length;
                offset += RECORD_HEADER + length;
            }
            if (offset < size) {
                if (last) {
                    LOG.warn("spool: cutting off a torn record at the end of {} ({} bytes from offset {}): "
                            + "written during a crash, never confirmed", file, size - offset, offset);
                } else {
                    LOG.error("spool: segment {} is corrupt from offset {}: {} bytes dropped", file, offset,
                            size - offset);
                }
                ch.truncate(offset);
                ch.force(true);
            }
        }
    }

    private boolean validHeader(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
        readFully(ch, b, 0);
        return b.getInt(0) == MAGIC && b.getInt(4) == VERSION;
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
        ByteBuffer header = segmentHeader();
        while (header.hasRemaining()) {
            tail.write(header);
        }
        tail.force(true);
        forceDirectory();
        segments.put(number, file);
        tailSegment = number;
        tailSize = SEGMENT_HEADER;
        if (records == 0) {
            head = new Position(number, SEGMENT_HEADER);
        }
    }

    private static ByteBuffer segmentHeader() {
        return ByteBuffer.allocate(SEGMENT_HEADER).putInt(MAGIC).putInt(VERSION).flip();
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

    private Position readHead() throws IOException {
        Path file = dir.resolve(HEAD);
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Position(0, SEGMENT_HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if (raw.length == 20) {
            long segment = b.getLong();
            long offset = b.getLong();
            CRC32C crc = new CRC32C();
            crc.update(raw, 0, 16);
            if ((int) crc.getValue() == b.getInt()) {
                return new Position(segment, offset);
            }
        }
        // a head that never reached the disk whole: start at the oldest segment; what is read twice is
        // written twice to InfluxDB, where a point with the same series and time is one point
        LOG.warn("spool: {} is unreadable; draining from the oldest segment", file);
        return new Position(0, SEGMENT_HEADER);
    }

    private void writeHead(Position p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20).putLong(p.segment()).putLong(p.offset());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 16);
        b.putInt((int) crc.getValue()).flip();
        Path tmp = dir.resolve(HEAD + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    /** Makes a new or renamed file's entry durable (Linux: fsync of the folder). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder; the entry is then as durable as they make it
            LOG.debug("spool: cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }

    private static int crc(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of spool file at " + at);
            }
            at += n;
        }
    }
}
