package io.envmon.alerts.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the rules file: a whole number and a unit, {@code 90s}, {@code 10m}, {@code 2h},
 * {@code 1d}, or ISO-8601 ({@code PT10M}). Written back in the largest unit that is exact.
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("^(\\d+)\\s*(s|m|h|d)$");

    private DurationText() {
    }

    /** @throws IllegalArgumentException saying what is accepted */
    public static Duration parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (t.startsWith("pt") || t.startsWith("p")) {
                try {
                    return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    // fall through to the common message
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 10m, 2h, 1d or PT10M");
    }

    /** {@code 2h}, {@code 90m}, {@code 45s}, {@code 0s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
