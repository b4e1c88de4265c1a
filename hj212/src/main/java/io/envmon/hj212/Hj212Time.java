package io.envmon.hj212;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * The local times of HJ 212: {@code YYYYMMDDhhmmss} (N14, {@code DataTime}, {@code SystemTime}, hj212.md §4.2) and
 * {@code YYYYMMDDhhmmsszzz} (QN, hj212.md §1.3). Frames carry no zone; the caller says which one (Beijing time for
 * every Chinese device, configurable per device).
 */
public final class Hj212Time {

    private static final DateTimeFormatter N14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter N17 = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
            .withResolverStyle(ResolverStyle.STRICT);

    private Hj212Time() {
    }

    /**
     * Parses 14 digits, or 17 (with milliseconds, seen in real traffic, hj212.md §5) when {@code allowMillis}.
     *
     * @throws DateTimeException when the text is not such a time
     */
    public static LocalDateTime parseLocal(String text, boolean allowMillis) {
        if (text == null || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DateTimeException("not a YYYYMMDDhhmmss time: '" + text + "'");
        }
        if (text.length() == 14) {
            return LocalDateTime.parse(text, N14);
        }
        if (text.length() == 17 && allowMillis) {
            return LocalDateTime.parse(text, N17);
        }
        throw new DateTimeException("not a YYYYMMDDhhmmss time (" + text.length() + " digits): '" + text + "'");
    }

    public static Instant parse(String text, ZoneId zone, boolean allowMillis) {
        return parseLocal(text, allowMillis).atZone(zone).toInstant();
    }

    /** {@code YYYYMMDDhhmmss} in the zone, for {@code DataTime}. */
    public static String format(Instant instant, ZoneId zone) {
        return N14.format(instant.atZone(zone));
    }

    /** {@code YYYYMMDDhhmmsszzz} in the zone: a QN for a new command (hj212.md §1.3). */
    public static String qn(Instant instant, ZoneId zone) {
        return N17.format(instant.atZone(zone));
    }
}
