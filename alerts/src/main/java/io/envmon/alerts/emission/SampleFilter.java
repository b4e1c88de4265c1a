package io.envmon.alerts.emission;

import io.envmon.alerts.series.TimedValue;
import io.envmon.model.DataFlag;
import io.envmon.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks the samples of one parameter that may enter an outlet's mean. Readings flagged <b>F</b> are excluded:
 * HJ 212-2017 "instrument stopped", HJ/T 212-2005 "emission source stopped" (standards.md §5.2); a stopped
 * source is not emitting and its values are not emissions. Other flags (M maintenance, D fault, C calibration,
 * B communication) are data-quality matters: pass them in {@code excludedFlags} to drop them too.
 *
 * <p>The hourly mean here is the arithmetic mean of the samples stamped in the hour, one per timestamp. No
 * minimum-coverage rule for emission hourly means is encoded (HJ 75 has one; it is not in standards.md).
 */
public final class SampleFilter {

    /** Flags excluded by default: F. */
    public static final Set<String> EXCLUDED_BY_DEFAULT = Set.of(DataFlag.F.name());

    private SampleFilter() {
    }

    /** The samples of {@code parameter}, without those flagged F, in time order (one per timestamp). */
    public static List<TimedValue> samples(Collection<Reading> readings, String parameter) {
        return samples(readings, parameter, EXCLUDED_BY_DEFAULT);
    }

    /**
     * The samples of {@code parameter} whose flag is not in {@code excludedFlags}, in time order, one per
     * timestamp (the later reading in the list wins). Readings without the parameter, or with a non-finite value,
     * are skipped.
     */
    public static List<TimedValue> samples(Collection<Reading> readings, String parameter, Set<String> excludedFlags) {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(excludedFlags, "excludedFlags");
        TreeMap<Instant, TimedValue> byTime = new TreeMap<>();
        for (Reading reading : readings) {
            Double value = reading.values().get(parameter);
            if (value == null || !Double.isFinite(value) || excludedFlags.contains(reading.flagOf(parameter))) {
                continue;
            }
            byTime.put(reading.ts(), new TimedValue(reading.ts(), value));
        }
        return new ArrayList<>(byTime.values());
    }

    /** The mean of the readings of {@code parameter} in [hourStart, hourStart + 1 h), F excluded; empty if none. */
    public static OptionalDouble hourlyMean(Collection<Reading> readings, String parameter, Instant hourStart) {
        Objects.requireNonNull(hourStart, "hourStart");
        Instant hourEnd = hourStart.plus(Duration.ofHours(1));
        return samples(readings, parameter).stream()
                .filter(s -> !s.ts().isBefore(hourStart) && s.ts().isBefore(hourEnd))
                .mapToDouble(TimedValue::value)
                .average();
    }
}
