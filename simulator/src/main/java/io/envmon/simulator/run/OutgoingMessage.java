package io.envmon.simulator.run;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;

/**
 * One MQTT message ready to publish: a single reading or a batch.
 *
 * @param readings how many readings the payload carries
 * @param latest   the newest reading's timestamp, for progress output
 */
public record OutgoingMessage(MonitoredPoint point, String topic, byte[] payload, int readings, Instant latest) {
}
