package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code offline}: no reading of a point has arrived for more than {@code multiple} × its expected interval.
 *
 * @param includeNeverReported also alert for registered points that have sent nothing since the engine started
 */
public record OfflineConfig(boolean enabled, Severity severity, double multiple, boolean includeNeverReported) {

    public OfflineConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.share("multiple", multiple, 1, 10_000);
    }

    public static OfflineConfig defaults() {
        return new OfflineConfig(true, Severity.WARNING, 3, true);
    }
}
