package io.envmon.ingest.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The line protocol of one batch as {@link InfluxPointWriter} sends it: one text per precision (readings in
 * milliseconds, dead-letter rows in nanoseconds; either may be empty), {@code lines} lines in all. The durable
 * spool keeps these same texts and writes them back unchanged (docs/adr/0007-durable-spool.md).
 */
public record LineBatch(String millis, String nanos, int lines) {

    /** The lines {@link LineProtocol} writes for the points (a point without fields has none). */
    public static LineBatch of(List<StorePoint> points) {
        StringBuilder millis = new StringBuilder(points.size() * 64);
        StringBuilder nanos = new StringBuilder();
        int lines = 0;
        for (StorePoint p : points) {
            if (LineProtocol.append(p.nanos() ? nanos : millis, p)) {
                lines++;
            }
        }
        return new LineBatch(millis.toString(), nanos.toString(), lines);
    }

    /** Texts made by {@link #of} (or joined from them), counting their lines. */
    public static LineBatch of(String millis, String nanos) {
        return new LineBatch(millis, nanos, split(millis).size() + split(nanos).size());
    }

    public boolean isEmpty() {
        return lines == 0;
    }

    /** One batch of them all: their lines in order, per precision. */
    public static LineBatch join(List<LineBatch> batches) {
        StringBuilder millis = new StringBuilder();
        StringBuilder nanos = new StringBuilder();
        int lines = 0;
        for (LineBatch b : batches) {
            append(millis, b.millis);
            append(nanos, b.nanos);
            lines += b.lines;
        }
        return new LineBatch(millis.toString(), nanos.toString(), lines);
    }

    /**
     * Two batches of about half the lines each (the precisions apart first), to find the line InfluxDB refuses.
     *
     * @throws IllegalStateException for a batch of one line or none
     */
    public List<LineBatch> halves() {
        if (lines < 2) {
            throw new IllegalStateException("a batch of " + lines + " line(s) has no halves");
        }
        if (!millis.isEmpty() && !nanos.isEmpty()) {
            return List.of(of(millis, ""), of("", nanos));
        }
        boolean inMillis = !millis.isEmpty();
        List<String> all = split(inMillis ? millis : nanos);
        String first = String.join("\n", all.subList(0, all.size() / 2));
        String second = String.join("\n", all.subList(all.size() / 2, all.size()));
        return inMillis
                ? List.of(new LineBatch(first, "", all.size() / 2), new LineBatch(second, "", all.size() - all.size() / 2))
                : List.of(new LineBatch("", first, all.size() / 2), new LineBatch("", second, all.size() - all.size() / 2));
    }

    /**
     * The lines of a text {@link LineProtocol} wrote. Not a plain split on newlines: a string field keeps a newline
     * as it is (only {@code "} and {@code \} are escaped there), so a newline ends a line only after the field set,
     * in the timestamp.
     */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int section = 0; // 0: measurement and tags, 1: fields, 2: timestamp
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && section < 2) {
                i++; // the escaped character, whatever it is
            } else if (section == 1 && c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted && section < 2) {
                section++;
            } else if (c == '\n' && section == 2) {
                out.add(text.substring(start, i));
                start = i + 1;
                section = 0;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static void append(StringBuilder out, String text) {
        if (!text.isEmpty()) {
            out.append(out.isEmpty() ? "" : "\n").append(text);
        }
    }
}
