package io.envmon.ingest.it;

import io.envmon.testkit.MqttTestClient;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A station streaming readings at a set rate from its own thread while a fault suite breaks things: messages of
 * {@code batch} readings, reading {@code n} timed {@code base + n ms} and carrying {@code "seq": n}, so the readings
 * sent are exactly the points {@code [base, base + sent() ms)} of the station: the stream is its own ledger.
 * A message the broker did not acknowledge (it was down) is published again on the next tick, as a device with a
 * local buffer would; one the broker took but whose acknowledgement was lost may reach it twice (at least once).
 */
final class RateStream implements AutoCloseable {

    private final IngestHarness harness;
    private final String topic;
    private final Instant base;
    private final int batch;
    private final long limit;
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean paused;
    private MqttTestClient client;

    /**
     * @param perSecond readings a second (a message of {@code batch} readings every {@code batch / perSecond} s)
     * @param limit     stop after this many readings ({@code Long.MAX_VALUE}: until {@link #close()})
     */
    RateStream(IngestHarness harness, String station, Instant base, int perSecond, int batch, long limit) {
        this.harness = harness;
        this.topic = "env/air/" + station;
        this.base = base;
        this.batch = batch;
        this.limit = limit;
        long periodMicros = Math.max(1, 1_000_000L * batch / perSecond);
        scheduler.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        if (paused || next.get() >= limit) {
            return;
        }
        long from = next.get();
        long to = Math.min(limit, from + batch);
        try {
            if (client == null || !client.isConnected()) {
                if (client != null) {
                    client.close();
                }
                client = MqttTestClient.connect(harness.mqtt.url());
            }
            client.publish(topic, body(from, to), 1);
            next.set(to);
            messages.incrementAndGet();
        } catch (RuntimeException e) {
            retries.incrementAndGet();
            client = null; // broker away: the same message again on the next tick
        }
    }

    private String body(long from, long to) {
        StringBuilder body = new StringBuilder(64 * (int) (to - from)).append("{\"readings\": [");
        for (long n = from; n < to; n++) {
            body.append(n == from ? "" : ",").append("{\"ts\": \"").append(base.plusMillis(n))
                    .append("\", \"values\": {\"pm25\": ").append(20 + n % 50).append("}, \"seq\": ").append(n)
                    .append('}');
        }
        return body.append("]}").toString();
    }

    /** Readings the broker acknowledged: reading numbers 0 to sent() − 1. */
    long sent() {
        return next.get();
    }

    /** Messages the broker acknowledged. */
    int messages() {
        return messages.get();
    }

    /** Publishes that failed (broker down) and were tried again. */
    int retries() {
        return retries.get();
    }

    boolean done() {
        return next.get() >= limit;
    }

    /** Stops publishing until {@link #resume()}; returns once a message being published is done. */
    void pause() {
        paused = true;
        try {
            scheduler.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void resume() {
        paused = false;
    }

    /** Stops publishing; what was sent stays sent. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            client.close();
        }
    }
}
