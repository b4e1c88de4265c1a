package io.envmon.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the alert engine's rules, the API's tokens and the webhooks come from (docs/alerts.md, docs/api.md,
 * docs/webhooks.md).
 *
 * @param rulesFile     the rules YAML, or {@code null} for the built-in defaults
 * @param apiTokensFile the API tokens YAML, or {@code null}: the API then refuses every call (401)
 * @param webhooksFile  the webhooks YAML, or {@code null} for none
 * @param tick          how often quiet hours are closed and silent sites detected
 */
public record AlertsConfig(Path rulesFile, Path apiTokensFile, Path webhooksFile, Duration tick) {

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, Duration.ofSeconds(30));
    }
}
