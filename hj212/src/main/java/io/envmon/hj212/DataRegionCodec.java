package io.envmon.hj212;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data region ({@code CP=&&...&&}) of HJ 212 (hj212.md §4.1): items {@code key=value} separated by {@code ;}
 * (between items) and {@code ,} (between values of one item), factor keys {@code code-Suffix}.
 *
 * <p>Parsing rules (hj212.md §4.1, all from real samples): both separators are accepted anywhere (the standard
 * itself mixes them for {@code BeginTime,EndTime}); empty items and a trailing {@code ;} are ignored; values may be
 * empty; the code is split from the suffix at the <b>last</b> {@code -} ({@code Nh3-scr-Rtd}); factor fields are
 * grouped by code whatever their order; a value that starts with {@code //} runs to the {@code //} that is followed
 * by a separator or the end, so Info texts may contain {@code ; , =} (hj212.md §4.2 {@code xxxxxx-Info}); unknown
 * codes and keys are kept. Strict mode rejects an item without {@code =} and a DataTime that is not 14 digits.
 */
public final class DataRegionCodec {

    private DataRegionCodec() {
    }

    static DataRegion parse(String cp, ZoneId zone, ParseContext ctx) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
        int n = cp.length();
        int pos = 0;
        while (pos < n) {
            int sep = nextSeparator(cp, pos);
            int eq = cp.indexOf('=', pos);
            if (eq < 0 || eq > sep) {
                String item = cp.substring(pos, sep).trim();
                if (!item.isEmpty()) {
                    ctx.tolerate("data region item '" + item + "' has no '='", "ignored");
                }
                pos = sep + 1;
                continue;
            }
            String key = cp.substring(pos, eq).trim();
            int valueStart = skipSpaces(cp, eq + 1);
            String value;
            int end;
            if (cp.startsWith("//", valueStart)) {
                int close = closingSlashes(cp, valueStart + 2);
                if (close < 0) {
                    ctx.tolerate("the text of '" + key + "' has no closing '//'", "taken to the end of the region");
                    value = cp.substring(valueStart + 2);
                    end = n;
                } else {
                    value = cp.substring(valueStart + 2, close);
                    end = nextSeparator(cp, close + 2);
                }
            } else {
                value = cp.substring(eq + 1, sep).trim();
                end = sep;
            }
            if (key.isEmpty()) {
                ctx.tolerate("data region item '=" + value + "' has no name", "ignored");
            } else {
                put(key, value, plain, byCode, ctx);
            }
            pos = end + 1;
        }
        List<PollutantValues> pollutants = new ArrayList<>();
        byCode.forEach((code, values) -> pollutants.add(new PollutantValues(code, values)));
        return new DataRegion(dataTime(plain.get(DataRegion.DATA_TIME), zone, ctx), plain, pollutants);
    }

    /** The text of a data region, plain fields first, then one {@code ;}-separated group per factor. */
    public static String encode(DataRegion region, ZoneId zone) {
        List<String> items = new ArrayList<>();
        if (region.dataTime() != null && !region.plainFields().containsKey(DataRegion.DATA_TIME)) {
            items.add(DataRegion.DATA_TIME + "=" + Hj212Time.format(region.dataTime(), zone));
        }
        region.plainFields().forEach((k, v) -> items.add(k + "=" + quote(v, false)));
        for (PollutantValues p : region.pollutants()) {
            List<String> fields = new ArrayList<>();
            p.values().forEach((suffix, v) ->
                    fields.add(p.code() + "-" + suffix + "=" + quote(v, PollutantValues.INFO.equals(suffix))));
            items.add(String.join(",", fields));
        }
        return String.join(";", items);
    }

    /** {@code DataTime=...;code-Suffix=v,code-Suffix=v;...}: what an upload's CP carries. */
    public static String encode(Instant dataTime, ZoneId zone, List<PollutantValues> pollutants) {
        return encode(new DataRegion(dataTime, Map.of(), pollutants), zone);
    }

    private static void put(String key, String value, Map<String, String> plain,
                            Map<String, Map<String, String>> byCode, ParseContext ctx) {
        int dash = key.lastIndexOf('-');
        if (dash > 0 && dash < key.length() - 1) {
            String code = key.substring(0, dash);
            String suffix = key.substring(dash + 1);
            Map<String, String> values = byCode.computeIfAbsent(code, c -> new LinkedHashMap<>());
            if (values.putIfAbsent(suffix, value) != null) {
                ctx.note("'" + key + "' appears twice; the first value is kept");
            }
        } else if (plain.putIfAbsent(key, value) != null) {
            ctx.note("'" + key + "' appears twice; the first value is kept");
        }
    }

    private static Instant dataTime(String text, ZoneId zone, ParseContext ctx) {
        if (text == null) {
            return null;
        }
        try {
            // 17 digits (with milliseconds) are a real-world deviation (hj212.md §5)
            Instant t = Hj212Time.parse(text.trim(), zone, !ctx.strict());
            if (text.trim().length() == 17) {
                ctx.note("DataTime has 17 digits; milliseconds kept");
            }
            return t;
        } catch (DateTimeException e) {
            ctx.tolerate("DataTime '" + text + "' is not a YYYYMMDDhhmmss time", "no data time");
            return null;
        }
    }

    /** Wraps a value in {@code //} when it could not be read back otherwise (Info texts always are, as logged). */
    private static String quote(String value, boolean info) {
        boolean needs = info || value.indexOf(';') >= 0 || value.indexOf(',') >= 0 || value.contains("&&")
                || value.startsWith("//");
        return needs ? "//" + value + "//" : value;
    }

    private static int nextSeparator(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == ',') {
                return i;
            }
        }
        return s.length();
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The {@code //} that closes a text: followed, after optional spaces, by a separator or the end. */
    private static int closingSlashes(String s, int from) {
        for (int j = s.indexOf("//", from); j >= 0; j = s.indexOf("//", j + 1)) {
            int after = skipSpaces(s, j + 2);
            if (after == s.length() || s.charAt(after) == ';' || s.charAt(after) == ',') {
                return j;
            }
        }
        return -1;
    }
}
