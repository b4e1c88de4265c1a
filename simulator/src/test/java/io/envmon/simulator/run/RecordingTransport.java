package io.envmon.simulator.run;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records what would have been published and at which wall time; acknowledges everything at once. */
class RecordingTransport implements Transport {

    record Sent(MonitoredPoint point, String topic, String payload, Instant wallTime) {
    }

    private final FakePacer pacer;
    private final Duration costPerMessage;
    final List<Sent> sent = new ArrayList<>();
    boolean connected;
    boolean closed;

    RecordingTransport(FakePacer pacer, Duration costPerMessage) {
        this.pacer = pacer;
        this.costPerMessage = costPerMessage;
    }

    @Override
    public void connect() {
        connected = true;
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload) {
        sent.add(new Sent(point, topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8), pacer.now()));
        pacer.advance(costPerMessage);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int close(Duration drainTimeout) {
        closed = true;
        return 0;
    }
}
