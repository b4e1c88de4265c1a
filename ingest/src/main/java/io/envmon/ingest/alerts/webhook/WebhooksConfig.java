package io.envmon.ingest.alerts.webhook;

import io.envmon.ingest.alerts.system.SystemAlertsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The webhooks file, validated and immutable: the alert channels (envmon's webhooks, group robots, e-mail) and
 * envmon's own alerts. Defaults live here and only here.
 *
 * @param webhooks        the channels, names unique; may be empty (nothing is delivered)
 * @param queueCapacity   messages waiting per channel; when full the oldest waiting message is dropped
 * @param deliveryLogSize attempts kept in the in-memory delivery log
 * @param backoffInitial  delay before the first retry; doubled each retry, with jitter
 * @param backoffMax      cap of the retry delay (and of a Retry-After the receiver asks for)
 * @param systemAlerts    the bounds of envmon's own alerts, delivered to the bureau's channels
 */
public record WebhooksConfig(List<WebhookConfig> webhooks, int queueCapacity, int deliveryLogSize,
                             Duration backoffInitial, Duration backoffMax, SystemAlertsConfig systemAlerts) {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_DELIVERY_LOG_SIZE = 1000;
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);

    public WebhooksConfig {
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(systemAlerts, "systemAlerts");
        Set<String> names = new HashSet<>();
        for (WebhookConfig w : webhooks) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("webhook name '" + w.name() + "' is used twice");
            }
        }
        if (queueCapacity < 1 || deliveryLogSize < 1) {
            throw new IllegalArgumentException("queueCapacity and deliveryLogSize must be positive");
        }
        if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < initial <= max");
        }
    }

    /** These webhooks with every other setting at its default. */
    public static WebhooksConfig of(List<WebhookConfig> webhooks) {
        return new WebhooksConfig(webhooks, DEFAULT_QUEUE_CAPACITY, DEFAULT_DELIVERY_LOG_SIZE, DEFAULT_BACKOFF_INITIAL,
                DEFAULT_BACKOFF_MAX, SystemAlertsConfig.defaults());
    }

    /** No webhooks. */
    public static WebhooksConfig none() {
        return of(List.of());
    }

    public WebhooksConfig withBackoff(Duration initial, Duration max) {
        return new WebhooksConfig(webhooks, queueCapacity, deliveryLogSize, initial, max, systemAlerts);
    }

    public WebhooksConfig withQueueCapacity(int capacity) {
        return new WebhooksConfig(webhooks, capacity, deliveryLogSize, backoffInitial, backoffMax, systemAlerts);
    }

    public WebhooksConfig withSystemAlerts(SystemAlertsConfig config) {
        return new WebhooksConfig(webhooks, queueCapacity, deliveryLogSize, backoffInitial, backoffMax, config);
    }

    /** {@code bureau-duty (webhook → bureau), E001-dingtalk (dingtalk → enterprise E001)}, or {@code none}. */
    public String summary() {
        return webhooks.isEmpty() ? "none" : String.join(", ", webhooks.stream()
                .map(w -> w.name() + " (" + w.type() + " → " + w.audience()
                        + (w.digest() == null ? "" : ", digest " + io.envmon.model.Durations.format(w.digest())) + ")")
                .toList());
    }

    /**
     * Problems of {@code sites} that are not in {@code known} (the registry's stations, sections and enterprises,
     * the district tracker's site, {@code envmon}): a misspelt site would silently filter everything out.
     */
    public List<String> siteProblems(Collection<String> known) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            for (String site : webhooks.get(i).sites()) {
                if (!known.contains(site)) {
                    problems.add("webhooks[" + i + "].sites: '" + site + "' is not a site of the registry");
                }
            }
        }
        return problems;
    }

    /**
     * Problems of {@code audience.enterprise} IDs that are not in {@code known} (the registry's enterprises), each
     * naming the key, e.g. {@code webhooks[2].audience.enterprise: 'E099' is not an enterprise of the registry}. A
     * misspelt ID would silently leave that enterprise without its alerts: the wiring should refuse to start.
     */
    public List<String> enterpriseProblems(Collection<String> known) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            if (webhooks.get(i).audience() instanceof WebhookAudience.Enterprise e && !known.contains(e.id())) {
                problems.add("webhooks[" + i + "].audience.enterprise: '" + e.id()
                        + "' is not an enterprise of the registry");
            }
        }
        return problems;
    }
}
