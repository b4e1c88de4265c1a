package io.envmon.simulator.values;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Local solar-ish time in the district (China Standard Time, UTC+8, no daylight saving), which is what diurnal
 * and seasonal cycles follow. Pure functions of the instant.
 */
final class ChinaTime {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private ChinaTime() {
    }

    /** Hour of day with fraction, 0 ≤ h < 24. */
    static double hourOfDay(Instant ts) {
        // whole seconds, as the calendar fields would give; UTC+8 has no daylight saving to trip over
        long secondOfDay = Math.floorMod(ts.getEpochSecond() + 8 * 3600, 86_400);
        return secondOfDay / 3600.0;
    }

    static int dayOfYear(Instant ts) {
        return localDate(ts).getDayOfYear();
    }

    /** The local date; cheaper than an OffsetDateTime, and models ask for it at every reading. */
    static LocalDate localDate(Instant ts) {
        return LocalDate.ofEpochDay(Math.floorDiv(ts.getEpochSecond() + 8 * 3600, 86_400));
    }

    /** Days since the epoch with fraction, for cycles longer than a day. */
    static double days(Instant ts) {
        return ts.toEpochMilli() / 86_400_000.0;
    }

    /** 1 in mid-January, 0 in mid-July: how far into winter the date is. */
    static double winterness(Instant ts) {
        return 0.5 + 0.5 * Math.cos(2 * Math.PI * (dayOfYear(ts) - 15) / 365.0);
    }

    static DayOfWeek dayOfWeek(Instant ts) {
        return localDate(ts).getDayOfWeek();
    }

    static boolean weekend(Instant ts) {
        DayOfWeek day = dayOfWeek(ts);
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** Whole hours since the epoch: the grain of shift and maintenance calendars. */
    static long epochHour(Instant ts) {
        return Math.floorDiv(ts.toEpochMilli(), 3_600_000L);
    }

    /** Shanxi's public heating season runs from 15 November to 15 March; coal burning rises sharply in it. */
    static boolean heatingSeason(Instant ts) {
        LocalDate local = localDate(ts);
        int month = local.getMonthValue();
        int day = local.getDayOfMonth();
        return month == 12 || month <= 2 || (month == 11 && day >= 15) || (month == 3 && day <= 15);
    }

    /** A smooth bump centred on {@code peakHour} with the given width in hours, wrapping around midnight. */
    static double bump(double hour, double peakHour, double widthHours) {
        double d = Math.abs(hour - peakHour);
        d = Math.min(d, 24 - d);
        return Math.exp(-(d * d) / (2 * widthHours * widthHours));
    }

    /** A daily cosine with its maximum (1) at {@code peakHour} and minimum (−1) twelve hours later. */
    static double daily(double hour, double peakHour) {
        return Math.cos(2 * Math.PI * (hour - peakHour) / 24.0);
    }

    /**
     * −1 at {@code minHour}, rising along a half cosine to 1 at {@code maxHour}, falling back along another to the
     * next day's minimum: a daily cycle whose rise and fall take different times (DO: lowest before dawn, highest
     * mid-afternoon).
     */
    static double skewedDaily(double hour, double minHour, double maxHour) {
        double rise = ((maxHour - minHour) % 24 + 24) % 24;
        double since = ((hour - minHour) % 24 + 24) % 24;
        return since <= rise ? -Math.cos(Math.PI * since / rise) : Math.cos(Math.PI * (since - rise) / (24 - rise));
    }
}
