package io.envmon.alerts.air;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The 24-h (daily) mean of one parameter and its validity: GB 3095 §6 / Table 4 (standards.md §2.2): a 24-h or
 * daily mean of SO2, NO2, CO, PM10, PM2.5 or NOx is valid with <b>at least 20 hourly means</b> in the day.
 *
 * <p>Input: the valid hourly means, each stamped at the start of its hour. The window is
 * {@code [windowStart, windowStart + 24 h)}: pass local midnight (Beijing time) for the natural day of
 * GB 3095-2026 §3.10, or {@code hourEnd − 24 h} for the 24-h sliding mean of the HJ 633-2012 real-time report.
 * One mean per hour counts (a duplicate hour counts once, the later one in the list wins). The daily mean is the
 * arithmetic mean of the hourly means present.
 */
public final class DailyMeanCalculator {

    /** GB 3095 Table 4: ≥ 20 hourly means per day. */
    public static final int MIN_HOURLY_MEANS = 20;

    private static final Duration DAY = Duration.ofHours(24);

    private DailyMeanCalculator() {
    }

    /** The valid mean of the 24 h starting at {@code windowStart}, or empty when fewer than 20 hourly means. */
    public static Optional<Double> mean(Collection<TimedValue> hourlyMeans, Instant windowStart) {
        HourlyWindows.Stats inDay = HourlyWindows.in(hourlyMeans, windowStart, DAY);
        return inDay.count() < MIN_HOURLY_MEANS ? Optional.empty() : Optional.of(inDay.mean());
    }

    /** How many hourly means fall in the 24 h starting at {@code windowStart}. */
    public static int count(Collection<TimedValue> hourlyMeans, Instant windowStart) {
        return HourlyWindows.in(hourlyMeans, windowStart, DAY).count();
    }
}
