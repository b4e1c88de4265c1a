package io.envmon.alerts.air;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The O3 8-hour sliding mean and the daily maximum 8-h mean: GB 3095-2026 §3.8–3.9 and Table 4 (standards.md
 * §2.2). An 8-h mean is the mean of 8 consecutive hourly means and is valid with <b>at least 6 hourly means</b>
 * in the 8 h.
 *
 * <p>Input: valid hourly means stamped at the start of their hour; one per hour counts. The window starting at
 * {@code windowStart} covers the hours {@code [windowStart, windowStart + 8 h)}; the 8-h sliding mean "at" the
 * hour ending at {@code t} is the window starting at {@code t − 8 h}.
 *
 * <p>Daily maximum (日最大8小时平均, §3.9: "the largest 8-h sliding mean in a natural day"): our reading is the
 * 17 windows that lie inside the natural day, i.e. those ending at 08:00, 09:00, … 24:00 (HJ 663's convention,
 * not re-verified here); only valid windows compete. Empty when none is valid.
 */
public final class EightHourMeanCalculator {

    /** GB 3095 Table 4: ≥ 6 hourly means in each 8 h. */
    public static final int MIN_HOURLY_MEANS = 6;

    private static final Duration EIGHT_HOURS = Duration.ofHours(8);
    private static final int WINDOWS_PER_DAY = 17;

    private EightHourMeanCalculator() {
    }

    /** The valid 8-h mean of the window starting at {@code windowStart}, or empty when fewer than 6 hourly means. */
    public static Optional<Double> mean(Collection<TimedValue> hourlyMeans, Instant windowStart) {
        HourlyWindows.Stats inWindow = HourlyWindows.in(hourlyMeans, windowStart, EIGHT_HOURS);
        return inWindow.count() < MIN_HOURLY_MEANS ? Optional.empty() : Optional.of(inWindow.mean());
    }

    /** The largest valid 8-h mean among the windows inside the natural day starting at {@code dayStart}. */
    public static Optional<Double> dailyMax(Collection<TimedValue> hourlyMeans, Instant dayStart) {
        Optional<Double> max = Optional.empty();
        for (int h = 0; h < WINDOWS_PER_DAY; h++) {
            Optional<Double> window = mean(hourlyMeans, dayStart.plus(Duration.ofHours(h)));
            if (window.isPresent() && (max.isEmpty() || window.get() > max.get())) {
                max = window;
            }
        }
        return max;
    }
}
