package io.envmon.ingest.config;

import java.time.Duration;

/** The files and tick of the alert engine, its channels and the API, {@code ENVMON_ALERT_*} and co. (docs/configuration.md). */
final class AlertSettings {

    static final Setting RULES = new Setting("alerts.rulesFile", "ENVMON_ALERT_RULES", "config/alert-rules.yaml", false);
    static final Setting TICK = new Setting("alerts.tick", "ENVMON_ALERT_TICK", "30s", false);
    static final Setting WEBHOOKS = new Setting("alerts.webhooksFile", "ENVMON_WEBHOOKS", null, false);
    static final Setting MAX_QUEUED = new Setting("alerts.maxQueued", "ENVMON_ALERT_MAX_QUEUED",
            String.valueOf(AlertsConfig.DEFAULT_MAX_QUEUED), false);
    static final Setting API_TOKENS = new Setting("api.tokensFile", "ENVMON_API_TOKENS", null, false);

    private AlertSettings() {
    }

    static AlertsConfig read(SettingValues v) {
        return new AlertsConfig(v.optionalFile(RULES), v.optionalFile(API_TOKENS), v.optionalFile(WEBHOOKS),
                v.duration(TICK, Duration.ofSeconds(1), Duration.ofMinutes(10)), v.integer(MAX_QUEUED, 1000, 10_000_000));
    }
}
