package io.envmon.ingest.mqtt;

import io.envmon.ingest.config.MqttConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.model.tls.ClientTls;
import io.envmon.model.tls.PemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's MQTT v5 session (Eclipse Paho): persistent (clean start off, session expiry), QoS 1
 * subscriptions, manual acknowledgements, reconnection with backoff. Paho calls back on its own threads;
 * every callback is handed to the owning Vert.x context, so the rest of the service sees one thread.
 *
 * <p>Memory stays bounded even when a broker sends more unacknowledged messages than the Receive Maximum we
 * ask for (Mosquitto 2.0 does, when it drains a backlog): each message takes a permit on Paho's callback
 * thread before it is handed over, and gives it back when it is finished. With no permit left, Paho stops
 * reading the socket and TCP holds the broker back. Publications (dead letters, replies) go over a second
 * connection, so their acknowledgements are never stuck behind a paused subscriber socket.
 */
public final class PahoMqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PahoMqttConnection.class);

    private final Vertx vertx;
    private final Context context;
    private final MqttConfig config;
    private final List<String> topicFilters;
    private final ComponentHealth health;
    private final Clock clock;
    /** Increments on every new connection and every loss; acknowledgements carry the value they arrived with. */
    private final AtomicLong connection = new AtomicLong();
    private final InflightWindow window;
    private final IntakeGate gate;
    private MqttAsyncClient client;
    private MqttAsyncClient publisher;
    private MqttLink subscriberLink;
    private MqttLink publisherLink;
    /** Where messages go; given by {@link #start}, before which none arrives. */
    private volatile Consumer<IncomingMessage> handler;
    private volatile boolean stopping;

    /**
     * @param context where messages are handed over and publications complete (the ingest context)
     * @param gate    asked before each message is taken (the alert engine's backlog)
     */
    public PahoMqttConnection(Vertx vertx, Context context, MqttConfig config, List<String> topicFilters,
                              ComponentHealth health, Clock clock, IntakeGate gate) {
        this.gate = gate;
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.topicFilters = List.copyOf(topicFilters);
        this.health = health;
        this.clock = clock;
        this.window = new InflightWindow(config.receiveMaximum(), config.inflightBytes());
    }

    /**
     * Starts connecting and hands every message to {@code handler} on the context. The future succeeds at once: a
     * broker that is down at start-up is retried in the background (and {@code /health} says so) rather than
     * stopping the service. It fails only when the URL or the TLS files (checked at start-up already) cannot be used.
     */
    public Future<Void> start(Consumer<IncomingMessage> handler) {
        this.handler = handler;
        SSLSocketFactory tls;
        try {
            tls = config.tls().isEmpty() ? null : ClientTls.load(config.tls()).socketFactory();
        } catch (PemException e) {
            return Future.failedFuture(new IllegalArgumentException("ENVMON_MQTT_TLS_* (mqtt.tls): " + e.getMessage(), e));
        }
        try {
            client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
            publisher = new MqttAsyncClient(config.url(), config.clientId() + "-pub", new MemoryPersistence());
        } catch (MqttException e) {
            return Future.failedFuture(new IllegalArgumentException("ENVMON_MQTT_URL (mqtt.url): " + e.getMessage(), e));
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        subscriberLink = new MqttLink(vertx, context, client, subscriberOptions(tls), "subscriber", health::down, clock);
        publisherLink = new MqttLink(vertx, context, publisher, publisherOptions(tls), "publisher", why -> { }, clock);
        publisher.setCallback(new PublisherCallback(publisherLink, this::isStopping, config.clientId() + "-pub"));
        subscriberLink.start();
        publisherLink.start();
        return Future.succeededFuture();
    }

    private MqttConnectionOptions subscriberOptions(SSLSocketFactory tls) {
        MqttConnectionOptions options = commonOptions(config.username(), config.password(), tls);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        return options;
    }

    /**
     * The publishing connection keeps no session: a publish in flight when it drops fails and is retried by its
     * caller. It may log in with an account of its own: a broker that uses user names as client IDs would otherwise
     * give both connections the same ID, and each would push the other off.
     */
    private MqttConnectionOptions publisherOptions(SSLSocketFactory tls) {
        MqttConnectionOptions options = commonOptions(config.publisherUsername(), config.publisherPassword(), tls);
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        return options;
    }

    private MqttConnectionOptions commonOptions(String username, String password, SSLSocketFactory tls) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        // MqttLink reconnects, so that every failed attempt is logged with its cause
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (tls != null) {
            // Paho still checks the server's certificate against the URL's host (HTTPS endpoint identification)
            options.setSocketFactory(tls);
        }
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = topicFilters.stream().map(f -> new MqttSubscription(f, 1))
                .toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length && i < subscriptions.length; i++) {
                        if (codes[i] > 2) {
                            LOG.error("broker refused subscription {} (reason code {}): check the broker's ACL",
                                    subscriptions[i].getTopic(), codes[i]);
                            health.down("subscription " + subscriptions[i].getTopic() + " refused (" + codes[i] + ")");
                            return;
                        }
                    }
                    LOG.info("subscribed to {} with QoS 1", topicFilters);
                    health.up("connected to " + config.url() + " as " + config.clientId());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("subscribing to {} failed: {}", topicFilters, failure.getMessage());
                    health.down("subscribe failed: " + failure.getMessage());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("subscribing to {} failed: {}", topicFilters, e.getMessage());
        }
    }

    /** Gives back the permit a message took on arrival; call exactly once per message, acknowledged or not. */
    public void release(IncomingMessage message) {
        window.give(message.payload().length);
    }

    /** The most messages held at once since start: at most the Receive Maximum (a metric for operators). */
    public long maxInflight() {
        return window.messagesHighWater();
    }

    /** The most payload bytes held at once since start: at most ENVMON_MQTT_INFLIGHT_BYTES. */
    public long maxInflightBytes() {
        return window.bytesHighWater();
    }

    /** Acknowledges a message to the broker, if it arrived on the current connection (else the broker resends it). */
    public void acknowledge(IncomingMessage message) {
        if (message.qos() == 0 || message.connection() != connection.get() || !client.isConnected()) {
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
        } catch (MqttException e) {
            LOG.warn("acknowledging message {} failed (the broker will redeliver it): {}", message.messageId(), e.getMessage());
        }
    }

    /** Publishes with the given QoS; succeeds when the broker has acknowledged (QoS 1) or the message is sent. */
    public Future<Void> publish(String topic, byte[] payload, int qos) {
        Promise<Void> promise = Promise.promise();
        try {
            MqttMessage message = new MqttMessage(payload, qos, false, null);
            publisher.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    context.runOnContext(v -> promise.tryComplete());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> promise.tryFail(failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            promise.tryFail(e);
        }
        return promise.future();
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Disconnects normally; the broker keeps the session (and unacknowledged messages) for the next start. */
    public Future<Void> stop() {
        stopping = true;
        if (client == null) {
            return Future.succeededFuture();
        }
        subscriberLink.stop();
        publisherLink.stop();
        return vertx.executeBlocking(() -> {
            disconnectAndClose(client);
            disconnectAndClose(publisher);
            return null;
        });
    }

    private static void disconnectAndClose(MqttAsyncClient target) {
        try {
            if (target.isConnected()) {
                target.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
        try {
            target.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            long id = connection.incrementAndGet();
            // ids count losses too: past the first, this is a reconnection (MqttLink's, so Paho's flag is false)
            LOG.info("MQTT {} to {} as {} (connection #{})", id > 1 ? "reconnected" : "connected", serverURI,
                    config.clientId(), id);
            context.runOnContext(v -> subscribe());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connection.incrementAndGet();
            String why = describe(response);
            health.down("disconnected: " + why);
            if (!stopping) {
                LOG.warn("MQTT connection lost ({}); reconnecting with backoff", why);
                subscriberLink.lost();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // blocks Paho's callback thread (never an event loop) until a message in flight is finished. Never
            // throws: Paho interrupts this thread when the connection drops, and an exception thrown back into
            // its shutdown leaves the client unable to reconnect. A message not handed over is not acknowledged,
            // so the broker redelivers it.
            byte[] payload = message.getPayload();
            BooleanSupplier stillWanted = () -> !stopping && client.isConnected();
            if (!gate.awaitRoom(stillWanted) || !window.take(payload.length, stillWanted)) {
                return;
            }
            IncomingMessage incoming = new IncomingMessage(topic, payload, message.getId(),
                    message.getQos(), message.isDuplicate(), connection.get(), clock.instant());
            context.runOnContext(v -> handler.accept(incoming));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish completion is handled by the per-publish listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    static String describe(MqttDisconnectResponse response) {
        return response.getReasonString() != null ? response.getReasonString()
                : response.getException() != null ? response.getException().getMessage()
                : "no reason given";
    }
}
