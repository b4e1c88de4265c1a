package io.envmon.ingest.store.spool;

import io.envmon.ingest.store.StorePoint;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One spool record: the points of one {@code ReadingSink.write} call, in a compact binary form that keeps each
 * field's Java type, so a drained point is written to InfluxDB exactly as it would have been at first (the same
 * line protocol: a double stays a float, a long an integer). Format version 1:
 * {@code [1][count] { measurement, nanos, time, tags {key value}, fields {key type value} }}; strings are a length
 * and UTF-8.
 */
public final class SpoolRecordCodec {

    private static final byte VERSION = 1;

    private SpoolRecordCodec() {
    }

    public static byte[] encode(List<StorePoint> points) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + points.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(points.size());
            for (StorePoint p : points) {
                string(out, p.measurement());
                out.writeBoolean(p.nanos());
                out.writeLong(p.time());
                out.writeInt(p.tags().size());
                for (Map.Entry<String, String> t : p.tags().entrySet()) {
                    string(out, t.getKey());
                    string(out, t.getValue());
                }
                out.writeInt(p.fields().size());
                for (Map.Entry<String, Object> f : p.fields().entrySet()) {
                    string(out, f.getKey());
                    value(out, f.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the record is not one this codec wrote (it passed its CRC, so: a newer format) */
    public static List<StorePoint> decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("spool record format " + version + " is not known to this version of envmon");
        }
        int count = in.readInt();
        List<StorePoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String measurement = string(in);
            boolean nanos = in.readBoolean();
            long time = in.readLong();
            int tagCount = in.readInt();
            Map<String, String> tags = new LinkedHashMap<>();
            for (int t = 0; t < tagCount; t++) {
                tags.put(string(in), string(in));
            }
            int fieldCount = in.readInt();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int f = 0; f < fieldCount; f++) {
                fields.put(string(in), value(in));
            }
            points.add(new StorePoint(measurement, tags, fields, time, nanos));
        }
        return points;
    }

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
        } else if (v instanceof Long l) {
            out.writeByte('L');
            out.writeLong(l);
        } else if (v instanceof String s) {
            out.writeByte('S');
            string(out, s);
        } else if (v instanceof Boolean b) {
            out.writeByte('B');
            out.writeBoolean(b);
        } else if (v instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (v instanceof Float f) {
            out.writeByte('F');
            out.writeFloat(f);
        } else if (v instanceof Short s) {
            out.writeByte('H');
            out.writeShort(s);
        } else if (v instanceof Byte b) {
            out.writeByte('Y');
            out.writeByte(b);
        } else if (v instanceof BigInteger b) {
            out.writeByte('G');
            string(out, b.toString());
        } else if (v instanceof Number n) {
            out.writeByte('N'); // as LineProtocol writes it: plain decimal
            string(out, n instanceof BigDecimal b ? b.toPlainString() : n.toString());
        } else {
            out.writeByte('S'); // LineProtocol writes any other value as its text
            string(out, String.valueOf(v));
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case 'D' -> in.readDouble();
            case 'L' -> in.readLong();
            case 'S' -> string(in);
            case 'B' -> in.readBoolean();
            case 'I' -> in.readInt();
            case 'F' -> in.readFloat();
            case 'H' -> in.readShort();
            case 'Y' -> in.readByte();
            case 'G' -> new BigInteger(string(in));
            case 'N' -> new BigDecimal(string(in));
            default -> throw new IOException("unknown field type " + type + " in a spool record");
        };
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("string length " + length + " runs past the end of the spool record");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
