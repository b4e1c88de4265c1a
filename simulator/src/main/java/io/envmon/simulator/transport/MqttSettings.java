package io.envmon.simulator.transport;

import java.time.Duration;

/**
 * How to reach the broker.
 *
 * @param maxInflight upper bound on unacknowledged QoS 1/2 publications; the broker's Receive Maximum
 *                    (from CONNACK) lowers it further
 * @param username    MQTT user name, or {@code null} for an anonymous connection
 * @param password    its password, or {@code null}
 */
public record MqttSettings(String serverUri, String clientId, int qos, int maxInflight, Duration connectTimeout,
                           String username, String password) {

    /** An anonymous connection. */
    public MqttSettings(String serverUri, String clientId, int qos, int maxInflight, Duration connectTimeout) {
        this(serverUri, clientId, qos, maxInflight, connectTimeout, null, null);
    }

    /** The same broker and limits under another client ID and credentials (one connection per site). */
    public MqttSettings forClient(String otherClientId, String otherUsername, String otherPassword) {
        return new MqttSettings(serverUri, otherClientId, qos, maxInflight, connectTimeout, otherUsername, otherPassword);
    }

    @Override
    public String toString() {
        // never print the password
        return "MqttSettings[" + serverUri + ", clientId=" + clientId + ", qos=" + qos + ", maxInflight=" + maxInflight
                + (username == null ? "" : ", username=" + username) + "]";
    }
}
