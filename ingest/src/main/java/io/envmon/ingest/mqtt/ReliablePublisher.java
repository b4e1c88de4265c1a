package io.envmon.ingest.mqtt;

import io.envmon.model.Backoff;
import io.envmon.model.Backoff.Jitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes with QoS 1 and retries with backoff until the broker takes the message (the publishing connection
 * may be reconnecting). Fails only once the connection is stopping.
 */
public final class ReliablePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.class);
    /** 200 ms, doubling to 10 s, without jitter: one publisher retrying its own messages. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), Jitter.NONE);

    private final Vertx vertx;
    private final PahoMqttConnection connection;

    public ReliablePublisher(Vertx vertx, PahoMqttConnection connection) {
        this.vertx = vertx;
        this.connection = connection;
    }

    public Future<Void> publish(String topic, byte[] payload) {
        Promise<Void> done = Promise.promise();
        attempt(topic, payload, 0, done);
        return done.future();
    }

    private void attempt(String topic, byte[] payload, int attempt, Promise<Void> done) {
        connection.publish(topic, payload, 1).onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete();
                return;
            }
            if (connection.isStopping()) {
                done.fail(ar.cause());
                return;
            }
            if (attempt % 10 == 0) {
                LOG.warn("publishing to {} failed ({}); retrying", topic, ar.cause().getMessage());
            }
            vertx.setTimer(BACKOFF.delay(attempt, 0).toMillis(), id -> attempt(topic, payload, attempt + 1, done));
        });
    }
}
