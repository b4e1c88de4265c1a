package io.envmon.simulator.transport;

import static io.envmon.simulator.transport.PahoErrors.describe;
import static io.envmon.simulator.transport.PahoErrors.isDisconnected;
import static io.envmon.simulator.transport.PahoErrors.isTransient;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
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
 * slips through (a race with Paho's own counter) is retried after a pause.
 *
 * <p>While the connection is down (the automatic reconnect at work), a message is parked instead of waited
 * for and sent on the resender thread once the connection is back: the caller never blocks on an outage.
 * Devices keep their readings themselves while offline ({@link #isConnected}); parking only covers the
 * messages caught in the moment the connection drops.
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
    private static final long WINDOW_POLL_MILLIS = 100;
    private static final long DRAIN_POLL_MILLIS = 20;

    private final ConnectionListener listener;
    private final MqttConnectionOptions options;
    private final Reconnection reconnection;
    private volatile boolean closing;
    private final Queue<Pending> unsent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean resendScheduled = new AtomicBoolean();
    /** Created on the first outage: most connections never need it. */
    private ExecutorService resender;
    private volatile Semaphore window;
    private volatile int windowSize;

    /** A message on its way: parked in {@link #unsent} while the connection is down. */
    private record Pending(String label, String topic, MqttMessage message, CompletableFuture<Void> done) {
    }

    /** Told when the connection goes down and comes back, e.g. to log one line for a group of connections. */
    public interface ConnectionListener {
        void changed(String clientId, boolean connected, String cause);
    }

    public PahoMqttTransport(MqttSettings settings) throws TransportException {
        this(settings, null, null);
    }

    /**
     * @param listener    told about connection changes instead of logging each, or {@code null} to log them
     * @param reconnector schedules reconnection attempts (may be shared by many connections), or {@code null} for
     *                    one of its own
     */
    public PahoMqttTransport(MqttSettings settings, ConnectionListener listener, ScheduledExecutorService reconnector)
            throws TransportException {
        this.settings = settings;
        this.options = settings.connectionOptions(SESSION_EXPIRY_SECONDS);
        this.listener = listener;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new TransportException("cannot use MQTT URL " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new ConnectionLogger());
        this.reconnection = new Reconnection(client, options, settings.clientId(), this::reconnected, reconnector);
    }

    private void reconnected() {
        if (listener != null) {
            listener.changed(settings.clientId(), true, null);
        } else {
            log.info("reconnected to {}", settings.serverUri());
        }
        resendUnsent();
    }

    @Override
    public void connect() throws TransportException {
        finishConnect(startConnect());
    }

    /**
     * Sends CONNECT without waiting for CONNACK, so that many connections can be opened at once (Paho 1.2.5
     * takes about 300 ms per connect: eclipse-paho/paho.mqtt.java#1089).
     *
     * @throws TransportException when the connect cannot even be started
     */
    IMqttToken startConnect() throws TransportException {
        try {
            return client.connect(options);
        } catch (MqttException e) {
            throw connectFailed(e);
        }
    }

    /** Waits for the CONNACK of {@link #startConnect()} and sizes the in-flight window from it. */
    void finishConnect(IMqttToken token) throws TransportException {
        try {
            token.waitForCompletion(settings.connectTimeout().toMillis() + 1000);
        } catch (MqttException e) {
            throw connectFailed(e);
        }
        Integer brokerMaximum = token.getResponseProperties() == null ? null
                : token.getResponseProperties().getReceiveMaximum();
        windowSize = Math.min(settings.maxInflight(), brokerMaximum == null ? DEFAULT_RECEIVE_MAXIMUM : brokerMaximum);
        window = new Semaphore(windowSize);
        if (listener == null) {
            log.info("connected [broker: {}, clientId: {}, qos: {}, in-flight window: {} (broker Receive Maximum {})]",
                    settings.serverUri(), settings.clientId(), settings.qos(), windowSize,
                    brokerMaximum == null ? "not sent" : brokerMaximum);
        }
    }

    private TransportException connectFailed(MqttException e) {
        closeQuietly();
        String who = settings.username() == null ? "" : " as user " + settings.username();
        return new TransportException("cannot connect to MQTT broker " + settings.serverUri() + who
                + " (client ID " + settings.clientId() + "): " + describe(e), e);
    }

    @Override
    public boolean isConnected(MonitoredPoint point) {
        return client.isConnected();
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload)
            throws InterruptedException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(settings.qos());
        Pending pending = new Pending(point.label(), topic, message, new CompletableFuture<>());
        offer(pending);
        return pending.done();
    }

    /**
     * Publishes, waiting for a place in the window while connected; while the connection is down the message
     * joins {@link #unsent} and this returns at once, so one site's outage never holds up the caller.
     */
    private void offer(Pending pending) throws InterruptedException {
        long pauseMillis = 5;
        while (true) {
            if (!client.isConnected()) {
                park(pending);
                return;
            }
            if (!window.tryAcquire(WINDOW_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                continue; // look at the connection again: a full window may never drain while it is down
            }
            try {
                // Paho undoes a refused publish (frees its message ID), so the same message can be offered again
                client.publish(pending.topic(), pending.message(), null, new Acknowledgement(pending));
                return;
            } catch (MqttException e) {
                window.release();
                if (isDisconnected(e)) {
                    park(pending);
                    return;
                }
                if (!isTransient(e)) {
                    log.warn("publish refused [point: {}, topic: {}]: {}", pending.label(), pending.topic(), describe(e));
                    pending.done().completeExceptionally(e);
                    return;
                }
                log.debug("publish deferred [point: {}, topic: {}]: {}", pending.label(), pending.topic(), describe(e));
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                pauseMillis = Math.min(1000, pauseMillis * 2);
            }
        }
    }

    /** Keeps a message until the connection is back; resends at once if it came back meanwhile. */
    private void park(Pending pending) {
        unsent.add(pending);
        if (client.isConnected()) {
            resendUnsent();
        }
    }

    /** On (re)connection: the parked messages go out on the resender thread, in the order they were parked. */
    private void resendUnsent() {
        if (unsent.isEmpty() || !resendScheduled.compareAndSet(false, true)) {
            return;
        }
        resender().execute(() -> {
            try {
                resendScheduled.set(false);
                Pending next;
                while (client.isConnected() && (next = unsent.poll()) != null) {
                    offer(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private synchronized ExecutorService resender() {
        if (resender == null) {
            resender = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "resend-" + settings.clientId());
                t.setDaemon(true);
                return t;
            });
        }
        return resender;
    }

    /** Messages waiting for the connection or for their PUBACK. */
    public int outstanding() {
        return unsent.size() + (window == null ? 0 : windowSize - window.availablePermits());
    }

    @Override
    public int close(Duration drainTimeout) {
        int outstanding = drain(System.nanoTime() + drainTimeout.toNanos());
        finishDisconnect(startDisconnect());
        return outstanding;
    }

    /**
     * Waits until nothing is outstanding or {@code deadlineNanos} ({@link System#nanoTime()}), then fails what
     * could not be sent.
     *
     * @return how many messages were still outstanding
     */
    int drain(long deadlineNanos) {
        try {
            while (outstanding() > 0 && System.nanoTime() < deadlineNanos) {
                TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        int outstanding = outstanding();
        synchronized (this) {
            if (resender != null) {
                resender.shutdownNow();
            }
        }
        reconnection.stop();
        Pending left;
        while ((left = unsent.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("not sent: the broker was unreachable until exit"));
        }
        return outstanding;
    }

    /** Sends DISCONNECT (session expiry 0: the broker need not keep the session), or {@code null} if not connected. */
    IMqttToken startDisconnect() {
        try {
            if (client.isConnected()) {
                MqttProperties properties = new MqttProperties();
                properties.setSessionExpiryInterval(0L);
                // no quiesce time: drain() has already waited for the acknowledgements (quiescing takes ~100 ms)
                return client.disconnect(0, null, null, 0, properties);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", describe(e));
        }
        return null;
    }

    /** Waits for {@link #startDisconnect()} and releases the client. */
    void finishDisconnect(IMqttToken token) {
        try {
            if (token != null) {
                token.waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", describe(e));
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", describe(e));
        }
    }

    /**
     * Completes a publication's future on PUBACK and frees its place in the window. Paho fails the tokens in
     * flight when the connection drops (sometimes twice): those messages are parked and sent again after the
     * reconnect (at least once; the service stores a repeated reading once).
     */
    private final class Acknowledgement implements MqttActionListener {
        private final Pending pending;
        private final AtomicBoolean settled = new AtomicBoolean();

        Acknowledgement(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            window.release();
            int[] codes = token.getReasonCodes();
            // MQTT 5 brokers may acknowledge with a failure reason (≥ 0x80), e.g. not authorised or quota exceeded
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                log.warn("broker refused a message [topic: {}, reason code: 0x{}]", pending.topic(), Integer.toHexString(codes[0]));
                pending.done().completeExceptionally(new IllegalStateException("PUBACK reason code 0x" + Integer.toHexString(codes[0])));
            } else {
                pending.done().complete(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            window.release();
            if (error instanceof MqttException e && isDisconnected(e) && !closing) {
                log.debug("in flight when the connection dropped, sent again later [topic: {}]", pending.topic());
                park(pending);
                return;
            }
            log.warn("publish failed [topic: {}]: {}", pending.topic(), describe(error));
            pending.done().completeExceptionally(error);
        }
    }

    /** Reports a lost connection and starts reconnecting; the simulator never subscribes. */
    private final class ConnectionLogger extends MqttCallbackAdapter {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String cause = response.getException() != null ? describe(response.getException()) : response.getReasonString();
            if (closing) {
                return;
            }
            if (listener != null) {
                listener.changed(settings.clientId(), false, cause);
            } else {
                log.warn("connection to {} lost ({}); reconnecting", settings.serverUri(), cause);
            }
            reconnection.schedule();
        }
    }
}
