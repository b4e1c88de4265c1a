package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.pipeline.StoredReadingsListener;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert runtime, one job: feed the engine and hand what it decides to the {@link AlertOutlet}. Deployed as a
 * worker verticle ({@code ThreadingModel.WORKER}): the engine is single-threaded by design and runs on this
 * verticle's context only, one task at a time, never on an event loop.
 *
 * <ul>
 *   <li>Start: reads the engine's state back from InfluxDB ({@link AlertStateRestorer}), marks the
 *       {@link AlertBoard} ready, then evaluates on a clock tick (offline detection, closing quiet hours).</li>
 *   <li>Readings: {@link #onStored} (on the ingest context) only queues them onto this context.</li>
 *   <li>Late data: when a reading comes for an hour the engine has closed, it asks for the point's stored readings,
 *       read on a worker thread so that the engine keeps taking readings meanwhile.</li>
 *   <li>Stop: {@link #stopEvaluating()} first, from the shutdown thread, so that the undeployment does not wait for
 *       a backlog; the next start replays it from InfluxDB.</li>
 * </ul>
 */
public final class AlertVerticle extends VerticleBase implements StoredReadingsListener, AlertAcknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);
    /** The durable spool's gauge of records not yet drained into InfluxDB (SpoolMetrics). */
    static final String SPOOL_RECORDS = "envmon.spool.records";

    private final AlertEngine engine;
    private final AlertStateRestorer restorer;
    private final AlertBoard board;
    private final AlertOutlet outlet;
    private final Duration tick;
    private final Clock clock;
    private final Counter reloads;
    private final Counter reloadsDeferred;
    /** Readings acknowledged from the durable spool and not yet drained into InfluxDB (0 without a spool). */
    private final LongSupplier spooled;
    /** Readings handed to the engine and not yet evaluated: how far behind storage the alerts are. */
    private final AlertBacklog queued;
    /** Set at shutdown: queued readings are skipped, the next start evaluates them from InfluxDB. */
    private volatile boolean stopping;
    private long timer = -1;
    private GroupedReloads reloadReader;

    /**
     * @param meters also where the durable spool's {@value #SPOOL_RECORDS} gauge is found, when there is a spool (it
     *               is opened before this is built): a reload waits while it holds records
     */
    public AlertVerticle(AlertEngine engine, AlertStateRestorer restorer, AlertBoard board, AlertOutlet outlet,
                         Duration tick, Clock clock, MeterRegistry meters) {
        this(engine, restorer, board, outlet, tick, clock, meters, new AlertBacklog(Long.MAX_VALUE));
    }

    /** @param backlog the bound on readings waiting for the engine, which the MQTT connection also watches */
    public AlertVerticle(AlertEngine engine, AlertStateRestorer restorer, AlertBoard board, AlertOutlet outlet,
                         Duration tick, Clock clock, MeterRegistry meters, AlertBacklog backlog) {
        this.queued = backlog;
        this.engine = engine;
        this.restorer = restorer;
        this.board = board;
        this.outlet = outlet;
        this.tick = tick;
        this.clock = clock;
        this.reloads = Counter.builder("envmon.alerts.reloads")
                .description("Points re-read from InfluxDB to take in a reading for an hour already closed")
                .register(meters);
        this.reloadsDeferred = Counter.builder("envmon.alerts.reloads.deferred")
                .description("Reloads put off because the durable spool held readings not yet in InfluxDB")
                .register(meters);
        Gauge spool = meters.find(SPOOL_RECORDS).gauge();
        this.spooled = spool == null ? () -> 0 : () -> (long) spool.value();
        meters.gauge("envmon.alerts.open", board, AlertBoard::size);
        meters.gauge("envmon.alerts.queued.readings", queued, AlertBacklog::size);
        meters.more().counter("envmon.alerts.backlog.waits", List.of(), queued, AlertBacklog::waits);
    }

    /**
     * Rebuilds the engine's state from InfluxDB (open alerts and recent readings), on this worker context, before
     * readings flow. If InfluxDB cannot be read, the engine starts empty and says so: alerts still open are then
     * raised again when their condition is seen, with the same ID when their start is the same.
     */
    @Override
    public Future<?> start() {
        reloadReader = new GroupedReloads(vertx, restorer, this::reloaded, this::reloadFailed);
        Instant now = clock.instant();
        Map<SiteKind, Duration> depth = new EnumMap<>(SiteKind.class);
        for (SiteKind kind : SiteKind.values()) {
            depth.put(kind, engine.restoreDepth(kind));
        }
        EngineOutput restored;
        try {
            AlertStateRestorer.Snapshot snapshot = restorer.read(now, depth);
            restored = engine.restore(snapshot.openAlerts(), snapshot.readings(), now);
        } catch (RuntimeException e) {
            LOG.warn("alert state could not be read back from InfluxDB ({}); starting with none", e.getMessage());
            restored = EngineOutput.EMPTY;
        }
        engine.openAlerts().forEach(board::record);
        emit(restored, AlertOutlet.NOT_FROM_A_READING);
        board.markReady();
        timer = vertx.setPeriodic(tick.toMillis(), id -> emit(engine.onTick(clock.instant()),
                AlertOutlet.NOT_FROM_A_READING));
        return Future.succeededFuture();
    }

    /** Called on the ingest context: queues the readings for the engine's context and returns. */
    @Override
    public void onStored(MonitoredPoint point, List<Reading> readings) {
        queued.added(readings.size());
        long storedAt = System.nanoTime();
        context.runOnContext(v -> {
            try {
                if (stopping) {
                    return;
                }
                for (Reading reading : readings) {
                    try {
                        emit(engine.onReading(point, reading, clock.instant()), storedAt);
                    } catch (RuntimeException e) {
                        LOG.error("alert engine failed on a reading [point: {}, ts: {}]", point.label(), reading.ts(), e);
                    }
                }
            } finally {
                queued.evaluated(readings.size());
            }
        });
    }

    @Override
    public Future<Optional<AlertEvent>> acknowledge(String id, String by) {
        Promise<Optional<AlertEvent>> done = Promise.promise();
        Context caller = Vertx.currentContext();
        context.runOnContext(v -> {
            try {
                Optional<AlertEvent> event = engine.acknowledge(id, by, clock.instant());
                event.ifPresent(e -> emit(new EngineOutput(List.of(e), List.of(), List.of(), List.of()),
                        AlertOutlet.NOT_FROM_A_READING));
                answer(caller, () -> done.complete(event));
            } catch (RuntimeException e) {
                answer(caller, () -> done.fail(e));
            }
        });
        return done.future();
    }

    private static void answer(Context caller, Runnable result) {
        if (caller == null) {
            result.run();
        } else {
            caller.runOnContext(v -> result.run());
        }
    }

    /**
     * The first step of a shutdown, from any thread: readings still queued for the engine are skipped, so that
     * stopping does not wait for the engine to work through a backlog (it can be tens of seconds behind storage
     * after a burst). Nothing is lost: the readings are stored, and the next start replays them from InfluxDB
     * ({@link AlertStateRestorer}) and raises what was missed.
     */
    public void stopEvaluating() {
        stopping = true;
        long left = queued.size();
        if (left > 0) {
            LOG.info("stopping: {} stored readings not yet evaluated for alerts; the next start evaluates them", left);
        }
    }

    /** Stops the tick and webhook delivery. */
    @Override
    public Future<?> stop() {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (reloadReader != null) {
            reloadReader.close();
        }
        outlet.close();
        return Future.succeededFuture();
    }

    /** On this context: the board first (the API sees the engine's view at once), then the I/O and any reloads. */
    private void emit(EngineOutput out, long storedAt) {
        out.events().forEach(board::record);
        out.reloads().forEach(this::reload);
        outlet.accept(out, storedAt);
    }

    /** Counts the request; {@link GroupedReloads} reads it with others and answers on this context. */
    private void reload(ReloadRequest request) {
        if (spooled.getAsLong() > 0) {
            // readings acknowledged from the spool are not in InfluxDB yet: read now, the point's hours would be
            // rebuilt without them (and an hour with too few samples loses its record). The engine asks again at
            // a later tick; the readings that arrive meanwhile are kept for the reload (docs/alerts.md).
            reloadsDeferred.increment();
            engine.reloadFailed(request.point());
            return;
        }
        reloads.increment();
        reloadReader.request(request);
    }

    private void reloaded(ReloadRequest request, List<Reading> stored) {
        emit(engine.onReload(request.point(), request.from(), stored, clock.instant()), AlertOutlet.NOT_FROM_A_READING);
    }

    private void reloadFailed(ReloadRequest request, Throwable cause) {
        LOG.warn("alert engine: stored readings of {} not read back ({}); trying again later",
                request.point().label(), cause.getMessage());
        engine.reloadFailed(request.point());
    }
}
