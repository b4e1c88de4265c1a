package io.envmon.alerts.rules;

import io.envmon.alerts.air.DailyMeanCalculator;
import io.envmon.alerts.air.EightHourMeanCalculator;
import io.envmon.alerts.air.Gb3095;
import io.envmon.alerts.air.Gb3095Grade;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.DailyAqi;
import io.envmon.alerts.aqi.DailyMeans;
import io.envmon.alerts.config.HeavyPollutionConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.series.TimedValue;
import io.envmon.alerts.window.HourRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code heavy_pollution}: the district's observed heavy-pollution episode on the criteria of the 2018 national
 * scheme (环办大气函〔2018〕875号; standards.md §3), which are forecasts there and observations here.
 *
 * <p><b>District AQI.</b> As HJ 633 rates a city: for each pollutant, the mean over the stations of their 24-h
 * means (each valid with ≥ 20 hourly means), then the daily AQI ({@link DailyAqi}) of those means, under the HJ 633
 * edition in force at the <b>start</b> of the 24 hours (a rolling day that began before 2026-03-01 00:00 Beijing
 * time is rated by HJ 633-2012; docs/standards/README.md item 16); O3 by the stations' maximum 8-h mean in the
 * window (and, under HJ 633-2012, maximum 1-h mean). A station's maximum 8-h mean needs 14 valid 8-h means of the
 * 17 (HJ 663-2013), unless it is over the GB 3095 Grade II 8-h limit, 160 µg/m³
 * ({@link EightHourMeanCalculator#dailyMax(java.util.Collection, Instant, double)}): an AQI is rated against the
 * Grade II column of the standard (HJ 633's IAQI 100 for O3 8-h is 160), so "exceeds the standard" is read as
 * exceeding Grade II, whatever a station's zone. "Day k" is the 24 h ending k × 24 h before the evaluated hour's
 * end, so the criteria use rolling days that cross midnight (standards.md §3 allows it).
 *
 * <p><b>Levels</b> (rank): yellow (1) day 0 and day 1 &gt; 200; orange (2) days 0–2 &gt; 200 and one of them
 * &gt; 300; red (3) days 0–3 &gt; 200 and two of them &gt; 300, or day 0 ≥ 500. The alert escalates
 * yellow → orange → red with the configured severity (info by default: the official alert is the city
 * government's forecast). It resolves after {@code clearAfterHours} (36) consecutive hours with no level met and
 * day 0 ≤ 200. The event's window says which criterion was met: 48h, 72h, 96h (24h for day 0 ≥ 500).
 */
public final class HeavyPollutionRule {

    public static final String ID = "heavy_pollution";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final List<String> DAILY = List.of("so2", "no2", "co", "pm10", "pm25");
    private static final DailyAqi DAILY_AQI = new DailyAqi();

    public AlertKey key(HeavyPollutionConfig config) {
        return new AlertKey("air", config.site(), null, ID, "aqi");
    }

    public ObservationSeries observe(DistrictView view) {
        HeavyPollutionConfig cfg = view.config();
        DistrictDays districtDays = view.days();
        List<Observation> out = new ArrayList<>();
        if (view.closedUpTo() != null) {
            for (Instant hour = view.observeFrom(); hour.isBefore(view.closedUpTo()); hour = hour.plus(HOUR)) {
                Instant end = hour.plus(HOUR);
                int[] days = new int[4];
                int known = 0;
                for (int k = 0; k < 4; k++) {
                    Instant dayEnd = end.minus(DAY.multipliedBy(k));
                    OptionalInt aqi = districtDays.aqi(dayEnd, t -> districtAqi(view, t));
                    if (aqi.isEmpty()) {
                        break;
                    }
                    days[k] = aqi.getAsInt();
                    known++;
                }
                if (known == 0) {
                    continue;
                }
                int level = level(days, known);
                LevelDetail d = new LevelDetail(cfg, end, days, known, level, cfg.clearAfterHours());
                if (level > 0) {
                    out.add(Observation.raise(hour, end, hour, level, cfg.severity(), (double) days[0], 200.0, d));
                } else if (days[0] <= 200) {
                    out.add(Observation.clear(hour, end, (double) days[0], 200.0, d));
                } else {
                    out.add(Observation.hold(hour, end, (double) days[0], 200.0, d));
                }
            }
        }
        return new ObservationSeries(key(cfg), out, MachineSettings.hourly(1, cfg.clearAfterHours()), "", "48h");
    }

    /** The level from the window the event names: 48h yellow, 72h orange, 96h or 24h red. */
    public int rankOf(AlertEvent event) {
        return switch (event.window() == null ? "" : event.window()) {
            case "72h" -> 2;
            case "96h", "24h" -> 3;
            default -> 1;
        };
    }

    /** 0 none, 1 yellow, 2 orange, 3 red, from the rolling daily AQIs of days 0..known-1. */
    static int level(int[] d, int known) {
        if (d[0] >= 500) {
            return 3;
        }
        if (known >= 4 && over(d, 4, 200) == 4 && over(d, 4, 300) >= 2) {
            return 3;
        }
        if (known >= 3 && over(d, 3, 200) == 3 && over(d, 3, 300) >= 1) {
            return 2;
        }
        return known >= 2 && over(d, 2, 200) == 2 ? 1 : 0;
    }

    private static int over(int[] d, int n, int threshold) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > threshold) {
                c++;
            }
        }
        return c;
    }

    /** The district's daily AQI of the 24 h ending at {@code end}. */
    private static OptionalInt districtAqi(DistrictView view, Instant end) {
        Instant start = end.minus(DAY);
        List<Map<String, List<TimedValue>>> series = new ArrayList<>();
        view.stations().values().forEach(hours -> series.add(hourly(hours.subMap(start, true, end, false))));
        Map<String, List<Double>> byPollutant = new HashMap<>();
        List<Double> o3Max8h = new ArrayList<>();
        List<Double> o3Max1h = new ArrayList<>();
        int withPm25 = 0;
        double o3Limit = Gb3095.O3_MAX_8H.limit(view.standards().gb3095At(start), Gb3095Grade.II);
        for (Map<String, List<TimedValue>> station : series) {
            for (String p : DAILY) {
                Optional<Double> mean = DailyMeanCalculator.mean(station.getOrDefault(p, List.of()), start);
                if (mean.isPresent()) {
                    byPollutant.computeIfAbsent(p, x -> new ArrayList<>()).add(mean.get());
                    if (p.equals("pm25")) {
                        withPm25++;
                    }
                }
            }
            List<TimedValue> o3 = station.getOrDefault("o3", List.of());
            EightHourMeanCalculator.dailyMax(o3, start, o3Limit).ifPresent(o3Max8h::add);
            o3.stream().filter(v -> !v.ts().isBefore(start) && v.ts().isBefore(end))
                    .mapToDouble(TimedValue::value).max().ifPresent(o3Max1h::add);
        }
        if (withPm25 < view.config().minStations()) {
            return OptionalInt.empty();
        }
        AqiStandard standard = view.standards().aqiAt(start);
        DailyMeans means = new DailyMeans(avg(byPollutant.get("so2")), avg(byPollutant.get("no2")),
                avg(byPollutant.get("co")), avg(byPollutant.get("pm10")), avg(byPollutant.get("pm25")),
                avg(o3Max8h), avg(o3Max1h));
        return DAILY_AQI.compute(standard, means).aqi();
    }

    private static Double avg(List<Double> values) {
        return values == null || values.isEmpty() ? null
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Map<String, List<TimedValue>> hourly(NavigableMap<Instant, HourRecord> hours) {
        Map<String, List<TimedValue>> out = new HashMap<>();
        hours.forEach((h, r) -> r.means().forEach((p, m) ->
                out.computeIfAbsent(p, x -> new ArrayList<>()).add(new TimedValue(h, m))));
        return out;
    }

    private record LevelDetail(HeavyPollutionConfig cfg, Instant end, int[] days, int known, int level,
                               int clearAfterHours) implements AlertWording {

        private static final List<String> ZH = List.of("", "黄色", "橙色", "红色");
        private static final List<String> EN = List.of("", "yellow", "orange", "red");

        @Override
        public String window() {
            return switch (level) {
                case 2 -> "72h";
                case 3 -> days[0] >= 500 && !(known >= 4 && over(days, 4, 200) == 4 && over(days, 4, 300) >= 2)
                        ? "24h" : "96h";
                default -> "48h";
            };
        }

        @Override
        public BilingualText text(AlertState state) {
            StringBuilder recent = new StringBuilder();
            for (int i = 0; i < known; i++) {
                recent.append(i == 0 ? "" : ", ").append(days[i]);
            }
            String zhDay = cfg.name() + " " + Labels.zhPeriod(end.minus(DAY), end) + "24小时滚动AQI ";
            String enWhen = Labels.enPeriod(end.minus(DAY), end);
            if (state == AlertState.RESOLVED) {
                return new BilingualText(zhDay + "回落至 " + days[0] + "，已连续 " + clearAfterHours
                                + " 小时未达重污染天气预警条件，解除（实测）",
                        cfg.name() + " rolling 24-h AQI back to " + days[0] + " (" + enWhen + "), below the "
                                + "heavy-pollution alert criteria for " + clearAfterHours + " h: resolved (observed)");
            }
            return new BilingualText(zhDay + days[0] + "（近" + known + "日：" + recent
                            + "），达到重污染天气" + ZH.get(level) + "预警条件（环办大气函〔2018〕875号；实测值，非预报）",
                    cfg.name() + " rolling 24-h AQI " + days[0] + " (" + enWhen + "; last " + known + " days: "
                            + recent + "): " + EN.get(level) + " heavy-pollution alert criteria met (2018 national "
                            + "scheme; observed, not a forecast)");
        }
    }
}
