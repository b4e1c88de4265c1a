package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.alerts.webhook.ChannelSender.Outgoing;
import io.envmon.ingest.alerts.webhook.ChannelSender.Result;
import io.envmon.ingest.alerts.webhook.WebhookRetryPolicy.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one channel: a bounded FIFO of messages (one event each, or a digest of an interval's events) and
 * at most one request in flight, so that a receiver sees an alert's open, escalated and resolved in that order, and a
 * slow or dead receiver holds up only its own queue. Before each request the channel waits as long as its platform's
 * sending limit requires ({@link RateLimiter}): messages wait in the queue, none is dropped for the limit. Confined to
 * the notifier's context: no locks. Each outcome is written to the delivery log before it is counted, so whoever sees
 * the count sees the record.
 */
final class WebhookChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

    /** One message on its way to this channel; the delivery ID is the same for all its attempts. */
    private static final class Pending {
        final List<AlertEvent> events;
        final String deliveryId = UUID.randomUUID().toString();
        int attempts;

        Pending(List<AlertEvent> events) {
            this.events = List.copyOf(events);
        }

        String describe(String channel) {
            AlertEvent first = events.get(0);
            return events.size() == 1
                    ? "[webhook: " + channel + ", event: " + first.id() + ", state: " + first.state().wire()
                            + ", delivery: " + deliveryId + "]"
                    : "[webhook: " + channel + ", digest of " + events.size() + " events from " + first.id()
                            + ", delivery: " + deliveryId + "]";
        }
    }

    private final WebhookConfig config;
    private final Vertx vertx;
    private final ChannelSender sender;
    private final Clock clock;
    private final WebhookRetryPolicy policy;
    private final int capacity;
    private final DeliveryLog log;
    private final RateLimiter limiter;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter dropped;
    private final Counter paced;
    private final Timer latency;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<AlertEvent> digest = new ArrayList<>();
    private Pending current;
    private long timerId = -1;
    private long digestTimerId = -1;
    private boolean closed;

    WebhookChannel(WebhookConfig config, Vertx vertx, ChannelSender sender, Clock clock, WebhookRetryPolicy policy,
                   int capacity, DeliveryLog log, MeterRegistry meters) {
        this.config = config;
        this.vertx = vertx;
        this.sender = sender;
        this.clock = clock;
        this.policy = policy;
        this.capacity = capacity;
        this.log = log;
        this.limiter = new RateLimiter(config.rateLimit(), System::nanoTime);
        delivered = outcome(meters, DeliveryRecord.DELIVERED);
        retried = outcome(meters, DeliveryRecord.RETRIED);
        failed = outcome(meters, DeliveryRecord.FAILED);
        dropped = outcome(meters, DeliveryRecord.DROPPED);
        paced = Counter.builder("envmon.webhook.paced").tag("webhook", config.name()).tag("type", config.type())
                .description("Requests that waited for the channel's sending limit (docs/webhooks.md)")
                .register(meters);
        latency = Timer.builder("envmon.webhook.latency").tag("webhook", config.name()).tag("type", config.type())
                .description("Duration of channel requests, every attempt whatever its outcome").register(meters);
        Gauge.builder("envmon.webhook.queue", waiting, AtomicInteger::get).tag("webhook", config.name())
                .tag("type", config.type())
                .description("Messages waiting for delivery on the channel (besides the one being delivered)")
                .register(meters);
    }

    private Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("envmon.webhook.deliveries").tag("webhook", config.name()).tag("type", config.type())
                .tag("outcome", outcome)
                .description("Channel deliveries: delivered, failed and dropped count events; retried counts attempts")
                .register(meters);
    }

    WebhookConfig config() {
        return config;
    }

    /** Queues the event behind the ones already waiting, or adds it to the current digest. */
    void enqueue(AlertEvent event) {
        if (closed) {
            return;
        }
        if (config.digest() != null) {
            digest.add(event);
            if (digestTimerId < 0) {
                digestTimerId = vertx.setTimer(config.digest().toMillis(), id -> {
                    digestTimerId = -1;
                    flushDigest();
                });
            }
            return;
        }
        add(new Pending(List.of(event)));
    }

    private void flushDigest() {
        if (closed || digest.isEmpty()) {
            return;
        }
        Pending p = new Pending(digest);
        digest.clear();
        add(p);
    }

    private void add(Pending p) {
        if (queue.size() >= capacity) {
            Pending oldest = queue.pollFirst();
            oldest.events.forEach(e -> record(oldest, e, 0, DeliveryRecord.DROPPED, null,
                    "queue full (" + capacity + " waiting)", Duration.ZERO));
            dropped.increment(oldest.events.size());
            LOG.error("{} dropped undelivered: the queue of {} messages is full (the receiver is down or too slow)",
                    oldest.describe(config.name()), capacity);
        }
        queue.addLast(p);
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
            paced(current);
        }
    }

    /** Starts the attempt now, or when the sending limit allows it. */
    private void paced(Pending p) {
        long delay = limiter.delayNanos();
        if (delay <= 0) {
            attempt(p);
            return;
        }
        paced.increment();
        LOG.debug("{} waiting {} ms for the sending limit ({})", p.describe(config.name()), delay / 1_000_000,
                config.rateLimit());
        timerId = vertx.setTimer(Math.max(1, delay / 1_000_000 + 1), id -> {
            timerId = -1;
            if (!closed) {
                paced(p);
            }
        });
    }

    private void attempt(Pending p) {
        p.attempts++;
        long started = System.nanoTime();
        sender.send(new Outgoing(p.events, p.deliveryId, p.attempts))
                .onComplete(ar -> {
                    limiter.ended();
                    Result result = ar.succeeded() ? ar.result()
                            : Result.retry(null, ChannelSender.describe(ar.cause()), null);
                    answered(p, result, Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private void answered(Pending p, Result result, Duration took) {
        if (closed) {
            return; // close() has accounted for it
        }
        latency.record(took);
        if (result.verdict() == Verdict.DELIVERED) {
            record(p, result.status(), DeliveryRecord.DELIVERED, null, took);
            delivered.increment(p.events.size());
            LOG.info("{} delivered ({}, attempt {}, {} ms)", p.describe(config.name()),
                    result.status() == null ? "ok" : statusWord() + " " + result.status(), p.attempts, took.toMillis());
            finished();
        } else if (result.verdict() == Verdict.FAIL) {
            record(p, result.status(), DeliveryRecord.FAILED, result.error(), took);
            failed.increment(p.events.size());
            LOG.error("{} REFUSED by the receiver, not retried: {}", p.describe(config.name()), result.error());
            finished();
        } else {
            retryOrDrop(p, result, took);
        }
    }

    private String statusWord() {
        return config.target() instanceof ChannelTarget.Email ? "SMTP" : "HTTP";
    }

    private void retryOrDrop(Pending p, Result result, Duration took) {
        if (p.attempts >= config.maxAttempts()) {
            record(p, result.status(), DeliveryRecord.DROPPED, result.error(), took);
            dropped.increment(p.events.size());
            LOG.error("{} DROPPED after {} attempts, last: {}", p.describe(config.name()), p.attempts, result.error());
            finished();
            return;
        }
        Duration wait = policy.delay(p.attempts, result.retryAfter(), ThreadLocalRandom.current().nextDouble());
        record(p, result.status(), DeliveryRecord.RETRIED, result.error(), took);
        retried.increment();
        LOG.warn("{} attempt {}/{} failed ({}); retrying in {} ms", p.describe(config.name()), p.attempts,
                config.maxAttempts(), result.error(), wait.toMillis());
        timerId = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            timerId = -1;
            if (!closed) {
                paced(p);
            }
        });
    }

    private void finished() {
        current = null;
        next();
    }

    private void record(Pending p, Integer status, String outcome, String error, Duration took) {
        p.events.forEach(e -> record(p, e, p.attempts, outcome, status, error, took));
    }

    private void record(Pending p, AlertEvent e, int attempt, String outcome, Integer status, String error,
                        Duration took) {
        log.add(new DeliveryRecord(clock.instant(), config.name(), e.id(), p.deliveryId, attempt, outcome, status,
                error, took));
    }

    /** Stops: cancels the timers and abandons what is waiting (digest included), counting it as dropped. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (digestTimerId >= 0) {
            vertx.cancelTimer(digestTimerId);
        }
        List<String> abandoned = new ArrayList<>();
        if (current != null) {
            current.events.forEach(e -> abandoned.add(e.id()));
        }
        queue.forEach(p -> p.events.forEach(e -> abandoned.add(e.id())));
        digest.forEach(e -> abandoned.add(e.id()));
        queue.clear();
        digest.clear();
        current = null;
        waiting.set(0);
        sender.close();
        if (!abandoned.isEmpty()) {
            dropped.increment(abandoned.size());
            LOG.error("[webhook: {}] shutting down: {} undelivered events abandoned: {}", config.name(),
                    abandoned.size(), abandoned.size() <= 20 ? abandoned
                            : abandoned.subList(0, 20) + " and " + (abandoned.size() - 20) + " more");
        }
    }
}
