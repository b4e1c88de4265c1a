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
import io.micrometer.core.instrument.Timer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
    /** How often a gained unit asks again for the lease its previous owner holds. */
    private static final Duration LEASE_POLL = Duration.ofMillis(200);

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
    /** In a cluster: how units are taken over and handed on (docs/scale-out.md#handover); null: one instance. */
    private final UnitHandover handover;
    /** In a cluster: the units this instance owns, as the cluster last said (any thread writes, the context reads). */
    private volatile Set<Integer> owned = Set.of();
    /** Units owned and not yet rebuilt, with the readings that came for them meanwhile; on this context only. */
    private final Map<Integer, GainedUnit> pending = new HashMap<>();
    /** In a cluster: per unit, the outputs with events whose publication the broker has not answered yet. */
    private final Map<Integer, Integer> deliveries = new HashMap<>();
    /** What waits for a unit's deliveries (its lease's give-up); on this context only. */
    private final Map<Integer, List<Runnable>> afterDelivery = new HashMap<>();
    /** Whether {@link #adoptPending} is due on a timer; on this context only. */
    private boolean adoptDue;
    private Counter rebuilds;
    private Counter forcedTakeovers;
    private Counter redelivered;
    private Timer handoverTime;
    private Counter notOwned;
    private Timer rebuildTime;
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
        this.handover = handover;
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
        if (handover != null) {
            redelivered = Counter.builder("envmon.cluster.events.redelivered").description("Alert events handed "
                    + "out again at a takeover: recorded by the unit's previous owner, never acknowledged by the broker")
                    .register(meters);
            forcedTakeovers = Counter.builder("envmon.cluster.handover.forced").description("Units taken over "
                    + "without their previous owner giving them up in time (an alert may have been handed out twice)")
                    .register(meters);
            handoverTime = Timer.builder("envmon.cluster.handover").description("From a unit gained to its "
                    + "evaluation here: the settle delay, the wait for the previous owner, the rebuild").register(meters);
            rebuilds = Counter.builder("envmon.cluster.rebuilds").description("Units (partitions) taken over and "
                    + "rebuilt from InfluxDB, and units kept whose points were re-read after an instance left")
                    .register(meters);
            rebuildTime = Timer.builder("envmon.cluster.rebuild").description("Reading back and rebuilding the "
                    + "units gained at one change of ownership").register(meters);
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
        if (handover == null) {
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
                        unit -> handover == null || owned.contains(unit))
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
                // after its last evaluation here and the broker's acknowledgement of its last events: the next owner
                // then finds them delivered and does not hand them out again
                afterDeliveries(unit, () -> {
                    if (!engines.has(unit) && !pending.containsKey(unit)) {
                        giveUp(unit);
                    }
                });
            }
        }
        pending.keySet().removeIf(u -> !now.contains(u));
        if (memberLeft) {
            for (Integer unit : engines.units()) {
                rebuilds.increment();
                emit(engines.reloadEveryPoint(unit), AlertOutlet.NOT_FROM_A_READING);
            }
        }
        for (Integer unit : now) {
            if (!engines.has(unit) && !pending.containsKey(unit)) {
                pending.put(unit, new GainedUnit(System.nanoTime()));
            }
        }
        if (!pending.isEmpty()) {
            adoptLater(handover.settle());
        } else {
            board.markReady();
        }
    }

    private void giveUp(int unit) {
        try {
            handover.leases().giveUp(unit);
        } catch (RuntimeException e) {
            LOG.warn("cluster: unit {} not given up ({}); its next owner takes it over after {}", unit,
                    e.getMessage(), handover.patience());
        }
    }

    private void adoptLater(Duration delay) {
        if (!adoptDue) {
            adoptDue = true;
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                adoptDue = false;
                adoptPending();
            });
        }
    }

    /**
     * Rebuilds the units gained that have settled and whose lease this instance could take, from one read of
     * InfluxDB and the cluster's record of handed-out events (blocking: this is a worker context), read after the
     * leases were taken: the previous owner's last events are in it. The others are tried again shortly.
     */
    private void adoptPending() {
        if (stopping || pending.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        List<Integer> free = new ArrayList<>();
        pending.forEach((unit, gained) -> {
            if (owned.contains(unit) && gained.settled(t0, handover.settle()) && mayTake(unit, gained, t0)) {
                free.add(unit);
            }
        });
        if (!free.isEmpty()) {
            adopt(free, t0);
        }
        if (!pending.isEmpty()) {
            adoptLater(LEASE_POLL);
        } else {
            board.markReady();
        }
    }

    private boolean mayTake(int unit, GainedUnit gained, long now) {
        try {
            if (handover.leases().tryTake(unit)) {
                return true;
            }
            if (now - gained.since() < handover.patience().toNanos()) {
                if (!gained.waitLogged) {
                    gained.waitLogged = true;
                    LOG.info("cluster: unit {} waits for {} to give it up", unit, handover.leases().holder(unit));
                }
                return false;
            }
            LOG.warn("cluster: unit {} not given up by {} within {}; taken over (an alert it hands out meanwhile may "
                    + "be handed out twice)", unit, handover.leases().holder(unit), handover.patience());
            handover.leases().takeOver(unit);
            forcedTakeovers.increment();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("cluster: the lease of unit {} could not be read ({}); trying again", unit, e.getMessage());
            return false;
        }
    }

    private void adopt(List<Integer> units, long t0) {
        Instant now = clock.instant();
        AlertStateRestorer.Snapshot snapshot;
        try {
            snapshot = restorer.read(now, depth());
        } catch (RuntimeException e) {
            LOG.warn("cluster: the state of {} units could not be read back from InfluxDB ({}); they start empty",
                    units.size(), e.getMessage());
            snapshot = null;
        }
        List<PublishedEvents.Published> recent = recentlyPublished();
        Map<String, AlertEvent> last = lastEvents(snapshot == null ? List.of() : snapshot.lastEvents(), recent);
        int points = 0;
        for (Integer unit : units) {
            GainedUnit gained = pending.remove(unit);
            EngineOutput restored = EngineOutput.EMPTY;
            if (snapshot == null) {
                engines.adoptEmpty(unit);
            } else {
                restored = engines.adopt(unit, List.copyOf(last.values()), snapshot.readings(), now);
            }
            engines.openAlerts(unit).forEach(board::record);
            emit(restored, AlertOutlet.NOT_FROM_A_READING);
            List<AlertEvent> again = undelivered(unit, recent, last, restored);
            if (!again.isEmpty()) {
                LOG.info("cluster: {} alert events of unit {} its previous owner may not have handed out are handed "
                        + "out again", again.size(), unit);
                redelivered.increment(again.size());
                emit(new EngineOutput(again, List.of(), List.of(), List.of()), AlertOutlet.NOT_FROM_A_READING);
            }
            for (PointReading pr : gained.waiting()) {
                EngineOutput out = engines.onReading(pr.point(), pr.reading(), clock.instant());
                if (out != null) {
                    emit(out, AlertOutlet.NOT_FROM_A_READING);
                }
            }
            rebuilds.increment();
            handoverTime.record(System.nanoTime() - gained.since(), TimeUnit.NANOSECONDS);
            points += gained.waiting().size();
        }
        rebuildTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        LOG.info("cluster: now evaluating {} units ({} readings that came meanwhile taken in) in {} ms",
                engines.units().size(), points, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A unit gained and not yet evaluated here: since when, and the readings that came for it meanwhile. */
    private static final class GainedUnit {
        private final long since;
        private final List<PointReading> waiting = new ArrayList<>();
        private boolean waitLogged;

        GainedUnit(long since) {
            this.since = since;
        }

        long since() {
            return since;
        }

        List<PointReading> waiting() {
            return waiting;
        }

        boolean settled(long now, Duration settle) {
            return now - since >= settle.toNanos();
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
     * The last event of each alert, resolved ones included (so that the rebuild does not hand out again an episode
     * that ended): InfluxDB's, unless the cluster's record of handed-out events has a later one (its row may still be
     * on its way through the previous owner's sink, or lost with it).
     */
    private static Map<String, AlertEvent> lastEvents(List<AlertEvent> stored,
                                                      List<PublishedEvents.Published> recent) {
        Map<String, AlertEvent> last = new HashMap<>();
        stored.forEach(e -> last.put(e.id(), e));
        for (PublishedEvents.Published p : recent) {
            AlertEvent known = last.get(p.event().id());
            if (known == null || p.event().isAfter(known)) {
                last.put(p.event().id(), p.event());
            }
        }
        return last;
    }

    private List<PublishedEvents.Published> recentlyPublished() {
        try {
            return handover.published().recent();
        } catch (RuntimeException e) {
            LOG.warn("cluster: the alert events handed out recently could not be read ({})", e.getMessage());
            return List.of();
        }
    }

    /**
     * The events of a unit that its previous owner recorded and the broker never acknowledged (it died, or handed the
     * unit over, between the two), still the alert's last event, and not superseded by the rebuild: they may never
     * have left, so they are handed out again (at least once; identical if they did leave).
     */
    private List<AlertEvent> undelivered(int unit, List<PublishedEvents.Published> recent,
                                         Map<String, AlertEvent> last, EngineOutput restored) {
        List<AlertEvent> out = new ArrayList<>();
        for (PublishedEvents.Published p : recent) {
            AlertEvent e = p.event();
            if (!p.delivered() && engines.unitOf(e) == unit && e.equals(last.get(e.id()))
                    && restored.events().stream().noneMatch(r -> r.id().equals(e.id()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * One instance: always. In a cluster: whether the point's unit is still owned as the cluster last said, so that a
     * backlog queued before a unit moved is not evaluated here while its new owner already does.
     */
    private boolean owns(MonitoredPoint point) {
        return handover == null || owned.contains(engines.unitOf(point));
    }

    /** In a cluster: a reading for a unit not (yet) rebuilt waits for it; one for a unit not owned is left out. */
    private void notHeld(MonitoredPoint point, Reading reading) {
        GainedUnit gained = pending.get(engines.unitOf(point));
        if (gained != null) {
            gained.waiting().add(new PointReading(point, reading));
        } else if (notOwned != null) {
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
        if (handover != null) {
            engines.units().forEach(this::giveUp); // nothing is evaluated here any more: the next owners need not wait
        }
        outlet.close();
        return Future.succeededFuture();
    }

    /** On this context: the board first (the API sees the engine's view at once), then the I/O and any reloads. */
    private void emit(EngineOutput out, long storedAt) {
        if (handover != null && !out.events().isEmpty()) {
            try {
                handover.published().record(out.events());
            } catch (RuntimeException e) {
                LOG.warn("cluster: alert events not recorded in the cluster ({}); an instance taking their units over "
                        + "may hand them out again", e.getMessage());
            }
        }
        out.events().forEach(board::record);
        out.reloads().forEach(this::reload);
        Future<Void> handedOut = outlet.accept(out, storedAt);
        if (handover != null && !out.events().isEmpty()) {
            List<AlertEvent> events = out.events();
            int unit = engines.unitOf(events.get(0)); // one engine's output: one unit
            deliveries.merge(unit, 1, Integer::sum);
            handedOut.onComplete(ar -> context.runOnContext(x -> {
                if (ar.succeeded()) {
                    delivered(events);
                }
                if (deliveries.merge(unit, -1, Integer::sum) == 0) {
                    deliveries.remove(unit);
                    List<Runnable> waiting = afterDelivery.remove(unit);
                    if (waiting != null) {
                        waiting.forEach(Runnable::run);
                    }
                }
            }));
        }
    }

    /** Runs {@code then} on this context once the unit's events handed out so far are acknowledged (or failed). */
    private void afterDeliveries(int unit, Runnable then) {
        if (deliveries.getOrDefault(unit, 0) == 0) {
            then.run();
        } else {
            afterDelivery.computeIfAbsent(unit, u -> new ArrayList<>()).add(then);
        }
    }

    private void delivered(List<AlertEvent> events) {
        try {
            handover.published().delivered(events);
        } catch (RuntimeException e) {
            LOG.warn("cluster: alert events not marked delivered in the cluster ({}); an instance taking their units "
                    + "over hands them out again", e.getMessage());
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
