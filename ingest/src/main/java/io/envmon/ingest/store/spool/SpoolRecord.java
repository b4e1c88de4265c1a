package io.envmon.ingest.store.spool;

import io.envmon.ingest.store.LineBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One spool record: the line protocol of one write, as {@code InfluxPointWriter} would have sent it (segment
 * format 2, docs/adr/0007-durable-spool.md): the byte length of the millisecond lines (4 bytes, big-endian), those
 * lines, then the nanosecond lines, all UTF-8. Draining writes the same texts back.
 */
final class SpoolRecord {

    private SpoolRecord() {
    }

    static byte[] encode(LineBatch lines) {
        byte[] millis = lines.millis().getBytes(StandardCharsets.UTF_8);
        byte[] nanos = lines.nanos().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + millis.length + nanos.length).putInt(millis.length).put(millis).put(nanos)
                .array();
    }

    /** @throws IOException when the record is not one {@link #encode} wrote (it passed its CRC: a bug, or another format) */
    static LineBatch decode(byte[] record) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(record);
        int millis = record.length >= 4 ? in.getInt() : -1;
        if (millis < 0 || millis > record.length - 4) {
            throw new IOException("a spool record of " + record.length + " bytes gives " + millis
                    + " bytes of millisecond lines");
        }
        return LineBatch.of(new String(record, 4, millis, StandardCharsets.UTF_8),
                new String(record, 4 + millis, record.length - 4 - millis, StandardCharsets.UTF_8));
    }
}
