package io.envmon.ingest.alerts.system;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of envmon's own alerts (docs/alerts.md, "System alerts"), from the {@code systemAlerts} section of the
 * webhooks file.
 *
 * @param enabled        whether they are raised at all
 * @param checkEvery     how often the service looks at itself
 * @param queuedReadings the alert engine lags when more readings than this wait for it
 *                       ({@code envmon_alerts_queued_readings})
 * @param engineLagFor   ... for at least this long
 * @param influxDownFor  InfluxDB unreachable ({@code envmon_up{component="influxdb"}} 0) for at least this long
 */
public record SystemAlertsConfig(boolean enabled, Duration checkEvery, long queuedReadings, Duration engineLagFor,
                                 Duration influxDownFor) {

    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(15);
    public static final long DEFAULT_QUEUED_READINGS = 100_000;
    public static final Duration DEFAULT_ENGINE_LAG_FOR = Duration.ofMinutes(2);
    public static final Duration DEFAULT_INFLUX_DOWN_FOR = Duration.ofMinutes(2);

    public SystemAlertsConfig {
        Objects.requireNonNull(checkEvery, "checkEvery");
        Objects.requireNonNull(engineLagFor, "engineLagFor");
        Objects.requireNonNull(influxDownFor, "influxDownFor");
        if (checkEvery.isNegative() || checkEvery.isZero() || queuedReadings < 1) {
            throw new IllegalArgumentException("need a positive checkEvery and queuedReadings");
        }
    }

    public static SystemAlertsConfig defaults() {
        return new SystemAlertsConfig(true, DEFAULT_CHECK_EVERY, DEFAULT_QUEUED_READINGS, DEFAULT_ENGINE_LAG_FOR,
                DEFAULT_INFLUX_DOWN_FOR);
    }

    public static SystemAlertsConfig disabled() {
        return new SystemAlertsConfig(false, DEFAULT_CHECK_EVERY, DEFAULT_QUEUED_READINGS, DEFAULT_ENGINE_LAG_FOR,
                DEFAULT_INFLUX_DOWN_FOR);
    }
}
