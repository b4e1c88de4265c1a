package io.envmon.simulator.transport;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.MqttUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection per site, as the district's data loggers have: a station, a section or an enterprise
 * (all its outlets) each with its own client ID ({@code <prefix>-<site>}), session, in-flight window and
 * reconnect, and with {@code --credentials} its own broker user. A site whose connection is down does not hold
 * up the others; its device keeps its readings until the connection is back ({@link #isConnected}).
 */
public final class SiteConnections implements Transport {

    private static final Logger log = LoggerFactory.getLogger(SiteConnections.class);

    private static final int DISCONNECT_THREADS = 32;

    private final MqttSettings base;
    private final Map<String, PahoMqttTransport> bySite = new LinkedHashMap<>();
    private final AtomicInteger down = new AtomicInteger();
    /** One thread schedules every connection's reconnection attempts (each with its own backoff). */
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reconnect");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param credentials per-site logins, or {@code null} for the base settings' (usually anonymous) login
     * @throws TransportException when a site has no password in {@code credentials} or the URL is unusable
     */
    public SiteConnections(List<MonitoredPoint> points, MqttSettings base, MqttCredentials credentials)
            throws TransportException {
        this.base = base;
        for (MonitoredPoint point : points) {
            String site = key(point);
            if (!bySite.containsKey(site)) {
                MqttCredentials.Login login = credentials == null ? null : credentials.forPoint(point);
                MqttSettings settings = base.forClient(base.clientId() + "-" + point.site(),
                        login == null ? base.username() : login.username(),
                        login == null ? base.password() : login.password());
                bySite.put(site, new PahoMqttTransport(settings, this::changed, reconnector));
            }
        }
    }

    /** How many connections (sites). */
    public int size() {
        return bySite.size();
    }

    @Override
    public void connect() throws TransportException {
        // all CONNECTs first, then the CONNACKs: connecting one after the other takes ~300 ms each with Paho
        Map<PahoMqttTransport, IMqttToken> started = new LinkedHashMap<>();
        try {
            for (PahoMqttTransport connection : bySite.values()) {
                started.put(connection, connection.startConnect());
            }
            for (Map.Entry<PahoMqttTransport, IMqttToken> e : started.entrySet()) {
                e.getKey().finishConnect(e.getValue());
            }
        } catch (TransportException e) {
            close(Duration.ZERO);
            throw e;
        }
        log.info("connected {} sites, one connection each [broker: {}, client IDs: {}-<site>, qos: {}]",
                bySite.size(), base.serverUri(), base.clientId(), base.qos());
    }

    @Override
    public boolean isConnected(MonitoredPoint point) {
        return connection(point).isConnected(point);
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload) throws InterruptedException {
        return connection(point).publish(point, topic, payload);
    }

    @Override
    public int close(Duration drainTimeout) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        int outstanding = 0;
        for (PahoMqttTransport connection : bySite.values()) {
            outstanding += connection.drain(deadline);
        }
        // Paho spends ~100 ms in each disconnect call before it returns the token: disconnect side by side
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DISCONNECT_THREADS, bySite.size()), r -> {
            Thread t = new Thread(r, "disconnect");
            t.setDaemon(true);
            return t;
        });
        try {
            pool.invokeAll(bySite.values().stream().map(c -> (Callable<Void>) () -> {
                c.finishDisconnect(c.startDisconnect());
                return null;
            }).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            reconnector.shutdownNow();
        }
        return outstanding;
    }

    private PahoMqttTransport connection(MonitoredPoint point) {
        PahoMqttTransport connection = bySite.get(key(point));
        if (connection == null) {
            throw new IllegalArgumentException("no connection for " + point.label() + ": not in the points given at start");
        }
        return connection;
    }

    /** One line when the first connection drops and one when all are back, not one per site. */
    private void changed(String clientId, boolean connected, String cause) {
        if (!connected) {
            if (down.getAndIncrement() == 0) {
                log.warn("connection {} lost ({}); reconnecting automatically; devices keep their readings and send "
                        + "them as batches when their connection is back", clientId, cause);
            } else {
                log.debug("connection {} lost ({})", clientId, cause);
            }
        } else if (down.decrementAndGet() == 0) {
            log.info("all {} site connections are up again", bySite.size());
        } else {
            log.debug("connection {} is back", clientId);
        }
    }

    private static String key(MonitoredPoint point) {
        return MqttUsers.of(point.kind(), point.site());
    }
}
