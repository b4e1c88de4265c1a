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
 * @param maxQueued     stored readings that may wait for the alert engine; beyond, new messages wait (AlertBacklog)
 */
public record AlertsConfig(Path rulesFile, Path apiTokensFile, Path webhooksFile, Duration tick, int maxQueued) {

    public static final int DEFAULT_MAX_QUEUED = 100_000;

    public AlertsConfig(Path rulesFile, Path apiTokensFile, Path webhooksFile, Duration tick) {
        this(rulesFile, apiTokensFile, webhooksFile, tick, DEFAULT_MAX_QUEUED);
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, Duration.ofSeconds(30));
    }
}
