package io.envmon.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.envmon.alerts.aqi.AqiResult;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.HourlyAqi;
import io.envmon.alerts.aqi.HourlyMeans;
import io.envmon.alerts.aqi.Iaqi;
import io.envmon.alerts.aqi.Pollutant;
import io.envmon.testkit.InfluxServer;

/**
 * STAND-INS until the alert engine writes its measurements: {@code air_hourly} and {@code alert} (CONTRACT §4) are
 * written by the alert engine, which is being wired into the ingest service. When the replay did not produce them,
 * the dashboard proof writes points of exactly the contract's shape here, through InfluxDB's /write, so the panels
 * built on them can be run. Remove this class (and its call in {@link DashboardQueriesIT}) once the service writes
 * both measurements: the proof then runs on what the service wrote.
 */
final class StandIns {

    private StandIns() {
    }

    /**
     * STAND-IN for the alert engine's {@code air_hourly}: for each station and each complete hour of the replayed
     * {@code air} data, the hourly means of the six pollutants rated with the alerts module's HJ 633 code (edition in
     * force at the hour), written as {@code air_hourly,station=… aqi=…i,category=…i,primary="…",iaqi_…=…i,…,standard="…"}.
     *
     * @return the number of points written
     */
    static int writeAirHourlyStandIn(InfluxServer influx, String db) {
        List<Map<String, Object>> rows = influx.rows(db, "SELECT mean(\"so2\") AS \"so2\", mean(\"no2\") AS \"no2\", "
                + "mean(\"co\") AS \"co\", mean(\"o3\") AS \"o3\", mean(\"pm10\") AS \"pm10\", mean(\"pm25\") AS \"pm25\" "
                + "FROM \"air\" WHERE time >= now() - 26h AND time < now() - 1h GROUP BY time(1h), \"station\" fill(none)");
        HourlyAqi rater = new HourlyAqi();
        StringBuilder lines = new StringBuilder();
        int n = 0;
        for (Map<String, Object> row : rows) {
            Map<String, Double> means = new LinkedHashMap<>();
            for (String p : List.of("so2", "no2", "co", "o3", "pm10", "pm25")) {
                if (row.get(p) instanceof Number v) {
                    means.put(p, round1(v.doubleValue()));
                }
            }
            if (means.size() < 6) {
                continue;
            }
            Instant hour = Instant.ofEpochMilli((Long) row.get("time"));
            AqiStandard standard = AqiStandard.inForceAt(hour);
            AqiResult result = rater.compute(standard, HourlyMeans.ofParameters(means));
            List<String> fields = new ArrayList<>();
            result.aqi().ifPresent(aqi -> fields.add("aqi=" + aqi + "i"));
            result.category().ifPresent(c -> fields.add("category=" + c.level() + "i"));
            fields.add("primary=\"" + String.join(",", result.primaryPollutants().stream()
                    .map(Pollutant::parameter).distinct().toList()) + "\"");
            Map<String, Integer> iaqi = new LinkedHashMap<>();
            result.subIndices().forEach((column, value) -> {
                if (value instanceof Iaqi.Value v) {
                    iaqi.merge(column.parameter(), v.value(), Math::max);
                }
            });
            iaqi.forEach((p, v) -> fields.add("iaqi_" + p + "=" + v + "i"));
            means.forEach((p, v) -> fields.add(p + "=" + v));
            fields.add("standard=\"" + standard.code() + "\"");
            lines.append("air_hourly,station=").append(row.get("station")).append(' ')
                    .append(String.join(",", fields)).append(' ').append(hour.toEpochMilli()).append('\n');
            n++;
        }
        influx.write(db, lines.toString());
        return n;
    }

    /**
     * STAND-IN for the alert engine's {@code alert} events: a handful of alerts through their life (open,
     * escalated, resolved) on sites of the registry, tags kind, site, rule, severity and fields state, alert_id,
     * parameter, value, threshold, message, as CONTRACT §4 lists them.
     *
     * @return the number of points written
     */
    static int writeAlertStandIn(InfluxServer influx, String db, Instant now, String silentStation,
                                 String enterprise) {
        List<String> lines = List.of(
                alert(now.minus(Duration.ofHours(5)), "air", "TG-A04", "pm25_1h_aqi", "warning", "open",
                        "pm25", 82.0, 75.0, "TG-A04 工业园区 PM2.5 小时均值 82 µg/m³，轻度污染 / PM2.5 1-h mean 82, lightly polluted"),
                alert(now.minus(Duration.ofHours(4)), "air", "TG-A04", "pm25_1h_aqi", "major", "escalated",
                        "pm25", 121.0, 115.0, "TG-A04 工业园区 PM2.5 小时均值 121 µg/m³，中度污染 / moderately polluted"),
                alert(now.minus(Duration.ofHours(20)), "water", "WMH-04", "water_class", "major", "open",
                        "nh3n", 1.72, 1.5, "WMH-04 乌马河出境断面 氨氮 1.72 mg/L 劣于目标 Ⅳ类 / NH3-N worse than target IV"),
                alert(now.minus(Duration.ofHours(10)), "water", "WMH-04", "water_class", "major", "resolved",
                        "nh3n", 1.31, 1.5, "WMH-04 氨氮恢复 Ⅳ类 / NH3-N back within target IV"),
                alert(now.minus(Duration.ofHours(3)), "enterprise", enterprise, "permit_limit", "critical", "open",
                        "particulate", 41.3, 30.0, enterprise + " DA001 颗粒物小时均值 41.3 mg/m³ 超过许可限值 30 / particulate over permit limit"),
                alert(now.minus(Duration.ofMinutes(100)), "air", silentStation, "offline", "warning", "open",
                        null, 3.0, null, silentStation + " 超过 3 分钟无数据 / no data for more than 3 minutes"));
        influx.write(db, String.join("\n", lines) + "\n");
        return lines.size();
    }

    private static String alert(Instant ts, String kind, String site, String rule, String severity, String state,
                                String parameter, Double value, Double threshold, String message) {
        List<String> fields = new ArrayList<>();
        fields.add("state=\"" + state + "\"");
        fields.add("alert_id=\"" + kind + "-" + site + "-" + rule + "-" + (parameter == null ? "" : parameter) + "\"");
        if (parameter != null) {
            fields.add("parameter=\"" + parameter + "\"");
        }
        if (value != null) {
            fields.add("value=" + value);
        }
        if (threshold != null) {
            fields.add("threshold=" + threshold);
        }
        fields.add("message=\"" + message.replace("\"", "\\\"") + "\"");
        return "alert,kind=" + kind + ",site=" + site + ",rule=" + rule + ",severity=" + severity + " "
                + String.join(",", fields) + " " + ts.toEpochMilli();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
