package io.envmon.alerts.aqi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An AQI report (HJ 633-2012 §4–§5 / HJ 633-2026 §4–§5) for one station and one period.
 *
 * @param standard          the HJ 633 edition applied
 * @param report            real-time (hourly) or daily
 * @param aqi               the AQI (Eq. 2: the largest IAQI), or empty when it is not published
 *                          ({@code NA}, HJ 633-2026 §5.3; or nothing could be rated)
 * @param category          the category of {@code aqi}; empty exactly when {@code aqi} is
 * @param primaryPollutants 首要污染物: the columns whose IAQI equals the AQI, all of them on a tie, in
 *                          {@link Pollutant} order; empty when AQI ≤ 50 or when the AQI is not published
 *                          (2012 §4.4.2; 2026 §4.3.1)
 * @param subIndices        every column rated, in {@link Pollutant} order: values and the 2012 "not computed" notes;
 *                          still reported when the AQI is {@code NA} (2026 §5.3 publishes the IAQIs)
 * @param missing           columns the report needs but whose mean was not given (missing or invalid)
 * @param notes             why the result is what it is, in words (rule choices, NA reasons), for logs and audit
 */
public record AqiResult(AqiStandard standard, Report report, OptionalInt aqi, Optional<AqiCategory> category,
                        List<Pollutant> primaryPollutants, Map<Pollutant, Iaqi> subIndices, Set<Pollutant> missing,
                        List<String> notes) {

    /** Which report: 实时报 (hourly) or 日报. */
    public enum Report {
        REAL_TIME,
        DAILY
    }

    public AqiResult {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(aqi, "aqi");
        Objects.requireNonNull(category, "category");
        if (aqi.isPresent() != category.isPresent()) {
            throw new IllegalArgumentException("category must be present exactly when the AQI is");
        }
        primaryPollutants = List.copyOf(primaryPollutants);
        subIndices = Collections.unmodifiableMap(new LinkedHashMap<>(subIndices));
        missing = Set.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /** True when the AQI is not published ({@code NA}). */
    public boolean isNa() {
        return aqi.isEmpty();
    }

    /** True when every column the report needs was rated. */
    public boolean isComplete() {
        return missing.isEmpty();
    }

    /** The IAQI of a column, empty when it was not rated or not computed. */
    public OptionalInt iaqi(Pollutant pollutant) {
        return subIndices.get(pollutant) instanceof Iaqi.Value v ? OptionalInt.of(v.value()) : OptionalInt.empty();
    }

    /** The IAQI values only (the {@code Value} sub-indices), in {@link Pollutant} order, e.g. for storage. */
    public Map<Pollutant, Integer> iaqiValues() {
        Map<Pollutant, Integer> values = new LinkedHashMap<>();
        subIndices.forEach((p, i) -> {
            if (i instanceof Iaqi.Value v) {
                values.put(p, v.value());
            }
        });
        return Collections.unmodifiableMap(values);
    }
}
