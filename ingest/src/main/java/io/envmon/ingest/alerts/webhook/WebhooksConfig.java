package io.envmon.ingest.alerts.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The webhooks file, validated and immutable. Defaults live here and only here.
 *
 * @param webhooks        the webhooks, names unique; may be empty (nothing is delivered)
 * @param queueCapacity   events waiting per webhook; when full the oldest waiting event is dropped
 * @param deliveryLogSize attempts kept in the in-memory delivery log
 * @param backoffInitial  delay before the first retry; doubled each retry, with jitter
 * @param backoffMax      cap of the retry delay (and of a Retry-After the receiver asks for)
 */
public record WebhooksConfig(List<WebhookConfig> webhooks, int queueCapacity, int deliveryLogSize,
                             Duration backoffInitial, Duration backoffMax) {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_DELIVERY_LOG_SIZE = 1000;
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);

    public WebhooksConfig {
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
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
                DEFAULT_BACKOFF_MAX);
    }

    /** No webhooks. */
    public static WebhooksConfig none() {
        return of(List.of());
    }

    public WebhooksConfig withBackoff(Duration initial, Duration max) {
        return new WebhooksConfig(webhooks, queueCapacity, deliveryLogSize, initial, max);
    }

    public WebhooksConfig withQueueCapacity(int capacity) {
        return new WebhooksConfig(webhooks, capacity, deliveryLogSize, backoffInitial, backoffMax);
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
