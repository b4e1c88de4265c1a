package io.envmon.ingest.store.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of a segment file (docs/adr/0007-durable-spool.md): a header ({@code ESPL}, version), then records
 * {@code [length][CRC32C of length and payload][payload]}, big-endian; and the check of a segment at start-up.
 */
final class SegmentFormat {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFormat.class);

    /** "ESPL" then the format version. */
    private static final int MAGIC = 0x4553504C;
    /** 1: records in a typed binary form of the points; 2: their line protocol ({@link SpoolRecord}). */
    static final int VERSION = 2;
    static final int SEGMENT_HEADER = 8;
    static final int RECORD_HEADER = 8;
    /** No record is larger (a single write of the service is far smaller); a longer length field is corruption. */
    static final int MAX_RECORD = 256 * 1024 * 1024;

    /** The valid records found by {@link #check}. */
    record Valid(long records, long bytes) {
    }

    private SegmentFormat() {
    }

    static ByteBuffer segmentHeader() {
        return ByteBuffer.allocate(SEGMENT_HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static int crc(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of spool file at " + at);
            }
            at += n;
        }
    }

    /**
     * Counts the valid records of one segment from {@code start} and cuts off what follows the last valid one:
     * in the last segment a torn append (never confirmed), elsewhere corruption (logged as an error).
     */
    static Valid check(Path file, long start, boolean last) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < SEGMENT_HEADER || !validHeader(ch)) {
                // created but its header never reached the disk: no record in it was ever confirmed
                LOG.warn("spool: segment {} has no valid header; rewriting it empty", file);
                ch.truncate(0);
                ch.write(segmentHeader(), 0);
                ch.force(true);
                return new Valid(0, 0);
            }
            long records = 0;
            long bytes = 0;
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
            return new Valid(records, bytes);
        }
    }

    private static boolean validHeader(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
        readFully(ch, b, 0);
        return b.getInt(0) == MAGIC && b.getInt(4) == VERSION;
    }

    /**
     * The format version of a segment written whole by some envmon, or 0 when it has no header (never written
     * whole, which {@link #check} repairs).
     */
    static int version(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < SEGMENT_HEADER) {
                return 0;
            }
            ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
            readFully(ch, b, 0);
            return b.getInt(0) == MAGIC ? b.getInt(4) : 0;
        }
    }

    /** Why a segment of another format with records left in it stops start-up (it is never read as this one). */
    static String otherFormat(Path file, int version) {
        return "segment " + file.getFileName() + " holds records in spool format " + version + " (envmon "
                + (version < VERSION ? "before" : "after") + " this one, which reads format " + VERSION + " only): "
                + "drain it with the envmon that wrote it (start that version with InfluxDB reachable until /health "
                + "shows the spool empty), or move the folder aside and point ENVMON_SPOOL_DIR at an empty one";
    }
}
