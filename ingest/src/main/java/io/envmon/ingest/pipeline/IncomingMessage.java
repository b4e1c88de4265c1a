package io.envmon.ingest.pipeline;

import java.time.Instant;

/**
 * A message as it came off the broker. {@code connection} identifies the MQTT connection it arrived on: an
 * acknowledgement is only valid on that same connection (packet IDs are reused after a reconnect).
 */
public record IncomingMessage(String topic, byte[] payload, int messageId, int qos, boolean duplicate,
                              long connection, Instant receivedAt) {
}
