package io.envmon.simulator.transport;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared MQTT v5 connection (Paho {@link MqttAsyncClient}) for every point.
 *
 * <p>In-flight control: Paho refuses a publish with "too many publishes in progress" (32202) once the
 * broker's Receive Maximum is reached. A semaphore sized min(--max-inflight, broker Receive Maximum) is taken
 * before each publish and given back on PUBACK, so the simulator waits instead of failing; a 32202 that still
 * slips through (a race with Paho's own counter) is retried after a pause, as is "not connected" while the
 * automatic reconnect is at work.
 *
 * <p>Session: {@code cleanStart=false} with a session expiry, so QoS 1 messages in flight when the connection
 * drops are resent by Paho after the automatic reconnect instead of being lost; on a normal close the session
 * expiry is set to 0 so the broker does not keep it.
 */
public final class PahoMqttTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(PahoMqttTransport.class);
    private static final long SESSION_EXPIRY_SECONDS = 600;
    private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private Semaphore window;
    private int windowSize;

    public PahoMqttTransport(MqttSettings settings) throws TransportException {
        this.settings = settings;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new TransportException("cannot use MQTT URL " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new ConnectionLogger());
    }

    @Override
    public void connect() throws TransportException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(30);
        if (settings.username() != null) {
            options.setUserName(settings.username());
            options.setPassword(settings.password() == null ? null : settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(settings.connectTimeout().toMillis() + 1000);
            Integer brokerMaximum = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            windowSize = Math.min(settings.maxInflight(), brokerMaximum == null ? DEFAULT_RECEIVE_MAXIMUM : brokerMaximum);
            window = new Semaphore(windowSize);
            log.info("connected [broker: {}, clientId: {}, qos: {}, in-flight window: {} (broker Receive Maximum {})]",
                    settings.serverUri(), settings.clientId(), settings.qos(), windowSize,
                    brokerMaximum == null ? "not sent" : brokerMaximum);
        } catch (MqttException e) {
            closeQuietly();
            throw new TransportException("cannot connect to MQTT broker " + settings.serverUri() + ": "
                    + describe(e), e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload)
            throws InterruptedException {
        window.acquire();
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Paho undoes a refused publish (frees its message ID), so the same message can be offered again
        MqttMessage message = new MqttMessage(payload);
        message.setQos(settings.qos());
        long pauseMillis = 5;
        while (true) {
            try {
                client.publish(topic, message, null, new Acknowledgement(done, topic));
                return done;
            } catch (MqttException e) {
                if (!isTransient(e)) {
                    window.release();
                    log.warn("publish refused [point: {}, topic: {}]: {}", point.label(), topic, describe(e));
                    done.completeExceptionally(e);
                    return done;
                }
                log.debug("publish deferred [point: {}, topic: {}]: {}", point.label(), topic, describe(e));
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                pauseMillis = Math.min(1000, pauseMillis * 2);
            }
        }
    }

    @Override
    public int close(Duration drainTimeout) {
        int outstanding = 0;
        if (window != null) {
            try {
                if (window.tryAcquire(windowSize, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    window.release(windowSize);
                } else {
                    outstanding = windowSize - window.availablePermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outstanding = windowSize - window.availablePermits();
            }
        }
        try {
            if (client.isConnected()) {
                MqttProperties properties = new MqttProperties();
                properties.setSessionExpiryInterval(0L);
                client.disconnect(2000, null, null, 0, properties).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", describe(e));
        }
        closeQuietly();
        return outstanding;
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", describe(e));
        }
    }

    private static boolean isTransient(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS
                || code == MqttClientException.REASON_CODE_DISCONNECTED_BUFFER_FULL
                || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            message = message + " (" + e.getCause().getMessage() + ")";
        }
        return e instanceof MqttException m ? message + " [reason " + m.getReasonCode() + "]" : message;
    }

    /** Completes a publication's future on PUBACK and frees its place in the window. */
    private final class Acknowledgement implements MqttActionListener {
        private final CompletableFuture<Void> done;
        private final String topic;

        Acknowledgement(CompletableFuture<Void> done, String topic) {
            this.done = done;
            this.topic = topic;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            window.release();
            int[] codes = token.getReasonCodes();
            // MQTT 5 brokers may acknowledge with a failure reason (≥ 0x80), e.g. not authorised or quota exceeded
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                log.warn("broker refused a message [topic: {}, reason code: 0x{}]", topic, Integer.toHexString(codes[0]));
                done.completeExceptionally(new IllegalStateException("PUBACK reason code 0x" + Integer.toHexString(codes[0])));
            } else {
                done.complete(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            window.release();
            log.warn("publish failed [topic: {}]: {}", topic, describe(error));
            done.completeExceptionally(error);
        }
    }

    /** Logs connection loss and recovery; the simulator never subscribes, so messages are not expected. */
    private final class ConnectionLogger implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("connection to {} lost ({}); reconnecting automatically", settings.serverUri(),
                    response.getException() != null ? describe(response.getException()) : response.getReasonString());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                log.info("reconnected to {}", serverUri);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            log.debug("unexpected message on {}", topic);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are handled per message by Acknowledgement
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            log.debug("AUTH packet {} ignored", reasonCode);
        }
    }
}
