package io.envmon.simulator.transport;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Carries the simulator's messages to the broker. The point is passed with every message so that an
 * implementation may give each site its own connection (its own client ID, session and in-flight window, as
 * real data loggers have): {@link SiteConnections}; {@link PahoMqttTransport} alone shares one connection.
 */
public interface Transport extends AutoCloseable {

    /**
     * Connects, failing fast when the broker cannot be reached.
     *
     * @throws TransportException naming the broker and what went wrong
     */
    void connect() throws TransportException;

    /**
     * Hands one message over for publication. Blocks while the in-flight window is full or the connection is
     * down (back-pressure: the simulator falls behind rather than dropping readings).
     *
     * @return completes when the broker has acknowledged the message (QoS ≥ 1) or it was written (QoS 0);
     *         fails if the message was refused or lost
     * @throws InterruptedException when the run is being stopped while waiting
     */
    CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload) throws InterruptedException;

    /**
     * Whether the point's connection is up now. A device that is offline keeps its readings and sends them as a
     * backlog when this turns true again; messages published while it is false are parked, not lost.
     */
    default boolean isConnected(MonitoredPoint point) {
        return true;
    }

    /**
     * Waits up to {@code drainTimeout} for outstanding acknowledgements, then disconnects.
     *
     * @return how many messages were still unacknowledged when it gave up
     */
    int close(Duration drainTimeout);

    @Override
    default void close() {
        close(Duration.ZERO);
    }
}
