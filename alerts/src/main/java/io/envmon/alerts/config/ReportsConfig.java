package io.envmon.alerts.config;

import io.envmon.alerts.air.Gb3095Grade;

/**
 * The monthly and annual evaluation reports (docs/api.md#reports): what the district is compared with.
 *
 * @param grade                GB 3095 column the district's means are compared with: {@code II} (class-2 zones,
 *                             the default) or {@code I}
 * @param pm25Target           the district's own PM2.5 target, µg/m³ (an annual mean the district plan sets);
 *                             {@code null}: none
 * @param pm10Target           the district's PM10 target, µg/m³; {@code null}: none
 * @param goodDayRatioTarget   the district's good-day ratio target (0–1); {@code null}: none
 * @param transmissionPassMark an outlet's effective transmission rate (transmission × validity) that passes, 0–1
 *                             (75 %, the national mark assessed from 2014; standards.md §9.8, ◐)
 */
public record ReportsConfig(String grade, Double pm25Target, Double pm10Target, Double goodDayRatioTarget,
                            double transmissionPassMark) {

    public ReportsConfig {
        ConfigChecks.present("grade", grade);
        if (!grade.equals("I") && !grade.equals("II")) {
            throw new IllegalArgumentException("grade: '" + grade + "' is not one of I, II");
        }
        positiveOrNull("pm25Target", pm25Target);
        positiveOrNull("pm10Target", pm10Target);
        if (goodDayRatioTarget != null) {
            ConfigChecks.share("goodDayRatioTarget", goodDayRatioTarget, 0, 1);
        }
        ConfigChecks.share("transmissionPassMark", transmissionPassMark, 0, 1);
    }

    public static ReportsConfig defaults() {
        return new ReportsConfig("II", null, null, null, 0.75);
    }

    public Gb3095Grade gb3095Grade() {
        return Gb3095Grade.valueOf(grade);
    }

    private static void positiveOrNull(String key, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + ": must be a concentration > 0 in µg/m³, or null, not " + v);
        }
    }
}
