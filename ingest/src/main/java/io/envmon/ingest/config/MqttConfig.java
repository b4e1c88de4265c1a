package io.envmon.ingest.config;

import java.time.Duration;

/**
 * How the service connects to the broker.
 *
 * @param sessionExpiry  how long the broker keeps the session (and queues readings) while the service is away
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may have in flight to us: the
 *                       window that bounds memory and throughput (docs/operations.md)
 */
public record MqttConfig(String url, String username, String password, String clientId, Duration sessionExpiry,
                         int receiveMaximum, Duration keepAlive) {
}
