package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code water_class}: a parameter's GB 3838 single-factor class (on its hourly mean) worse than the section's
 * target class. One alert per parameter; the message gives the section class (the worst parameter).
 *
 * @param severity            for classes worse than the target up to V
 * @param worseThanVSeverity  for 劣V
 * @param clearAtOrBelowShare resolves once the value uses at most this share of the target-class limit (upper
 *                            bound: value / limit; DO: limit / value; pH: distance from 7.5 over 1.5)
 */
public record WaterClassConfig(boolean enabled, Severity severity, Severity worseThanVSeverity,
                               double clearAtOrBelowShare, int raiseAfterHours, int clearAfterHours) {

    public WaterClassConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.severity("worseThanVSeverity", worseThanVSeverity);
        ConfigChecks.share("clearAtOrBelowShare", clearAtOrBelowShare, 0, 1);
        ConfigChecks.between("raiseAfterHours", raiseAfterHours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static WaterClassConfig defaults() {
        return new WaterClassConfig(true, Severity.MAJOR, Severity.CRITICAL, 0.95, 1, 2);
    }
}
