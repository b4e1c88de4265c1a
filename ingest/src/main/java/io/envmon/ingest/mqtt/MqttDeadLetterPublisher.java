package io.envmon.ingest.mqtt;

import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.DeadLetterCodec;
import io.envmon.ingest.pipeline.DeadLetterPublisher;
import io.vertx.core.Future;

/** Sends dead letters to {@code {root}/deadletter} with QoS 1 (CONTRACT §1, §3). */
public final class MqttDeadLetterPublisher implements DeadLetterPublisher {

    private final PahoMqttConnection connection;
    private final String topic;
    private final DeadLetterCodec codec = new DeadLetterCodec();

    public MqttDeadLetterPublisher(PahoMqttConnection connection, String topicRoot) {
        this.connection = connection;
        this.topic = topicRoot + "/deadletter";
    }

    @Override
    public Future<Void> publish(DeadLetter deadLetter) {
        return connection.publish(topic, codec.encode(deadLetter), 1);
    }
}
