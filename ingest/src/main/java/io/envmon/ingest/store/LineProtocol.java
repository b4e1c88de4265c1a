package io.envmon.ingest.store;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes {@link StorePoint}s as InfluxDB line protocol, straight into one buffer per batch: what
 * influxdb-client-java's {@code Point} writes (tags and fields sorted by key, the same escaping and value types;
 * tags with an empty value and non-finite numbers left out, a point without fields skipped), without building a
 * {@code Point}, its maps and a number formatter per reading. The client still sends the batch
 * ({@code WriteApiBlocking.writeRecord}): retries, authentication and the v1/v2 wire stay where they were.
 */
public final class LineProtocol {

    private LineProtocol() {
    }

    /**
     * Appends one line (and a newline before it when the buffer is not empty).
     *
     * @return false when the point has no field to write (nothing appended)
     */
    public static boolean append(StringBuilder out, StorePoint p) {
        String[] fieldKeys = sortedKeys(p.fields());
        int start = out.length();
        if (start > 0) {
            out.append('\n');
        }
        escape(out, p.measurement(), false);
        for (String key : sortedKeys(p.tags())) {
            String value = p.tags().get(key);
            if (key.isEmpty() || value == null || value.isEmpty()) {
                continue;
            }
            out.append(',');
            escape(out, key, true);
            out.append('=');
            escape(out, value, true);
        }
        boolean first = true;
        for (String key : fieldKeys) {
            Object value = p.fields().get(key);
            if (value == null || !writable(value)) {
                continue;
            }
            out.append(first ? ' ' : ',');
            first = false;
            escape(out, key, true);
            out.append('=');
            value(out, value);
        }
        if (first) {
            out.setLength(start);
            return false;
        }
        out.append(' ').append(p.time());
        return true;
    }

    private static String[] sortedKeys(Map<String, ?> map) {
        String[] keys = map.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }

    private static boolean writable(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        return true;
    }

    private static void value(StringBuilder out, Object value) {
        if (value instanceof Double || value instanceof Float) {
            out.append(value); // shortest decimal that reads back as the same number; a float to InfluxDB
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value).append('i');
        } else if (value instanceof Number n) {
            out.append(n instanceof java.math.BigDecimal b ? b.toPlainString() : n.toString());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else {
            String s = value.toString();
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == '"') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
    }

    /** Measurement ({@code equals} false): space and comma; keys and tag values: also {@code =}. */
    private static void escape(StringBuilder out, String s, boolean equals) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ', ',' -> out.append('\\').append(c);
                case '=' -> {
                    if (equals) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
    }
}
