package io.envmon.simulator.transport;

import java.time.Duration;

/**
 * How to reach the broker.
 *
 * @param maxInflight upper bound on unacknowledged QoS 1/2 publications; the broker's Receive Maximum
 *                    (from CONNACK) lowers it further
 */
public record MqttSettings(String serverUri, String clientId, int qos, int maxInflight, Duration connectTimeout) {
}
