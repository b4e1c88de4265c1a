package io.envmon.ingest.pipeline;

import io.vertx.core.Future;

/** Publishes dead letters for operators (CONTRACT §3); the MQTT adapter sends them to {@code {root}/deadletter}. */
public interface DeadLetterPublisher {

    /** Succeeds once the broker has accepted the dead letter (QoS 1 PUBACK); fails if it could not be sent. */
    Future<Void> publish(DeadLetter deadLetter);
}
