package io.envmon.ingest.store.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's {@code head} file: where the oldest record not yet drained starts (segment, offset, CRC32C of both),
 * replaced atomically (a forced temporary file renamed over it, then the folder forced).
 */
final class HeadFile {

    private static final Logger LOG = LoggerFactory.getLogger(HeadFile.class);
    private static final String NAME = "head";
    private static final int SIZE = 20;

    private HeadFile() {
    }

    /** @return the saved position, or segment 0 when there is none or it is unreadable (drain from the oldest) */
    static SegmentLog.Position read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new SegmentLog.Position(0, SegmentFormat.SEGMENT_HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if (raw.length == SIZE) {
            long segment = b.getLong();
            long offset = b.getLong();
            if (crc(raw) == b.getInt()) {
                return new SegmentLog.Position(segment, offset);
            }
        }
        // what is read twice is written twice to InfluxDB, where a point with the same series and time is one point
        LOG.warn("spool: {} is unreadable; draining from the oldest segment", file);
        return new SegmentLog.Position(0, SegmentFormat.SEGMENT_HEADER);
    }

    static void write(Path dir, SegmentLog.Position p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE).putLong(p.segment()).putLong(p.offset());
        b.putInt(crc(b.array())).flip();
        Path tmp = dir.resolve(NAME + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
        } catch (IOException full) {
            // a full disk has no block for a new file, and the drain that would free space needs the head moved:
            // overwrite the existing head in place instead (one 20-byte write inside a block it already has; a
            // torn write fails the CRC and the drain restarts from the oldest segment, which InfluxDB absorbs)
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // what is left of it is replaced on the next write that can create it
            }
            b.rewind();
            if (!overwrite(dir.resolve(NAME), b)) {
                throw full;
            }
            return;
        }
        try {
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(dir);
    }

    /** Writes the head into the existing file's first bytes. @return false when there is no such file */
    private static boolean overwrite(Path file, ByteBuffer b) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int at = 0;
            while (b.hasRemaining()) {
                at += ch.write(b, at);
            }
            ch.force(true);
        }
        return true;
    }

    /** Creates the head file when it is missing, so that there is always one to overwrite on a full disk. */
    static void ensure(Path dir, SegmentLog.Position p) throws IOException {
        if (!Files.exists(dir.resolve(NAME))) {
            write(dir, p);
        }
    }

    /** Makes a new or renamed file's entry durable (Linux: fsync of the folder). */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder; the entry is then as durable as they make it
            LOG.debug("spool: cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }

    private static int crc(byte[] raw) {
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, 16);
        return (int) crc.getValue();
    }
}
