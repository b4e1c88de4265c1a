package io.envmon.simulator.run;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records what would have been published, at which wall time and from which thread; acknowledges everything at
 * once. Each publication costs {@code costPerMessage} of the pacer's time, and one may be made to stall.
 */
class RecordingTransport implements Transport {

    record Sent(MonitoredPoint point, String topic, String payload, Instant wallTime, String thread) {
    }

    private final FakePacer pacer;
    private final Duration costPerMessage;
    final List<Sent> sent = new ArrayList<>();
    private int stallAt = -1;
    private Duration stall = Duration.ZERO;
    boolean connected;
    boolean closed;

    RecordingTransport(FakePacer pacer, Duration costPerMessage) {
        this.pacer = pacer;
        this.costPerMessage = costPerMessage;
    }

    /** Publication number {@code message} (from 1) takes {@code duration} instead of the usual cost. */
    RecordingTransport stallingAt(int message, Duration duration) {
        stallAt = message;
        stall = duration;
        return this;
    }

    @Override
    public void connect() {
        connected = true;
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload) {
        sent.add(new Sent(point, topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8), pacer.now(),
                Thread.currentThread().getName()));
        pacer.advance(sent.size() == stallAt ? stall : costPerMessage);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int close(Duration drainTimeout) {
        closed = true;
        return 0;
    }
}
