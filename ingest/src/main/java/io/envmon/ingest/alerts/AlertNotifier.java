package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;

/**
 * Delivers alert events to people's systems (the port; {@link io.envmon.ingest.alerts.webhook.WebhookAlertNotifier}
 * is the webhook adapter). Delivery is the notifier's own business: it retries, logs and counts, and never
 * holds up ingestion.
 */
public interface AlertNotifier {

    /** Hands an event over for delivery; returns at once. Called on the alerting context. */
    void deliver(AlertEvent event);

    /**
     * Hands over an event that may be for the bureau only (docs/alerts.md#integrity-rules): such an event must never reach an
     * enterprise's receiver. The default, for notifiers that cannot tell receivers apart, delivers only events that
     * are not bureau-only.
     */
    default void deliver(AlertEvent event, boolean bureauOnly) {
        if (!bureauOnly) {
            deliver(event);
        }
    }

    /** Stops delivering; pending retries are abandoned and logged. */
    default void close() {
    }
}
