package io.envmon.ingest.mqtt;

import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.DeadLetterCodec;
import io.envmon.ingest.pipeline.DeadLetterPublisher;
import io.vertx.core.Future;

/**
 * Sends dead letters to {@code {root}/deadletter} with QoS 1 (CONTRACT §1, §3), retrying until the broker takes
 * them: the message a dead letter belongs to stays unacknowledged meanwhile, so giving up would leave it
 * neither acknowledged nor redelivered.
 */
public final class MqttDeadLetterPublisher implements DeadLetterPublisher {

    private final ReliablePublisher publisher;
    private final String topic;
    private final DeadLetterCodec codec = new DeadLetterCodec();

    public MqttDeadLetterPublisher(ReliablePublisher publisher, String topicRoot) {
        this.publisher = publisher;
        this.topic = topicRoot + "/deadletter";
    }

    @Override
    public Future<Void> publish(DeadLetter deadLetter) {
        return publisher.publish(topic, codec.encode(deadLetter));
    }
}
