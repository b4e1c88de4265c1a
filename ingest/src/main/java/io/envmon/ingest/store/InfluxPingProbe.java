package io.envmon.ingest.store;

import io.envmon.ingest.health.ComponentHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pings InfluxDB on a worker every few seconds so {@code /health} answers from memory, without blocking. */
public final class InfluxPingProbe extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxPingProbe.class);

    private final PointWriter writer;
    private final ComponentHealth health;
    private final Duration every;
    private long timer;
    private String lastDown;

    public InfluxPingProbe(PointWriter writer, ComponentHealth health, Duration every) {
        this.writer = writer;
        this.health = health;
        this.every = every;
    }

    @Override
    public Future<?> start() {
        ping();
        timer = vertx.setPeriodic(every.toMillis(), id -> ping());
        return Future.succeededFuture();
    }

    private void ping() {
        vertx.executeBlocking(writer::ping, false).onComplete(ar -> {
            boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
            if (up) {
                if (!health.isUp()) {
                    LOG.info("InfluxDB is reachable");
                }
                lastDown = null;
                health.up("ping ok");
                return;
            }
            String why = "ping failed" + (ar.failed() ? ": " + ar.cause().getMessage() : "");
            // once per cause, not every few seconds
            if (!why.equals(lastDown)) {
                LOG.warn("InfluxDB is not reachable: {}", why);
            }
            lastDown = why;
            health.down(why);
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }
}
