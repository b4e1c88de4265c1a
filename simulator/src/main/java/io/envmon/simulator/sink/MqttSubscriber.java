package io.envmon.simulator.sink;

import io.envmon.simulator.transport.MqttCallbackAdapter;
import io.envmon.simulator.transport.PahoClients;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.TransportException;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT v5 subscription (Paho {@link MqttAsyncClient}) handing every message to a consumer on Paho's callback
 * thread. Paho acknowledges a QoS 1/2 message when the consumer returns, so a slow consumer slows the broker's
 * delivery as a real subscriber would.
 *
 * <p>Clean start and no automatic reconnect: a measuring subscriber that lost its connection has lost messages
 * the count cannot account for, so the loss is reported ({@link #lost()}) instead of hidden.
 */
public final class MqttSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttSubscriber.class);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private volatile String lost;
    private volatile boolean closing;

    public MqttSubscriber(MqttSettings settings, BiConsumer<String, byte[]> consumer) throws TransportException {
        this.settings = settings;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new TransportException("cannot use MQTT URL " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback(consumer));
    }

    /** Connects and subscribes to {@code filter} with the settings' QoS. @throws TransportException naming the cause */
    public void subscribe(String filter) throws TransportException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(30);
        long timeout = settings.connectTimeout().toMillis() + 1000;
        try {
            client.connect(options).waitForCompletion(timeout);
        } catch (MqttException e) {
            close();
            throw new TransportException("cannot connect to MQTT broker " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        try {
            IMqttToken token = client.subscribe(new MqttSubscription(filter, settings.qos()));
            token.waitForCompletion(timeout);
            int[] codes = token.getReasonCodes();
            // a granted QoS is 0..2; 0x80 and above is a refusal (not authorised, bad filter)
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                close();
                throw new TransportException("the broker refused the subscription to " + filter + " (reason code 0x"
                        + Integer.toHexString(codes[0]) + ")", null);
            }
        } catch (MqttException e) {
            close();
            throw new TransportException("cannot subscribe to " + filter + ": " + e.getMessage(), e);
        }
    }

    /** @return why the connection was lost, or {@code null} while it holds */
    public String lost() {
        return lost;
    }

    @Override
    public void close() {
        closing = true;
        PahoClients.disconnectAndClose(client);
    }

    private final class Callback extends MqttCallbackAdapter {
        private final BiConsumer<String, byte[]> consumer;

        Callback(BiConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            consumer.accept(topic, message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closing) {
                return;
            }
            lost = response.getException() != null ? String.valueOf(response.getException().getMessage())
                    : String.valueOf(response.getReasonString());
            log.warn("connection to {} lost: {}", settings.serverUri(), lost);
        }
    }
}
