package io.envmon.hj212;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields before {@code CP=}, read <b>by key, in any order</b> (hj212.md §1.3: real devices put MN before
 * PW, PNO before PNUM, QN after CN). Values are kept as sent; widths are not enforced (24-character PWs and
 * 13-digit QNs occur).
 */
final class HeaderParser {

    /** The keys of HJ 212-2017 Table 3 plus the 2025 {@code RF} (hj212.md §1.3, §7), in the standard's order. */
    static final List<String> KNOWN = List.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "RF");

    record Header(Map<String, String> known, Map<String, String> extra) {

        String get(String key) {
            return known.get(key);
        }
    }

    private HeaderParser() {
    }

    static Header parse(String header, ParseContext ctx) {
        Map<String, String> known = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String piece : header.split(";", -1)) {
            if (piece.isBlank()) {
                continue;
            }
            int eq = piece.indexOf('=');
            if (eq < 0) {
                ctx.tolerate("header field '" + piece + "' has no '='", "ignored");
                continue;
            }
            String rawKey = piece.substring(0, eq).trim();
            String value = piece.substring(eq + 1);
            String key = canonical(rawKey, ctx);
            if (key == null) {
                ctx.tolerate("unknown header field '" + rawKey + "'", "kept as an extra header field");
                if (extra.putIfAbsent(rawKey, value) != null) {
                    ctx.note("header field '" + rawKey + "' appears twice; the first value is kept");
                }
            } else if (known.putIfAbsent(key, value) != null) {
                ctx.tolerate("header field '" + key + "' appears twice", "the first value is kept");
            }
        }
        return new Header(known, extra);
    }

    /**
     * The known fields of a header whose frame is being rejected (CRC mismatch), for logs. Never throws: the
     * text may be corrupt.
     */
    static Map<String, String> peek(String segment) {
        int cp = segment.indexOf("CP=");
        String header = cp < 0 ? segment : segment.substring(0, cp);
        try {
            return parse(header, new ParseContext(ParseMode.LENIENT)).known();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String canonical(String key, ParseContext ctx) {
        if (KNOWN.contains(key)) {
            return key;
        }
        for (String k : KNOWN) {
            if (k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                ctx.tolerate("header field '" + key + "' is spelled '" + k + "' in the standard");
                return k;
            }
        }
        return null;
    }
}
