package io.envmon.alerts.config;

import io.envmon.alerts.air.Gb3095Grade;
import io.envmon.alerts.event.Severity;

/**
 * Rule {@code pm25_24h_limit}: the PM2.5 24-h sliding mean (≥ 20 valid hourly means, GB 3095 Table 4) over the
 * GB 3095 24-h limit of the version in force (Grade II: 75 µg/m³ under 2012, 60 under 2026 transitional, 50 final).
 *
 * @param grade               {@code II} (class-2 zones, the default) or {@code I}
 * @param clearAtOrBelowShare resolves once the 24-h mean is at or below this share of the limit
 */
public record Pm25DailyConfig(boolean enabled, Severity severity, String grade, double clearAtOrBelowShare,
                              int raiseAfterHours, int clearAfterHours) {

    public Pm25DailyConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.present("grade", grade);
        if (!grade.equals("I") && !grade.equals("II")) {
            throw new IllegalArgumentException("grade: '" + grade + "' is not one of I, II");
        }
        ConfigChecks.share("clearAtOrBelowShare", clearAtOrBelowShare, 0, 1);
        ConfigChecks.between("raiseAfterHours", raiseAfterHours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static Pm25DailyConfig defaults() {
        return new Pm25DailyConfig(true, Severity.MAJOR, "II", 0.9, 1, 1);
    }

    public Gb3095Grade gb3095Grade() {
        return Gb3095Grade.valueOf(grade);
    }
}
