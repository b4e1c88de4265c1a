package io.envmon.simulator.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, by reason, the dead letters the service publishes on {@code {root}/deadletter} (CONTRACT §3) while a
 * run is sending, so that the ledger can say what the service told its operators, next to what it stored in
 * the {@code rejected} measurement. Dead letters are not retained: the watch must subscribe before the run sends.
 */
public final class DeadLetterWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 50;

    private final MqttAsyncClient client;
    private final String topic;
    private final MqttSettings settings;
    private final Map<String, Long> counts = new TreeMap<>();
    private long lastArrivalNanos = System.nanoTime();

    /**
     * @param login the operator's login ({@code envmon-operator} may read dead letters), or {@code null}
     * @throws TransportException when the URL cannot be used
     */
    public DeadLetterWatch(MqttSettings settings, String topicRoot, MqttCredentials.Login login) throws TransportException {
        this.settings = login == null ? settings.forClient(settings.clientId() + "-deadletters", null, null)
                : settings.forClient(settings.clientId() + "-deadletters", login.username(), login.password());
        this.topic = topicRoot + "/deadletter";
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), this.settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new TransportException("cannot use MQTT URL " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Counter());
    }

    /** Connects and subscribes (QoS 1), before anything is sent. */
    public void start() throws TransportException {
        MqttConnectionOptions options = settings.connectionOptions(0);
        options.setAutomaticReconnect(true); // a single client: Paho's reconnect (and its shared delay) is fine here
        long waitMillis = settings.connectTimeout().toMillis() + 1000;
        try {
            client.connect(options).waitForCompletion(waitMillis);
            IMqttToken subscription = client.subscribe(topic, 1);
            subscription.waitForCompletion(waitMillis);
            int[] granted = subscription.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] >= 0x80) {
                throw new TransportException("the broker refused the subscription to " + topic + " (reason code 0x"
                        + Integer.toHexString(granted[0]) + "); with --credentials the file needs a line for "
                        + "envmon-operator, who may read dead letters", null);
            }
        } catch (MqttException e) {
            close();
            throw new TransportException("cannot watch " + topic + " on " + settings.serverUri() + ": " + e.getMessage(), e);
        }
    }

    /** Dead letters so far, by reason. */
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits for the service to catch up: until {@code expected} dead letters arrived (then {@code quiet} more,
     * to see any beyond), or nothing arrived for {@code quiet} when none are expected, at most {@code max}.
     */
    public void awaitSettled(long expected, Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && total() < expected) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        while (System.nanoTime() < deadline && System.nanoTime() - lastArrival() < quiet.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private synchronized long lastArrival() {
        return lastArrivalNanos;
    }

    private synchronized void count(String reason) {
        counts.merge(reason, 1L, Long::sum);
        lastArrivalNanos = System.nanoTime();
    }

    @Override
    public void close() {
        PahoClients.disconnectAndClose(client);
    }

    /** Counts each dead letter by its {@code reason}; never throws into Paho. */
    private final class Counter extends MqttCallbackAdapter {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String reason;
            try {
                JsonNode node = JSON.readTree(message.getPayload());
                reason = node.path("reason").asText("");
            } catch (IOException e) {
                reason = "";
            }
            count(reason.isEmpty() ? "(unreadable)" : reason);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("dead-letter watch disconnected from {}; dead letters published meanwhile are not counted",
                    settings.serverUri());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // a clean session after a reconnect: subscribe again
            if (reconnect) {
                try {
                    client.subscribe(DeadLetterWatch.this.topic, 1);
                } catch (MqttException e) {
                    log.warn("dead-letter watch could not subscribe again: {}", e.getMessage());
                }
            }
        }
    }
}
