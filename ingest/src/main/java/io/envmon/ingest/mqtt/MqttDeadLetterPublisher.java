package io.envmon.ingest.mqtt;

import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.DeadLetterCodec;
import io.envmon.ingest.pipeline.DeadLetterPublisher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters to {@code {root}/deadletter} with QoS 1 (CONTRACT §1, §3). A publish that fails (the
 * publishing connection is down) is retried with backoff until the broker takes it: the message it belongs to
 * stays unacknowledged meanwhile, so giving up would leave it neither acknowledged nor redelivered.
 */
public final class MqttDeadLetterPublisher implements DeadLetterPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDeadLetterPublisher.class);
    private static final long MAX_DELAY_MS = 10_000;

    private final Vertx vertx;
    private final PahoMqttConnection connection;
    private final String topic;
    private final DeadLetterCodec codec = new DeadLetterCodec();

    public MqttDeadLetterPublisher(Vertx vertx, PahoMqttConnection connection, String topicRoot) {
        this.vertx = vertx;
        this.connection = connection;
        this.topic = topicRoot + "/deadletter";
    }

    @Override
    public Future<Void> publish(DeadLetter deadLetter) {
        byte[] payload = codec.encode(deadLetter);
        Promise<Void> done = Promise.promise();
        attempt(payload, 0, done);
        return done.future();
    }

    private void attempt(byte[] payload, int attempt, Promise<Void> done) {
        connection.publish(topic, payload, 1).onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete();
                return;
            }
            if (connection.isStopping()) {
                done.fail(ar.cause());
                return;
            }
            long delay = Math.min(MAX_DELAY_MS, 200L << Math.min(attempt, 6));
            if (attempt % 10 == 0) {
                LOG.warn("publishing a dead letter to {} failed ({}); retrying", topic, ar.cause().getMessage());
            }
            vertx.setTimer(delay, id -> attempt(payload, attempt + 1, done));
        });
    }
}
