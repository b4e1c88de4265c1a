package io.envmon.alerts.air;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The 1-hour mean of one parameter and its validity: GB 3095 §6 / Table 4 (standards.md §2.2): a 1-h mean of
 * SO2, NO2, CO, O3 or NOx is valid with <b>at least 45 minutes of sampling in the hour</b>. The same rule is
 * applied to PM10 and PM2.5 1-h means (GB 3095 Table 4 has no 1-h row for particles; HJ 633-2026 rates PM on
 * 1-h means, so they need one).
 *
 * <p>Precisely:
 * <ul>
 *   <li>The hour is {@code [hourStart, hourStart + 1 h)}. Its samples are those stamped inside it.</li>
 *   <li>Each sample stands for the period that <b>starts</b> at its timestamp and lasts the station's expected
 *       reporting interval: it covers {@code [ts, ts + expectedInterval)}, clipped to the hour.</li>
 *   <li>The sampling time is the length of the union of those periods (overlaps and duplicates count once; a
 *       gap counts nothing). The mean is valid when the sampling time is ≥ 45 min.</li>
 *   <li>One value per timestamp: a redelivered reading counts once (the later one in the list wins).</li>
 *   <li>The mean is the arithmetic mean of the hour's values (equal weights, as for regularly spaced samples).</li>
 * </ul>
 * Samples must already exclude invalid data (fault, calibration, maintenance flags…): that is the caller's
 * filter. Example: minute data (interval 1 min) need 45 samples; 5-minute data need 9.
 */
public final class HourlyMeanCalculator {

    /** GB 3095 Table 4: ≥ 45 minutes of sampling in the hour. */
    public static final Duration MIN_SAMPLING = Duration.ofMinutes(45);

    private static final Duration HOUR = Duration.ofHours(1);

    private HourlyMeanCalculator() {
    }

    /** The valid 1-h mean of {@code samples} for the hour starting at {@code hourStart}, or empty when &lt; 45 min. */
    public static Optional<Double> mean(Collection<TimedValue> samples, Instant hourStart, Duration expectedInterval) {
        List<TimedValue> inHour = inHour(samples, hourStart);
        if (sampling(inHour, hourStart, expectedInterval).compareTo(MIN_SAMPLING) < 0) {
            return Optional.empty();
        }
        return Optional.of(inHour.stream().mapToDouble(TimedValue::value).average().orElseThrow());
    }

    /** The sampling time the samples give the hour starting at {@code hourStart} (0 to 60 min). */
    public static Duration sampling(Collection<TimedValue> samples, Instant hourStart, Duration expectedInterval) {
        return sampling(inHour(samples, hourStart), hourStart, expectedInterval);
    }

    /** True when {@code sampling} is enough for a valid 1-h mean (≥ 45 min). */
    public static boolean isValid(Duration sampling) {
        return sampling.compareTo(MIN_SAMPLING) >= 0;
    }

    private static Duration sampling(List<TimedValue> sortedInHour, Instant hourStart, Duration expectedInterval) {
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        if (expectedInterval.isNegative() || expectedInterval.isZero() || expectedInterval.compareTo(HOUR) > 0) {
            throw new IllegalArgumentException("expected interval must be > 0 and ≤ 1 h, not " + expectedInterval);
        }
        long[] offsets = new long[sortedInHour.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Duration.between(hourStart, sortedInHour.get(i).ts()).toNanos();
        }
        return Duration.ofNanos(covered(offsets, offsets.length, expectedInterval.toNanos(), HOUR.toNanos()));
    }

    /**
     * The sampling time of samples at {@code offsets} (from the hour's start, ascending, one per timestamp, any
     * unit): the length of the union of {@code [offset, offset + step)} clipped to {@code [0, hour)}. The one place
     * of the rule; {@code HourEvaluator} calls it with millisecond offsets read straight from its columns.
     */
    public static long covered(long[] offsets, int n, long step, long hour) {
        long total = 0;
        long coveredUpTo = 0;
        for (int i = 0; i < n; i++) {
            long from = Math.max(offsets[i], coveredUpTo);
            long to = Math.min(offsets[i] + step, hour);
            if (to > from) {
                total += to - from;
                coveredUpTo = to;
            }
        }
        return total;
    }

    /** The samples stamped in [hourStart, hourStart + 1 h), one per timestamp, in time order. */
    private static List<TimedValue> inHour(Collection<TimedValue> samples, Instant hourStart) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(hourStart, "hourStart");
        Instant hourEnd = hourStart.plus(HOUR);
        TreeMap<Instant, TimedValue> byTime = new TreeMap<>();
        for (TimedValue sample : samples) {
            if (!sample.ts().isBefore(hourStart) && sample.ts().isBefore(hourEnd)) {
                byTime.put(sample.ts(), sample);
            }
        }
        return new ArrayList<>(byTime.values());
    }
}
