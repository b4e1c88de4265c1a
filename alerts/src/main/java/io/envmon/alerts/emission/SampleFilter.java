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
 * Which samples of one parameter may enter a mean, by their HJ 212 flag (standards.md §5.2). The engine applies
 * the same rule to every point type, with the flags of {@code window.validFlags} (its hourly means are made by
 * {@code HourEvaluator}, which adds the ≥ 45-minute coverage rule of {@code HourlyMeanCalculator}).
 *
 * <p>A value counts when its flag is <b>N</b> (normal), or is one of the valid flags given; by default
 * {@link #VALID_BY_DEFAULT}, N and <b>T</b>. T (above the measuring upper limit) stays because the truth is at
 * least that value: leaving it out would hide the worst hours. Everything else is left out: <b>S</b> is a value
 * set by hand (设定值), not a measurement; F the instrument or source stopped; M maintenance, D fault, C
 * calibration (a calibration gas is not an emission), B communication failure, and unknown letters (vendors add
 * their own; standards.md §5.2 says to treat them as invalid). standards.md §9.8 reads only N as normal data for
 * the national assessment; keeping T is our choice.
 */
public final class SampleFilter {

    /** Flags whose values count by default: N and T ({@code window.validFlags} in config/alert-rules.yaml). */
    public static final List<String> VALID_BY_DEFAULT = List.of(DataFlag.N.name(), DataFlag.T.name());

    private static final Set<String> DEFAULT_SET = Set.copyOf(VALID_BY_DEFAULT);

    private SampleFilter() {
    }

    /** True when a value flagged {@code flag} may enter a mean: N always, else when it is in {@code validFlags}. */
    public static boolean isValid(String flag, Set<String> validFlags) {
        return DataFlag.N.name().equals(flag) || validFlags.contains(flag);
    }

    /** The samples of {@code parameter} flagged N or T, in time order (one per timestamp). */
    public static List<TimedValue> samples(Collection<Reading> readings, String parameter) {
        return samplesFlagged(readings, parameter, DEFAULT_SET);
    }

    /**
     * The samples of {@code parameter} whose flag is valid ({@link #isValid}), in time order, one per timestamp
     * (the later reading in the list wins). Readings without the parameter, or with a non-finite value, are skipped.
     */
    public static List<TimedValue> samplesFlagged(Collection<Reading> readings, String parameter,
                                                  Set<String> validFlags) {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(validFlags, "validFlags");
        TreeMap<Instant, TimedValue> byTime = new TreeMap<>();
        for (Reading reading : readings) {
            Double value = reading.values().get(parameter);
            if (value == null || !Double.isFinite(value) || !isValid(reading.flagOf(parameter), validFlags)) {
                continue;
            }
            byTime.put(reading.ts(), new TimedValue(reading.ts(), value));
        }
        return new ArrayList<>(byTime.values());
    }

    /**
     * The plain mean of the default-valid samples of {@code parameter} in [hourStart, hourStart + 1 h); empty if
     * none. No coverage rule: this helper does not know the reporting interval. The engine's hourly means do apply
     * one (≥ 45 min, {@code HourlyMeanCalculator}).
     */
    public static OptionalDouble hourlyMean(Collection<Reading> readings, String parameter, Instant hourStart) {
        Objects.requireNonNull(hourStart, "hourStart");
        Instant hourEnd = hourStart.plus(Duration.ofHours(1));
        return samples(readings, parameter).stream()
                .filter(s -> !s.ts().isBefore(hourStart) && s.ts().isBefore(hourEnd))
                .mapToDouble(TimedValue::value)
                .average();
    }
}
