package io.envmon.alerts.report;

import io.envmon.alerts.air.Gb3095;
import io.envmon.alerts.air.Gb3095Grade;
import io.envmon.alerts.air.Gb3095Version;
import io.envmon.alerts.aqi.Gbt8170;
import io.envmon.alerts.config.ReportsConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The monthly and annual air evaluation of one station or the district from its daily AQI records (HJ 663 as
 * compiled in standards.md §9.2–9.6):
 * <ul>
 *   <li>PM2.5 and PM10: the mean of the daily means, against the GB 3095 <b>annual</b> limit of the configured grade
 *       (monthly bulletins compare a month's mean with the annual limit, §9.3) and the district's target;</li>
 *   <li>O3: the 90th percentile ({@link Percentile}) of the daily maximum 8-h means, against the 8-h limit;</li>
 *   <li>good-day ratio: valid days with AQI ≤ 100 ÷ valid days; heavy-pollution days: AQI &gt; 200 (§9.6);</li>
 *   <li>validity: a statistic from fewer daily values than GB 3095 Table 4 asks (27 a month, February 25, 324 a
 *       year) is given and flagged incomplete.</li>
 * </ul>
 * Local conventions (docs/standards/README.md item 21): the statistics are rounded to whole µg/m³ by GB/T 8170
 * before they are compared; a day with one pollutant missing counts as valid only when its AQI is over 100
 * ({@link AirDay#valid()}); sand and dust days are not removed (no such flag is stored).
 */
public final class AirEvaluation {

    private final ReportsConfig config;

    public AirEvaluation(ReportsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param days    the site's daily records (others, and days outside the period, are ignored)
     * @param version the GB 3095 edition in force at the period's start
     * @param asOf    today (Beijing time): days from it on are not yet counted in {@code calendarDays}
     */
    public AirPeriodReport evaluate(String site, AirPeriod period, List<AirDay> days, Gb3095Version version,
                                    LocalDate asOf) {
        List<AirDay> in = days.stream().filter(d -> d.site().equals(site) && period.contains(d.day())).toList();
        LocalDate end = asOf.isBefore(period.end()) ? asOf : period.end();
        long calendarDays = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(period.start(), end));
        int valid = 0;
        int good = 0;
        int heavy = 0;
        int severe = 0;
        List<Double> pm25 = new ArrayList<>();
        List<Double> pm10 = new ArrayList<>();
        List<Double> o3 = new ArrayList<>();
        for (AirDay d : in) {
            if (d.valid()) {
                valid++;
                int aqi = d.aqi().getAsInt();
                good += aqi <= 100 ? 1 : 0;
                heavy += aqi > 200 ? 1 : 0;
                severe += aqi > 300 ? 1 : 0;
            }
            add(pm25, d, "pm25");
            add(pm10, d, "pm10");
            add(o3, d, "o3");
        }
        Gb3095Grade grade = config.gb3095Grade();
        int min = period.minValidDays();
        Double ratio = valid == 0 ? null : BigDecimal.valueOf(good)
                .divide(BigDecimal.valueOf(valid), 4, RoundingMode.HALF_EVEN).doubleValue();
        return new AirPeriodReport(site, period.label(), version.code(), grade.name(), calendarDays, in.size(), valid,
                min, good, ratio, config.goodDayRatioTarget(), heavy, severe,
                statistic("pm25", "mean", mean(pm25), pm25.size(), min,
                        Gb3095.PM25_ANNUAL.limit(version, grade), config.pm25Target()),
                statistic("pm10", "mean", mean(pm10), pm10.size(), min,
                        Gb3095.PM10_ANNUAL.limit(version, grade), config.pm10Target()),
                statistic("o3", "p90", Percentile.of(o3, 0.90), o3.size(), min,
                        Gb3095.O3_MAX_8H.limit(version, grade), null));
    }

    private static void add(List<Double> out, AirDay d, String p) {
        Double v = d.values().get(p);
        if (v != null) {
            out.add(v);
        }
    }

    private static OptionalDouble mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average();
    }

    private static AirPeriodReport.Statistic statistic(String parameter, String statistic, OptionalDouble value,
                                                       int days, int min, double limit, Double target) {
        Double rounded = value.isPresent() ? Gbt8170.round(value.getAsDouble(), 0).doubleValue() : null;
        return new AirPeriodReport.Statistic(parameter, statistic, rounded, days, days >= min, limit, target);
    }
}
