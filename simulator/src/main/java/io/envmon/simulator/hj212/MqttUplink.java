package io.envmon.simulator.hj212;

import io.envmon.simulator.transport.MqttCallbackAdapter;
import io.envmon.simulator.transport.PahoClients;
import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import io.envmon.model.tls.TlsFailures;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HJ 212 over MQTT (CONTRACT §1): each frame is one QoS 1 message on {@code {root}/hj212/{mn}}; replies are read
 * from {@code {root}/hj212/+/down}. One shared connection for all simulated devices. The broker's PUBACK is not
 * the device's acknowledgement here: the service's 9014 is.
 */
public final class MqttUplink implements Hj212Uplink {

    private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);

    private final String url;
    private final String clientId;
    private final String topicRoot;
    private final SSLSocketFactory tls;
    private MqttAsyncClient client;

    /** @param tls the socket factory for ssl:// and wss:// (--mqtt-ca...), or {@code null} for the JVM's default */
    public MqttUplink(String url, String clientId, String topicRoot, SSLSocketFactory tls) {
        this.url = url;
        this.clientId = clientId;
        this.topicRoot = topicRoot;
        this.tls = tls;
    }

    @Override
    public void open(Consumer<byte[]> onReply) throws TransportException {
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            client.setCallback(new Replies(onReply));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 30);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            if (tls != null) {
                options.setSocketFactory(tls);
            }
            client.connect(options).waitForCompletion(11_000);
            client.subscribe(topicRoot + "/hj212/+/down", 1).waitForCompletion(10_000);
            log.info("connected to {} as {}; frames go to {}/hj212/{mn}, replies read from {}/hj212/+/down", url,
                    clientId, topicRoot, topicRoot);
        } catch (MqttException | IllegalArgumentException e) {
            close();
            throw new TransportException("cannot connect to MQTT broker " + url + ": "
                    + TlsFailures.describe(e, "--mqtt-ca"), e);
        }
    }

    @Override
    public void send(String mn, byte[] frame) throws IOException {
        MqttMessage message = new MqttMessage(frame);
        message.setQos(1);
        long pause = 5;
        while (true) {
            try {
                client.publish(topicRoot + "/hj212/" + mn, message);
                return;
            } catch (MqttException e) {
                int code = e.getReasonCode();
                boolean busy = code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                        || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
                if (!busy || pause > 2000) {
                    throw new IOException("publish for " + mn + " refused: " + e.getMessage(), e);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
                pause *= 2;
            }
        }
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        PahoClients.disconnectAndClose(client);
    }

    private final class Replies extends MqttCallbackAdapter {
        private final Consumer<byte[]> onReply;

        Replies(Consumer<byte[]> onReply) {
            this.onReply = onReply;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onReply.accept(message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("connection lost; reconnecting (frames without a 9014 are resent)");
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // a clean session forgets the subscription
                try {
                    client.subscribe(topicRoot + "/hj212/+/down", 1);
                } catch (MqttException e) {
                    log.warn("cannot subscribe to the replies again: {}", e.getMessage());
                }
            }
        }
    }
}
