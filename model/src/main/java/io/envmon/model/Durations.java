package io.envmon.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way every configuration file, environment variable and command-line option of envmon writes a duration
 * (docs/configuration.md, "Durations"): one or more parts of a number and a unit ({@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 2h}, {@code 1d}, {@code 1.5h}, {@code 1h30m}), or ISO-8601 ({@code PT10M}, {@code P1D}).
 * Units and the ISO letters may be written in either case; no spaces inside. A decimal part is rounded to the
 * millisecond. Never negative: a setting that takes a sign reads it itself.
 */
public final class Durations {

    /** What an error message shows as the accepted forms. */
    public static final String EXAMPLES = "500ms, 30s, 10m, 2h, 1d, 1.5h, 1h30m or PT10M";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern PARTS = Pattern.compile("(?:" + PART.pattern() + ")+");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a duration of this grammar; the message quotes the
     *                                  text and shows {@link #EXAMPLES}, callers usually put the setting's name
     *                                  before it or write a message of their own
     */
    public static Duration parse(String text) {
        Duration d = text == null ? null : read(text.trim().toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as " + EXAMPLES);
        }
        return d;
    }

    /**
     * In the largest unit that is exact: {@code 1d}, {@code 2h}, {@code 90m}, {@code 45s}, {@code 500ms},
     * {@code 0s}. Sub-millisecond durations (only ISO-8601 can write them) come back in ISO-8601.
     */
    public static String format(Duration d) {
        if (d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
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

    /** The duration, or {@code null} when the (trimmed, lower-case) text is none. */
    private static Duration read(String t) {
        if (t.startsWith("p")) {
            try {
                Duration iso = Duration.parse(t.toUpperCase(Locale.ROOT));
                return iso.isNegative() ? null : iso;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (!PARTS.matcher(t).matches()) {
            return null;
        }
        try {
            BigDecimal millis = BigDecimal.ZERO;
            Matcher part = PART.matcher(t);
            while (part.find()) {
                long unit = switch (part.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    case "h" -> 3_600_000;
                    default -> 86_400_000;
                };
                millis = millis.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
            }
            return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException tooLong) {
            return null;
        }
    }
}
