package io.envmon.simulator.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How to reach the broker.
 *
 * @param maxInflight upper bound on unacknowledged QoS 1/2 publications; the broker's Receive Maximum
 *                    (from CONNACK) lowers it further
 * @param username    MQTT user name, or {@code null} for an anonymous connection
 * @param password    its password, or {@code null}
 * @param tls         the TLS socket factory for {@code ssl://} and {@code wss://} built from --mqtt-ca (and
 *                    --mqtt-cert, --mqtt-key), or {@code null} for the JVM's default
 */
public record MqttSettings(String serverUri, String clientId, int qos, int maxInflight, Duration connectTimeout,
                           String username, String password, SSLSocketFactory tls) {

    /** An anonymous connection. */
    public MqttSettings(String serverUri, String clientId, int qos, int maxInflight, Duration connectTimeout) {
        this(serverUri, clientId, qos, maxInflight, connectTimeout, null, null, null);
    }

    /** The same broker, TLS and limits under another client ID and credentials (one connection per site). */
    public MqttSettings forClient(String otherClientId, String otherUsername, String otherPassword) {
        return new MqttSettings(serverUri, otherClientId, qos, maxInflight, connectTimeout, otherUsername, otherPassword,
                tls);
    }

    /** These settings with a TLS socket factory. */
    public MqttSettings withTls(SSLSocketFactory factory) {
        return new MqttSettings(serverUri, clientId, qos, maxInflight, connectTimeout, username, password, factory);
    }

    /**
     * Paho connection options for these settings: the login, the connect timeout, keep-alive 30 s; no automatic
     * reconnect (the caller reconnects). {@code sessionExpirySeconds} > 0 keeps a persistent session (clean start
     * off) so that QoS 1 messages in flight survive a reconnect; 0 starts clean.
     */
    public MqttConnectionOptions connectionOptions(long sessionExpirySeconds) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        options.setCleanStart(sessionExpirySeconds == 0);
        if (sessionExpirySeconds > 0) {
            options.setSessionExpiryInterval(sessionExpirySeconds);
        }
        options.setConnectionTimeout((int) Math.max(1, connectTimeout.toSeconds()));
        options.setKeepAliveInterval(30);
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    @Override
    public String toString() {
        // never print the password
        return "MqttSettings[" + serverUri + ", clientId=" + clientId + ", qos=" + qos + ", maxInflight=" + maxInflight
                + (username == null ? "" : ", username=" + username) + "]";
    }
}
