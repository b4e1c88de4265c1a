package io.envmon.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * A small synchronous MQTT v5 client (Eclipse Paho) for tests: publishes and waits for completion, and collects
 * every message it receives (also those a persistent session delivers right after connecting) in a thread-safe list.
 * <pre>{@code
 * try (MqttTestClient client = MqttTestClient.connect(mqtt.url())) {
 *     client.subscribe("env/alerts/#");
 *     client.publish("env/air/TG-A01", "{...}", 1);
 *     client.awaitMessages("env/alerts/#", 1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class MqttTestClient implements AutoCloseable {

    /** A received message. {@code payload} is decoded as UTF-8. */
    public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {
    }

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttTestClient(MqttClient client, MqttConnectionOptions options) {
        this.client = client;
        this.options = options;
    }

    /** Connects with a random client ID and a clean, non-persistent session. */
    public static MqttTestClient connect(String url) {
        return connect(url, "testkit-" + UUID.randomUUID(), true);
    }

    /**
     * Connects with the given client ID. With {@code cleanStart = false} the session is persistent (expiry one
     * hour): subscriptions and queued QoS 1/2 messages survive a disconnect and a broker restart.
     *
     * @throws IllegalStateException when the connection fails (names the URL and the reason)
     */
    public static MqttTestClient connect(String url, String clientId, boolean cleanStart) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        try {
            MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
            MqttTestClient testClient = new MqttTestClient(client, options);
            // before connecting: a persistent session delivers its queued messages immediately
            client.setCallback(testClient.new Collector());
            client.connect(options);
            return testClient;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to " + url + " as " + clientId + ": " + e, e);
        }
    }

    public String clientId() {
        return client.getClientId();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes a UTF-8 payload, not retained, and waits until the broker acknowledged it (for QoS 1 and 2). */
    public void publish(String topic, String payload, int qos) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /** Publishes and waits until the broker acknowledged it (for QoS 1 and 2). */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        try {
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    /** Subscribes with QoS 1 and waits for the SUBACK. */
    public void subscribe(String topicFilter) {
        subscribe(topicFilter, 1);
    }

    /**
     * Subscribes and waits for the SUBACK.
     *
     * @throws IllegalStateException when the broker refuses the subscription
     */
    public void subscribe(String topicFilter, int qos) {
        try {
            IMqttToken token = client.subscribe(topicFilter, qos);
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new IllegalStateException("subscription to " + topicFilter + " refused, reason " + code);
                }
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot subscribe to " + topicFilter + ": " + e, e);
        }
    }

    /** @return a snapshot of everything received so far, in arrival order */
    public List<Received> messages() {
        return List.copyOf(received);
    }

    /** @return a snapshot of the messages received on topics matching {@code topicFilter} (MQTT wildcards) */
    public List<Received> messages(String topicFilter) {
        return received.stream().filter(m -> MqttTopicValidator.isMatched(topicFilter, m.topic())).toList();
    }

    /**
     * Waits until at least {@code count} messages matching {@code topicFilter} have arrived.
     *
     * @return those messages
     * @throws AssertionError on timeout, listing what did arrive
     */
    public List<Received> awaitMessages(String topicFilter, int count, Duration timeout) {
        try {
            Awaitility.await(count + " message(s) on " + topicFilter)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .until(() -> messages(topicFilter).size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + count + " message(s) on " + topicFilter + " within " + timeout
                    + ", received " + messages(topicFilter).size() + "; all received: " + messages(), e);
        }
        return messages(topicFilter);
    }

    /** Forgets the messages received so far. */
    public void clear() {
        received.clear();
    }

    /** Disconnects normally; a persistent session stays on the broker. */
    public void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot disconnect " + clientId() + ": " + e, e);
        }
    }

    /** Reconnects with the same client ID and options (after {@link #disconnect()} or a broker restart). */
    public void reconnect() {
        try {
            if (!client.isConnected()) {
                client.connect(options);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot reconnect " + clientId() + ": " + e, e);
        }
    }

    /** Disconnects (if connected) and releases the client's threads. Never throws. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            // the broker may already be gone; closing below is what matters
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    private final class Collector implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(), message.isRetained(), message.isDuplicate()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
