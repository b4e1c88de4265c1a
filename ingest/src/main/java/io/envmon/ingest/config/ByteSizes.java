package io.envmon.ingest.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in settings: a whole number of bytes, or with a binary unit {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}. */
final class ByteSizes {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final long TIB = 1L << 40;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|b|kib|mib|gib|tib)");

    private ByteSizes() {
    }

    /** @return the size, or 0 after adding a problem naming {@code setting} */
    static long parse(Setting setting, String value, List<String> problems) {
        Matcher m = value == null ? null : SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            problems.add(setting.label() + ": '" + value + "' is not a size (bytes, or e.g. 512MiB, 2GiB)");
            return 0;
        }
        int shift = switch (m.group(2)) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            problems.add(setting.label() + ": '" + value + "' is too large");
            return 0;
        }
    }
}
