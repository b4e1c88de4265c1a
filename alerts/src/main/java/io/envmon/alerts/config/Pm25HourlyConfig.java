package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rule {@code pm25_1h_aqi}: the PM2.5 1-h mean rated by HJ 633 (IAQI on the 24-h breakpoint column) and alerted by
 * AQI category.
 *
 * @param severityByCategory category level (3 轻度, 4 中度, 5 重度, 6 严重) → severity, or {@code none} (YAML
 *                           {@code false}/{@code off} too) for no alert; levels 1–2 never alert
 * @param clearAtOrBelowIaqi the alert resolves once the IAQI is at or below this (hysteresis: 100 minus a margin)
 * @param raiseAfterHours    consecutive hours in an alerting category before the alert opens
 * @param clearAfterHours    consecutive hours at or below {@code clearAtOrBelowIaqi} before it resolves
 */
public record Pm25HourlyConfig(boolean enabled, Map<Integer, String> severityByCategory, int clearAtOrBelowIaqi,
                               int raiseAfterHours, int clearAfterHours) {

    public Pm25HourlyConfig {
        severityByCategory = ConfigChecks.map("severityByCategory", severityByCategory);
        for (Map.Entry<Integer, String> e : severityByCategory.entrySet()) {
            if (e.getKey() < 3 || e.getKey() > 6) {
                throw new IllegalArgumentException("severityByCategory." + e.getKey()
                        + ": only categories 3 to 6 (轻度 to 严重污染) can alert");
            }
            if (!isNone(e.getValue())) {
                try {
                    Severity.fromWire(e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("severityByCategory." + e.getKey() + ": '" + e.getValue()
                            + "' is not one of info, warning, major, critical, none");
                }
            }
        }
        severityByCategory = new TreeMap<>(severityByCategory);
        ConfigChecks.between("clearAtOrBelowIaqi", clearAtOrBelowIaqi, 0, 100);
        ConfigChecks.between("raiseAfterHours", raiseAfterHours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static Pm25HourlyConfig defaults() {
        return new Pm25HourlyConfig(true, Map.of(3, "warning", 4, "major", 5, "critical", 6, "critical"), 90, 1, 2);
    }

    /** The severity of a category level, empty when it does not alert. */
    public Optional<Severity> severityFor(int level) {
        String s = severityByCategory.get(level);
        return s == null || isNone(s) ? Optional.empty() : Optional.of(Severity.fromWire(s));
    }

    /** {@code none}, or YAML 1.1's reading of {@code off}/{@code no}/{@code false}. */
    private static boolean isNone(String s) {
        return s.equals("none") || s.equals("false");
    }
}
