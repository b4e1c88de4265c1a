package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.EngineSet;
import io.envmon.alerts.engine.PointReading;
import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.pipeline.StoredReadingsListener;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
 *   <li>In a cluster (docs/scale-out.md) it evaluates only the units (partitions) this instance owns: the cluster
 *       tells it which with {@link #reassign}; a unit gained is rebuilt from InfluxDB, a unit lost is dropped, and
 *       when an instance died every unit kept re-reads its points' stored readings.</li>
 * </ul>
 */
public final class AlertVerticle extends VerticleBase implements StoredReadingsListener, AlertAcknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);

    private final EngineSet engines;
    private final Function<SiteKind, Duration> restoreDepth;
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
    /** In a cluster: the units this instance owns, as the cluster last said (any thread writes, the context reads). */
    private volatile Set<Integer> owned = Set.of();
    /** In a cluster: how gained units are taken over and lost ones handed on (docs/scale-out.md#handover); null: one
     * instance. On this context only. */
    private final UnitTakeover takeover;
    private Counter notOwned;
    private GroupedReloads reloadReader;

    /** One instance: one engine for the whole registry, no bound on its backlog, no spool. */
    public AlertVerticle(AlertEngine engine, AlertStateRestorer restorer, AlertBoard board, AlertOutlet outlet,
                         Duration tick, Clock clock, MeterRegistry meters) {
        this(engine, restorer, board, outlet, tick, clock, meters, new AlertBacklog(Long.MAX_VALUE), () -> 0);
    }

    /**
     * One instance: one engine for the whole registry.
     *
     * @param backlog the bound on readings waiting for the engine, which the MQTT connection also watches
     * @param spooled the durable spool's records not yet in InfluxDB: a reload waits while there are any
     */
    public AlertVerticle(AlertEngine engine, AlertStateRestorer restorer, AlertBoard board, AlertOutlet outlet,
                         Duration tick, Clock clock, MeterRegistry meters, AlertBacklog backlog, LongSupplier spooled) {
        this(EngineSet.whole(engine), engine::restoreDepth, restorer, board, outlet, tick, clock, meters, backlog,
                spooled, null);
    }

    /**
     * @param engines      the engines, one per unit
     * @param restoreDepth how far back a kind's readings are read back ({@link AlertEngine#restoreDepth})
     * @param handover     null for one instance (one unit, {@code 0}, restored at start); in a cluster, how units
     *                     are taken over and handed on
     */
    public AlertVerticle(EngineSet engines, Function<SiteKind, Duration> restoreDepth, AlertStateRestorer restorer,
                         AlertBoard board, AlertOutlet outlet, Duration tick, Clock clock, MeterRegistry meters,
                         AlertBacklog backlog, LongSupplier spooled, UnitHandover handover) {
        this.queued = backlog;
        this.engines = engines;
        this.restoreDepth = restoreDepth;
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
        this.spooled = spooled;
        meters.gauge("envmon.alerts.open", board, AlertBoard::size);
        meters.gauge("envmon.alerts.queued.readings", queued, AlertBacklog::size);
        meters.more().counter("envmon.alerts.backlog.waits", List.of(), queued, AlertBacklog::waits);
        this.takeover = handover == null ? null : new UnitTakeover(handover, engines, board, restorer, this::depth,
                // nothing is taken over once stopping (a shutdown's first step, from another thread)
                clock, unit -> !stopping && owned.contains(unit), out -> emit(out, AlertOutlet.NOT_FROM_A_READING),
                meters);
        if (handover != null) {
            notOwned = Counter.builder("envmon.cluster.readings.not.owned").description("Stored readings that "
                    + "reached this instance's engine for a unit it no longer owns (the owner reads them back)")
                    .register(meters);
            meters.gauge("envmon.cluster.units.evaluated", engines, e -> e.units().size());
        }
    }

    /**
     * Rebuilds the engine's state from InfluxDB (open alerts and recent readings), on this worker context, before
     * readings flow. If InfluxDB cannot be read, the engine starts empty and says so: alerts still open are then
     * raised again when their condition is seen, with the same ID when their start is the same.
     */
    @Override
    public Future<?> start() {
        reloadReader = new GroupedReloads(vertx, restorer, this::reloaded, this::reloadFailed);
        if (takeover != null) {
            takeover.start(vertx);
        }
        if (takeover == null) {
            Instant now = clock.instant();
            EngineOutput restored;
            try {
                AlertStateRestorer.Snapshot snapshot = restorer.read(now, depth());
                // the last event of every recent alert, resolved ones too: an episode that ended within the replayed
                // readings is then known as ended, not handed out again (a second "open", same ID)
                restored = engines.adopt(0, snapshot.lastEvents(), snapshot.readings(), now);
            } catch (RuntimeException e) {
                LOG.warn("alert state could not be read back from InfluxDB ({}); starting with none", e.getMessage());
                engines.adoptEmpty(0);
                restored = EngineOutput.EMPTY;
            }
            engines.openAlerts().forEach(board::record);
            emit(restored, AlertOutlet.NOT_FROM_A_READING);
            board.markReady();
        }
        // in a cluster the board is ready once the first ownership is applied (reassign)
        // a unit the cluster moved away is not ticked while its release waits behind queued readings
        timer = vertx.setPeriodic(tick.toMillis(), id -> engines.onTick(clock.instant(),
                        unit -> takeover == null || owned.contains(unit))
                .forEach(out -> emit(out, AlertOutlet.NOT_FROM_A_READING)));
        return Future.succeededFuture();
    }

    private Map<SiteKind, Duration> depth() {
        Map<SiteKind, Duration> depth = new EnumMap<>(SiteKind.class);
        for (SiteKind kind : SiteKind.values()) {
            depth.put(kind, restoreDepth.apply(kind));
        }
        return depth;
    }

    /**
     * In a cluster, from any thread: this instance now owns {@code units}. At once, readings for other units are no
     * longer evaluated here; then, on this context, units lost are dropped (their alerts leave the board and their
     * leases are given up), units gained are rebuilt from InfluxDB once they have settled and their previous owner has
     * given them up (the readings that arrive meanwhile are kept for them), and, when {@code memberLeft}, every unit
     * kept re-reads its points' stored readings: an instance that died may have stored readings of them without
     * handing them over (docs/scale-out.md#handover).
     */
    public void reassign(Set<Integer> units, boolean memberLeft) {
        owned = Set.copyOf(units);
        context.runOnContext(v -> applyOwnership(memberLeft));
    }

    private void applyOwnership(boolean memberLeft) {
        Set<Integer> now = owned;
        for (Integer unit : new ArrayList<>(engines.units())) {
            if (!now.contains(unit)) {
                engines.release(unit);
                board.forget(e -> engines.unitOf(e) == unit);
                takeover.released(unit);
            }
        }
        if (memberLeft) {
            for (Integer unit : engines.units()) {
                takeover.reread();
                emit(engines.reloadEveryPoint(unit), AlertOutlet.NOT_FROM_A_READING);
            }
        }
        if (!takeover.follow(now)) {
            board.markReady();
        }
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
                        EngineOutput out = owns(point) ? engines.onReading(point, reading, clock.instant()) : null;
                        if (out != null) {
                            emit(out, storedAt);
                        } else {
                            notHeld(point, reading);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("alert engine failed on a reading [point: {}, ts: {}]", point.label(), reading.ts(), e);
                    }
                }
            } finally {
                queued.evaluated(readings.size());
            }
        });
    }

    /**
     * One instance: always. In a cluster: whether the point's unit is still owned as the cluster last said, so that a
     * backlog queued before a unit moved is not evaluated here while its new owner already does.
     */
    private boolean owns(MonitoredPoint point) {
        return takeover == null || owned.contains(engines.unitOf(point));
    }

    /** In a cluster: a reading for a unit not (yet) rebuilt waits for it; one for a unit not owned is left out. */
    private void notHeld(MonitoredPoint point, Reading reading) {
        if (!takeover.hold(engines.unitOf(point), new PointReading(point, reading)) && notOwned != null) {
            notOwned.increment();
        }
    }

    @Override
    public Future<Optional<AlertEvent>> acknowledge(String id, String by) {
        Promise<Optional<AlertEvent>> done = Promise.promise();
        Context caller = Vertx.currentContext();
        context.runOnContext(v -> {
            try {
                Optional<AlertEvent> event = engines.acknowledge(id, by, clock.instant());
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
        if (takeover != null) {
            takeover.stop();
        }
        outlet.close();
        return Future.succeededFuture();
    }

    /** On this context: the board first (the API sees the engine's view at once), then the I/O and any reloads. */
    private void emit(EngineOutput out, long storedAt) {
        if (takeover != null && !out.events().isEmpty()) {
            takeover.recording(out.events());
        }
        out.events().forEach(board::record);
        out.reloads().forEach(this::reload);
        Future<Void> handedOut = outlet.accept(out, storedAt);
        if (takeover != null && !out.events().isEmpty()) {
            takeover.handingOut(out.events(), handedOut, task -> context.runOnContext(v -> task.run()));
        }
    }

    /** Counts the request; {@link GroupedReloads} reads it with others and answers on this context. */
    private void reload(ReloadRequest request) {
        if (spooled.getAsLong() > 0) {
            // readings acknowledged from the spool are not in InfluxDB yet: read now, the point's hours would be
            // rebuilt without them (and an hour with too few samples loses its record). The engine asks again at
            // a later tick; the readings that arrive meanwhile are kept for the reload (docs/alerts.md).
            reloadsDeferred.increment();
            engines.reloadFailed(request.point());
            return;
        }
        reloads.increment();
        reloadReader.request(request);
    }

    private void reloaded(ReloadRequest request, List<Reading> stored) {
        if (!owns(request.point())) {
            return; // moved to another instance meanwhile, which rebuilds it
        }
        emit(engines.onReload(request.point(), request.from(), stored, clock.instant()), AlertOutlet.NOT_FROM_A_READING);
    }

    private void reloadFailed(ReloadRequest request, Throwable cause) {
        LOG.warn("alert engine: stored readings of {} not read back ({}); trying again later",
                request.point().label(), cause.getMessage());
        engines.reloadFailed(request.point());
    }
}
