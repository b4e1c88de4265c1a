package io.envmon.alerts.air;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Selects the hourly means (stamped at their hour's start) that fall in a window, one per hour, and averages them.
 *
 * <p>The rules call this for every hour they replay, over a point's whole history of hourly means, so the common
 * input (oldest first, one per hour, as the engine keeps them) is summed in one pass without allocating; only an
 * input out of order or with a repeated hour is first de-duplicated (the later one in the list wins).
 */
final class HourlyWindows {

    private HourlyWindows() {
    }

    /** How many hourly means fall in the window and their mean ({@code NaN} when none). */
    record Stats(int count, double mean) {
    }

    static Stats in(Collection<TimedValue> hourlyMeans, Instant windowStart, Duration length) {
        Objects.requireNonNull(hourlyMeans, "hourlyMeans");
        Objects.requireNonNull(windowStart, "windowStart");
        Instant windowEnd = windowStart.plus(length);
        Sum sum = new Sum();
        Instant previous = null;
        for (TimedValue mean : hourlyMeans) {
            Instant ts = mean.ts();
            if (!ts.isBefore(windowStart) && ts.isBefore(windowEnd)) {
                if (previous != null && !ts.isAfter(previous)) {
                    return deduplicated(hourlyMeans, windowStart, windowEnd);
                }
                sum.add(mean.value());
                previous = ts;
            }
        }
        return sum.stats();
    }

    /** The largest value in the window, or {@code NaN} when none. */
    static double max(Collection<TimedValue> hourlyMeans, Instant windowStart, Duration length) {
        Instant windowEnd = windowStart.plus(length);
        double max = Double.NaN;
        for (TimedValue mean : hourlyMeans) {
            if (!mean.ts().isBefore(windowStart) && mean.ts().isBefore(windowEnd)
                    && (Double.isNaN(max) || mean.value() > max)) {
                max = mean.value();
            }
        }
        return max;
    }

    private static Stats deduplicated(Collection<TimedValue> hourlyMeans, Instant windowStart, Instant windowEnd) {
        TreeMap<Instant, Double> byHour = new TreeMap<>();
        for (TimedValue mean : hourlyMeans) {
            if (!mean.ts().isBefore(windowStart) && mean.ts().isBefore(windowEnd)) {
                byHour.put(mean.ts(), mean.value());
            }
        }
        Sum sum = new Sum();
        byHour.values().forEach(sum::add);
        return sum.stats();
    }

    /** Compensated (Neumaier) summation: the mean of 24 values does not depend on their order in practice. */
    private static final class Sum {
        private int count;
        private double sum;
        private double compensation;

        void add(double v) {
            double t = sum + v;
            compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
            count++;
        }

        Stats stats() {
            return new Stats(count, count == 0 ? Double.NaN : (sum + compensation) / count);
        }
    }
}
