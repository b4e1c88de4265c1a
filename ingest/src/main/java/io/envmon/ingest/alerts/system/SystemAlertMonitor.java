package io.envmon.ingest.alerts.system;

import io.envmon.alerts.event.AlertEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the service itself every {@code checkEvery} and raises envmon's own alerts (kind {@code system},
 * docs/alerts.md, "System alerts") through the alert channels, to the bureau only. It reads what {@code /metrics}
 * shows, from the meter registry by name, so it needs no hook into the components it watches:
 * {@code envmon.alerts.queued.readings} and {@code envmon.up{component=influxdb}}. A meter not registered yet is
 * "unknown", never "bad". Runs on a Vert.x timer; reading a gauge is cheap and does not block.
 */
public final class SystemAlertMonitor implements AutoCloseable {

    static final String QUEUED = "envmon.alerts.queued.readings";
    static final String UP = "envmon.up";

    private static final Logger LOG = LoggerFactory.getLogger(SystemAlertMonitor.class);

    private final Vertx vertx;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SystemConditions conditions;
    private final Consumer<AlertEvent> sink;
    private final long timerId;

    /** Starts looking at once; {@code sink} gets each event on a Vert.x event loop. */
    public SystemAlertMonitor(Vertx vertx, MeterRegistry meters, Clock clock, SystemAlertsConfig config,
                              Consumer<AlertEvent> sink) {
        this.vertx = vertx;
        this.meters = meters;
        this.clock = clock;
        this.conditions = new SystemConditions(config);
        this.sink = sink;
        this.timerId = vertx.setPeriodic(config.checkEvery().toMillis(), id -> check());
        LOG.info("system alerts: engine lag over {} queued readings for {}, InfluxDB unreachable for {}; checked every {}",
                config.queuedReadings(), config.engineLagFor(), config.influxDownFor(), config.checkEvery());
    }

    private void check() {
        try {
            Gauge queued = meters.find(QUEUED).gauge();
            Gauge influx = meters.find(UP).tag("component", "influxdb").gauge();
            Double q = queued == null || Double.isNaN(queued.value()) ? null : queued.value();
            Boolean up = influx == null || Double.isNaN(influx.value()) ? null : influx.value() > 0;
            for (AlertEvent e : conditions.sample(clock.instant(), q, up)) {
                LOG.warn("system alert {} {}: {}", e.rule(), e.state().wire(), e.message());
                sink.accept(e);
            }
        } catch (RuntimeException e) {
            LOG.error("system alerts: check failed", e);
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
