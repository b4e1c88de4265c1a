package io.envmon.ingest.alerts.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of the delivery log: one attempt to deliver one event to one webhook, or an event dropped without an
 * attempt (queue overflow, shutdown: {@code attempt} 0, no status).
 *
 * @param at         when the attempt ended (or the event was dropped)
 * @param webhook    the webhook's name
 * @param eventId    the alert ID ({@link io.envmon.alerts.event.AlertEvent#id()})
 * @param deliveryId the {@code X-Envmon-Delivery} value: the same for every attempt of this event to this webhook
 * @param attempt    1 for the first attempt
 * @param outcome    {@code delivered} (2xx), {@code retried} (will be tried again), {@code failed} (refused, not
 *                   retried), {@code dropped} (given up: attempts exhausted, queue full or shutdown)
 * @param status     the HTTP status, {@code null} when there was no response
 * @param error      what went wrong, {@code null} when delivered
 * @param took       request time, {@link Duration#ZERO} without an attempt
 */
public record DeliveryRecord(Instant at, String webhook, String eventId, String deliveryId, int attempt,
                             String outcome, Integer status, String error, Duration took) {

    public static final String DELIVERED = "delivered";
    public static final String RETRIED = "retried";
    public static final String FAILED = "failed";
    public static final String DROPPED = "dropped";
}
