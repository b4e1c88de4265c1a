package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.alerts.webhook.WebhookRetryPolicy.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one webhook: a bounded FIFO of events and at most one request in flight, so that a receiver
 * sees an alert's open, escalated and resolved in that order, and a slow or dead receiver holds up only its own
 * queue. Confined to the notifier's context: no locks. Each outcome is written to the delivery log before it is
 * counted, so whoever sees the count sees the record.
 */
final class WebhookChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /** One event on its way to this webhook; the delivery ID is the same for all its attempts. */
    private static final class Pending {
        final AlertEvent event;
        final Buffer body;
        final String deliveryId = UUID.randomUUID().toString();
        int attempts;

        Pending(AlertEvent event, Buffer body) {
            this.event = event;
            this.body = body;
        }
    }

    private final WebhookConfig config;
    private final Vertx vertx;
    private final WebClient client;
    private final Clock clock;
    private final WebhookRetryPolicy policy;
    private final int capacity;
    private final DeliveryLog log;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter dropped;
    private final Timer latency;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending current;
    private long timerId = -1;
    private boolean closed;

    WebhookChannel(WebhookConfig config, Vertx vertx, WebClient client, Clock clock, WebhookRetryPolicy policy,
                   int capacity, DeliveryLog log, MeterRegistry meters) {
        this.config = config;
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
        this.policy = policy;
        this.capacity = capacity;
        this.log = log;
        delivered = outcome(meters, DeliveryRecord.DELIVERED);
        retried = outcome(meters, DeliveryRecord.RETRIED);
        failed = outcome(meters, DeliveryRecord.FAILED);
        dropped = outcome(meters, DeliveryRecord.DROPPED);
        latency = Timer.builder("envmon.webhook.latency").tag("webhook", config.name())
                .description("Duration of webhook requests, every attempt whatever its outcome").register(meters);
        Gauge.builder("envmon.webhook.queue", waiting, AtomicInteger::get).tag("webhook", config.name())
                .description("Events waiting for delivery to the webhook (besides the one being delivered)")
                .register(meters);
    }

    private Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("envmon.webhook.deliveries").tag("webhook", config.name()).tag("outcome", outcome)
                .description("Webhook deliveries: delivered, failed and dropped count events; retried counts attempts")
                .register(meters);
    }

    WebhookConfig config() {
        return config;
    }

    /** Queues the event (its encoded body shared with the other webhooks) behind the ones already waiting. */
    void enqueue(AlertEvent event, Buffer body) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            Pending oldest = queue.pollFirst();
            record(oldest, 0, DeliveryRecord.DROPPED, null, "queue full (" + capacity + " waiting)", Duration.ZERO);
            dropped.increment();
            LOG.error("[webhook: {}, event: {}, state: {}] dropped undelivered: the queue of {} events is full "
                            + "(the receiver is down or too slow)", config.name(), oldest.event.id(),
                    oldest.event.state().wire(), capacity);
        }
        queue.addLast(new Pending(event, body));
        waiting.set(queue.size());
        next();
    }

    private void next() {
        if (closed || current != null) {
            return;
        }
        current = queue.pollFirst();
        waiting.set(queue.size());
        if (current != null) {
            attempt(current);
        }
    }

    private void attempt(Pending p) {
        p.attempts++;
        long timestamp = clock.instant().getEpochSecond();
        long timeout = config.timeout().toMillis();
        long started = System.nanoTime();
        client.postAbs(config.url().toString())
                .as(BodyCodec.none()) // the receiver's answer body is neither needed nor trusted to be small
                .followRedirects(false) // a signed alert goes where it was configured to go, nowhere else
                .timeout(timeout)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(config.secretBytes(), timestamp, p.body.getBytes()))
                .putHeader(WebhookSignature.EVENT_ID_HEADER, p.event.id())
                .putHeader(WebhookSignature.DELIVERY_HEADER, p.deliveryId)
                .putHeader(WebhookSignature.ATTEMPT_HEADER, Integer.toString(p.attempts))
                .sendBuffer(p.body)
                .timeout(timeout, TimeUnit.MILLISECONDS) // a hard deadline, even for a receiver that answers drop by drop
                .onComplete(ar -> answered(p, ar, Duration.ofNanos(System.nanoTime() - started)));
    }

    private void answered(Pending p, AsyncResult<HttpResponse<Void>> ar, Duration took) {
        if (closed) {
            return; // close() has accounted for it
        }
        latency.record(took);
        if (ar.failed()) {
            retryOrDrop(p, null, describe(ar.cause()), null, took);
            return;
        }
        HttpResponse<Void> response = ar.result();
        int status = response.statusCode();
        Verdict verdict = WebhookRetryPolicy.classify(status);
        if (verdict == Verdict.DELIVERED) {
            record(p, status, DeliveryRecord.DELIVERED, null, took);
            delivered.increment();
            LOG.info("[webhook: {}, event: {}, state: {}, delivery: {}] delivered (HTTP {}, attempt {}, {} ms)",
                    config.name(), p.event.id(), p.event.state().wire(), p.deliveryId, status, p.attempts,
                    took.toMillis());
            finished();
        } else if (verdict == Verdict.FAIL) {
            String error = httpError(response)
                    + (status == 401 || status == 403 ? ": check the webhook's secret and URL" : "");
            record(p, status, DeliveryRecord.FAILED, error, took);
            failed.increment();
            LOG.error("[webhook: {}, event: {}, state: {}, delivery: {}] REFUSED by the receiver, not retried: {}",
                    config.name(), p.event.id(), p.event.state().wire(), p.deliveryId, error);
            finished();
        } else {
            Duration asked = WebhookRetryPolicy.retryAfter(response.getHeader("Retry-After"), clock.instant());
            retryOrDrop(p, status, httpError(response), asked, took);
        }
    }

    private void retryOrDrop(Pending p, Integer status, String error, Duration retryAfter, Duration took) {
        if (p.attempts >= config.maxAttempts()) {
            record(p, status, DeliveryRecord.DROPPED, error, took);
            dropped.increment();
            LOG.error("[webhook: {}, event: {}, state: {}, delivery: {}] DROPPED after {} attempts, last: {}",
                    config.name(), p.event.id(), p.event.state().wire(), p.deliveryId, p.attempts, error);
            finished();
            return;
        }
        Duration wait = policy.delay(p.attempts, retryAfter, ThreadLocalRandom.current().nextDouble());
        record(p, status, DeliveryRecord.RETRIED, error, took);
        retried.increment();
        LOG.warn("[webhook: {}, event: {}, state: {}, delivery: {}] attempt {}/{} failed ({}); retrying in {} ms",
                config.name(), p.event.id(), p.event.state().wire(), p.deliveryId, p.attempts, config.maxAttempts(),
                error, wait.toMillis());
        timerId = vertx.setTimer(wait.toMillis(), id -> {
            timerId = -1;
            if (!closed) {
                attempt(p);
            }
        });
    }

    private void finished() {
        current = null;
        next();
    }

    private void record(Pending p, Integer status, String outcome, String error, Duration took) {
        record(p, p.attempts, outcome, status, error, took);
    }

    private void record(Pending p, int attempt, String outcome, Integer status, String error, Duration took) {
        log.add(new DeliveryRecord(clock.instant(), config.name(), p.event.id(), p.deliveryId, attempt, outcome,
                status, error, took));
    }

    /** Stops: cancels the retry timer and abandons what is waiting, counting it as dropped. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        List<String> abandoned = new ArrayList<>();
        if (current != null) {
            abandoned.add(current.event.id());
        }
        queue.forEach(p -> abandoned.add(p.event.id()));
        queue.clear();
        current = null;
        waiting.set(0);
        if (!abandoned.isEmpty()) {
            dropped.increment(abandoned.size());
            LOG.error("[webhook: {}] shutting down: {} undelivered events abandoned: {}", config.name(),
                    abandoned.size(), abandoned.size() <= 20 ? abandoned
                            : abandoned.subList(0, 20) + " and " + (abandoned.size() - 20) + " more");
        }
    }

    private static String httpError(HttpResponse<?> response) {
        String reason = response.statusMessage();
        return "HTTP " + response.statusCode() + (reason == null || reason.isBlank() ? "" : " " + reason);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
