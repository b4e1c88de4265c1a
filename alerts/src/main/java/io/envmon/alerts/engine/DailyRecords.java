package io.envmon.alerts.engine;

import io.envmon.alerts.air.DailyMeanCalculator;
import io.envmon.alerts.air.EightHourMeanCalculator;
import io.envmon.alerts.air.Gb3095;
import io.envmon.alerts.air.Gb3095Grade;
import io.envmon.alerts.aqi.AqiCategory;
import io.envmon.alerts.aqi.AqiResult;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.DailyAqi;
import io.envmon.alerts.aqi.DailyMeans;
import io.envmon.alerts.aqi.Iaqi;
import io.envmon.alerts.aqi.Pollutant;
import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.HeavyPollutionConfig;
import io.envmon.alerts.series.TimedValue;
import io.envmon.alerts.window.HourRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The daily AQI records (日报, HJ 633; docs/alerts.md#daily-aqi): a station's natural day (Beijing time) is rated
 * from its closed hours once the station has closed the day's last hour, and again when a re-evaluated hour of a
 * closed day changes it; the district's day is the daily AQI of the district stations' daily values averaged per
 * pollutant (as {@link io.envmon.alerts.rules.HeavyPollutionRule} rates the district), given when the district rule
 * runs. Only what changed is given out: the records given are kept for the days the stations' history covers.
 */
final class DailyRecords {

    private static final Duration DAY = Duration.ofHours(24);
    private static final List<String> DAILY_MEANS = List.of("so2", "no2", "co", "pm10", "pm25");
    /** The stored name of the HJ 633-2012 daily maximum 1-h O3 mean (its 7th daily indicator). */
    static final String O3_MAX_1H = "o3_1h_max";
    private static final DailyAqi DAILY_AQI = new DailyAqi();

    private final AlertRulesConfig config;
    private final Counters counters;
    /** Per station, the records given out, by day start. */
    private final Map<String, TreeMap<Instant, DailyAqiRecord>> given = new HashMap<>();
    /** Per station, days with a changed hour, waiting for the day to be closed. */
    private final Map<String, TreeSet<Instant>> dirty = new HashMap<>();
    private final TreeMap<Instant, DailyAqiRecord> districtGiven = new TreeMap<>();
    private final TreeSet<Instant> districtDirty = new TreeSet<>();

    DailyRecords(AlertRulesConfig config, Counters counters) {
        this.config = config;
        this.counters = counters;
    }

    /** A station's record of the hour starting at {@code hour} changed. */
    void hourChanged(String station, Instant hour) {
        dirty.computeIfAbsent(station, s -> new TreeSet<>()).add(DailyAqiRecord.dayStartOf(hour));
    }

    /**
     * Rates the station's changed days that it has closed ({@code st.closedUpTo} past their end), except those
     * starting before {@code completeFrom}, whose first hours the station no longer holds (the stored record stays).
     */
    void flush(PointState st, Instant completeFrom, Output out) {
        String station = st.site.point().site();
        TreeSet<Instant> days = dirty.get(station);
        if (days == null || days.isEmpty() || st.closedUpTo == null) {
            return;
        }
        TreeMap<Instant, DailyAqiRecord> records = given.computeIfAbsent(station, s -> new TreeMap<>());
        for (Iterator<Instant> it = days.iterator(); it.hasNext(); ) {
            Instant day = it.next();
            if (day.plus(DAY).isAfter(st.closedUpTo)) {
                break;
            }
            it.remove();
            if (completeFrom != null && day.isBefore(completeFrom)) {
                continue;
            }
            DailyAqiRecord record;
            try {
                record = station(station, day, st.hours);
            } catch (RuntimeException e) {
                counters.fault(out, "air_daily", st.site.point().label() + " " + day, e);
                continue;
            }
            DailyAqiRecord old = record == null ? records.remove(day) : records.put(day, record);
            if (record != null && !record.equals(old)) {
                out.daily.add(record);
            }
            if (record != null && !record.equals(old) || record == null && old != null) {
                districtDirty.add(day);
            }
        }
        if (completeFrom != null) {
            records.headMap(completeFrom.minus(DAY), false).clear();
        }
    }

    /** The records given out for the station's days (after a restore: written again, harmlessly). */
    List<DailyAqiRecord> given(String station) {
        TreeMap<Instant, DailyAqiRecord> records = given.get(station);
        return records == null ? List.of() : List.copyOf(records.values());
    }

    /** The district records given out. */
    List<DailyAqiRecord> districtGiven() {
        return List.copyOf(districtGiven.values());
    }

    /**
     * Rates the district's changed days up to {@code closedUpTo} (the newest hour closed by a district station)
     * from the records of {@code stations}.
     */
    void flushDistrict(List<String> stations, Instant closedUpTo, Output out) {
        HeavyPollutionConfig cfg = config.heavyPollution();
        if (closedUpTo == null) {
            return;
        }
        for (Iterator<Instant> it = districtDirty.iterator(); it.hasNext(); ) {
            Instant day = it.next();
            if (day.plus(DAY).isAfter(closedUpTo)) {
                break;
            }
            it.remove();
            try {
                DailyAqiRecord record = district(cfg, stations, day);
                DailyAqiRecord old = record == null ? districtGiven.remove(day) : districtGiven.put(day, record);
                if (record != null && !record.equals(old)) {
                    out.daily.add(record);
                }
            } catch (RuntimeException e) {
                counters.fault(out, "air_daily", "air/" + cfg.site() + " " + day, e);
            }
        }
        Instant oldest = given.values().stream().filter(m -> !m.isEmpty()).map(TreeMap::firstKey)
                .min(Instant::compareTo).orElse(null);
        if (oldest != null) {
            districtGiven.headMap(oldest, false).clear();
        }
    }

    /** The daily record of one station's day from its hourly records, or null when the day has none. */
    DailyAqiRecord station(String station, Instant day, NavigableMap<Instant, HourRecord> hours) {
        NavigableMap<Instant, HourRecord> inDay = hours.subMap(day, true, day.plus(DAY), false);
        if (inDay.isEmpty()) {
            return null;
        }
        Map<String, List<TimedValue>> series = new HashMap<>();
        inDay.forEach((h, r) -> r.means().forEach((p, m) ->
                series.computeIfAbsent(p, x -> new ArrayList<>()).add(new TimedValue(h, m))));
        AqiStandard standard = config.standards().aqiAt(day);
        Map<String, Double> means = new LinkedHashMap<>();
        for (String p : DAILY_MEANS) {
            DailyMeanCalculator.mean(series.getOrDefault(p, List.of()), day).ifPresent(m -> means.put(p, m));
        }
        List<TimedValue> o3 = series.getOrDefault("o3", List.of());
        double o3Limit = Gb3095.O3_MAX_8H.limit(config.standards().gb3095At(day), Gb3095Grade.II);
        EightHourMeanCalculator.dailyMax(o3, day, o3Limit).ifPresent(m -> means.put("o3", m));
        if (standard == AqiStandard.HJ633_2012) {
            o3.stream().mapToDouble(TimedValue::value).max().ifPresent(m -> means.put(O3_MAX_1H, m));
        }
        return rate(station, day, standard, means, 1);
    }

    private DailyAqiRecord district(HeavyPollutionConfig cfg, List<String> stations, Instant day) {
        Map<String, List<Double>> byPollutant = new LinkedHashMap<>();
        int withPm25 = 0;
        int counted = 0;
        for (String s : stations) {
            TreeMap<Instant, DailyAqiRecord> records = given.get(s);
            DailyAqiRecord r = records == null ? null : records.get(day);
            if (r == null) {
                continue;
            }
            counted++;
            withPm25 += r.means().containsKey("pm25") ? 1 : 0;
            r.means().forEach((p, m) -> byPollutant.computeIfAbsent(p, x -> new ArrayList<>()).add(m));
        }
        if (counted == 0 || withPm25 < cfg.minStations()) {
            return null;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        byPollutant.forEach((p, values) -> means.put(p,
                values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return rate(cfg.site(), day, config.standards().aqiAt(day), means, counted);
    }

    static DailyAqiRecord rate(String station, Instant day, AqiStandard standard, Map<String, Double> means,
                               int stations) {
        AqiResult result = DAILY_AQI.compute(standard, new DailyMeans(means.get("so2"), means.get("no2"),
                means.get("co"), means.get("pm10"), means.get("pm25"), means.get("o3"), means.get(O3_MAX_1H)));
        Map<String, Integer> iaqi = new LinkedHashMap<>();
        result.subIndices().forEach((column, value) -> {
            if (value instanceof Iaqi.Value v) {
                iaqi.merge(column.parameter(), v.value(), Math::max);
            }
        });
        List<String> primary = result.primaryPollutants().stream().map(Pollutant::parameter).distinct().toList();
        OptionalInt category = result.category().isPresent()
                ? OptionalInt.of(result.category().map(AqiCategory::level).orElseThrow()) : OptionalInt.empty();
        return new DailyAqiRecord(station, day, standard.code(), result.aqi(), category, primary, iaqi, means,
                stations, result.notes());
    }
}
