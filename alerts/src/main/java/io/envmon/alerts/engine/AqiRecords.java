package io.envmon.alerts.engine;

import io.envmon.alerts.air.DailyMeanCalculator;
import io.envmon.alerts.air.EightHourMeanCalculator;
import io.envmon.alerts.aqi.AqiCategory;
import io.envmon.alerts.aqi.AqiResult;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.HourlyAqi;
import io.envmon.alerts.aqi.HourlyMeans;
import io.envmon.alerts.aqi.Iaqi;
import io.envmon.alerts.aqi.Pollutant;
import io.envmon.alerts.config.StandardsConfig;
import io.envmon.alerts.series.TimedValue;
import io.envmon.alerts.window.HourRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;

/**
 * Builds the hourly AQI record of a station from its evaluated hours with {@link HourlyAqi}: the six 1-h means,
 * and under HJ 633-2012 also the 24-h sliding means of SO2, PM10, PM2.5 and the O3 8-h sliding mean (≥ 20 and ≥ 6
 * hourly means), which that edition's real-time report rates.
 */
final class AqiRecords {

    static final List<String> POLLUTANTS = List.of("so2", "no2", "co", "o3", "pm10", "pm25");
    private static final Duration HOUR = Duration.ofHours(1);

    private AqiRecords() {
    }

    /** The record of {@code hour}, or {@code null} when the hour has no valid pollutant mean. */
    static HourlyAqiRecord build(String station, Instant hour, NavigableMap<Instant, HourRecord> hours,
                                 StandardsConfig standards) {
        HourRecord r = hours.get(hour);
        if (r == null) {
            return null;
        }
        Map<String, Double> oneHour = new LinkedHashMap<>();
        for (String p : POLLUTANTS) {
            Double m = r.means().get(p);
            if (m != null) {
                oneHour.put(p, m);
            }
        }
        if (oneHour.isEmpty()) {
            return null;
        }
        AqiStandard standard = standards.aqiAt(hour);
        HourlyMeans means = HourlyMeans.ofParameters(oneHour);
        if (standard == AqiStandard.HJ633_2012) {
            Instant end = hour.plus(HOUR);
            Instant dayStart = end.minus(Duration.ofHours(24));
            NavigableMap<Instant, HourRecord> day = hours.subMap(dayStart, true, end, false);
            means = means.withSliding24h(daily(day, "so2", dayStart), daily(day, "pm10", dayStart),
                            daily(day, "pm25", dayStart))
                    .withO3Sliding8h(EightHourMeanCalculator.mean(values(day, "o3"), end.minus(Duration.ofHours(8)))
                            .orElse(null));
        }
        AqiResult result = new HourlyAqi(standards.particles2012()).compute(standard, means);
        Map<String, Integer> iaqi = new LinkedHashMap<>();
        result.subIndices().forEach((column, value) -> {
            if (value instanceof Iaqi.Value v) {
                iaqi.merge(column.parameter(), v.value(), Math::max);
            }
        });
        List<String> primary = result.primaryPollutants().stream().map(Pollutant::parameter).distinct().toList();
        OptionalInt category = result.category().isPresent()
                ? OptionalInt.of(result.category().map(AqiCategory::level).orElseThrow()) : OptionalInt.empty();
        return new HourlyAqiRecord(station, hour, standard.code(), result.aqi(), category, primary, iaqi, oneHour,
                result.notes());
    }

    private static Double daily(NavigableMap<Instant, HourRecord> hours, String p, Instant start) {
        return DailyMeanCalculator.mean(values(hours, p), start).orElse(null);
    }

    private static List<TimedValue> values(NavigableMap<Instant, HourRecord> hours, String p) {
        List<TimedValue> out = new ArrayList<>();
        hours.forEach((h, r) -> {
            Double m = r.means().get(p);
            if (m != null) {
                out.add(new TimedValue(h, m));
            }
        });
        return out;
    }
}
