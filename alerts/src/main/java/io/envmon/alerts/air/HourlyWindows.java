package io.envmon.alerts.air;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** Selects the hourly means (stamped at their hour's start) that fall in a window, one per hour. */
final class HourlyWindows {

    private HourlyWindows() {
    }

    static List<TimedValue> in(Collection<TimedValue> hourlyMeans, Instant windowStart, Duration length) {
        Objects.requireNonNull(hourlyMeans, "hourlyMeans");
        Objects.requireNonNull(windowStart, "windowStart");
        Instant windowEnd = windowStart.plus(length);
        TreeMap<Instant, TimedValue> byHour = new TreeMap<>();
        for (TimedValue mean : hourlyMeans) {
            if (!mean.ts().isBefore(windowStart) && mean.ts().isBefore(windowEnd)) {
                byHour.put(mean.ts(), mean);
            }
        }
        return new ArrayList<>(byHour.values());
    }

    static double average(List<TimedValue> values) {
        return values.stream().mapToDouble(TimedValue::value).average().orElseThrow();
    }
}
