package io.envmon.ingest.it;

import io.envmon.testkit.MqttTestClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device publishing readings 0..total-1 to one station at a steady pace from its own thread, as a real
 * monitor would while the test breaks something. A publish the broker did not accept (it was down) is retried
 * on the next tick, so every reading is eventually published exactly as a device with a local buffer would.
 */
final class StreamPublisher implements AutoCloseable {

    private final IngestHarness harness;
    private final String topic;
    private final int total;
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MqttTestClient client;

    StreamPublisher(IngestHarness harness, String station, int total, Duration every) {
        this.harness = harness;
        this.topic = "env/air/" + station;
        this.total = total;
        scheduler.scheduleAtFixedRate(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        int n = next.get();
        if (n >= total) {
            return;
        }
        try {
            if (client == null || !client.isConnected()) {
                if (client != null) {
                    client.close();
                }
                client = MqttTestClient.connect(harness.mqtt.url());
            }
            client.publish(topic, harness.reading(n, "pm25", 20 + n % 50), 1);
            next.incrementAndGet();
        } catch (RuntimeException e) {
            client = null; // broker away: try again on the next tick
        }
    }

    int published() {
        return next.get();
    }

    boolean done() {
        return next.get() >= total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (client != null) {
            client.close();
        }
    }
}
