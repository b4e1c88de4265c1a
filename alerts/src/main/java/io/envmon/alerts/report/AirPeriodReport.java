package io.envmon.alerts.report;

import java.util.Objects;

/**
 * A station's or the district's air quality over a month or a year (HJ 663; docs/api.md#reports).
 *
 * @param site         the station or the district
 * @param period       {@code 2026-11} or {@code 2026}
 * @param gb3095       the GB 3095 edition (column) compared with, the one in force at the period's start
 * @param grade        {@code II} or {@code I}
 * @param calendarDays days in the period (up to the day before {@code asOf} for a period not yet over)
 * @param ratedDays    days with a daily record
 * @param validDays    valid monitoring days ({@link AirDay#valid()})
 * @param minValidDays the valid days a mean needs (GB 3095 Table 4: 27 a month, February 25; 324 a year)
 * @param goodDays     valid days with AQI ≤ 100 (优良天数)
 * @param goodDayRatio goodDays ÷ validDays (0–1, 4 decimals); null without valid days
 * @param goodDayRatioTarget the district's target (config {@code reports.goodDayRatioTarget}), or null
 * @param heavyDays    valid days with AQI &gt; 200 (重度及以上污染天数)
 * @param severeDays   valid days with AQI &gt; 300 (严重污染天数, included in heavyDays)
 * @param pm25         the mean of the PM2.5 daily means against the annual limit
 * @param pm10         the mean of the PM10 daily means against the annual limit
 * @param o3           the 90th percentile of the O3 daily maximum 8-h means against the 8-h limit
 */
public record AirPeriodReport(String site, String period, String gb3095, String grade, long calendarDays,
                              int ratedDays, int validDays, int minValidDays, int goodDays, Double goodDayRatio,
                              Double goodDayRatioTarget, int heavyDays, int severeDays, Statistic pm25, Statistic pm10,
                              Statistic o3) {

    public AirPeriodReport {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(period, "period");
    }

    /** True when the good-day ratio reaches the target; null without a target or a ratio. */
    public Boolean meetsGoodDayRatioTarget() {
        return goodDayRatio == null || goodDayRatioTarget == null ? null : goodDayRatio >= goodDayRatioTarget;
    }

    /**
     * One pollutant's statistic over the period.
     *
     * @param parameter  {@code pm25}, {@code pm10}, {@code o3}
     * @param statistic  {@code mean} (of the daily means) or {@code p90} (of the daily maximum 8-h means)
     * @param value      µg/m³, rounded to a whole number by GB/T 8170 (as HJ 633-2026 §4.2.2 rounds AQI inputs);
     *                   null without daily values
     * @param days       the daily values it is computed from
     * @param complete   days ≥ the period's minimum (GB 3095 Table 4): a statistic from fewer days is given but
     *                   not a valid assessment
     * @param limit      the GB 3095 limit it is compared with (annual for PM, 8-h for O3)
     * @param target     the district's target (config), or null
     */
    public record Statistic(String parameter, String statistic, Double value, int days, boolean complete, double limit,
                            Double target) {

        /** True when the value is over the limit (strictly, as GB 3095 judges); null without a value. */
        public Boolean exceedsLimit() {
            return value == null ? null : value > limit;
        }

        /** True when the value is at or below the target; null without a value or a target. */
        public Boolean meetsTarget() {
            return value == null || target == null ? null : value <= target;
        }
    }
}
