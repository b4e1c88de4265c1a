package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.EngineSet;
import io.envmon.alerts.engine.PointReading;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.SiteKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a cluster, how the alert runtime takes units over and hands them on (docs/scale-out.md#handover): a unit gained
 * waits for the settle delay and its lease, then is rebuilt from InfluxDB and the cluster's record of handed-out
 * events, with the readings that came meanwhile; an event of it that its previous owner recorded and never saw
 * acknowledged is handed out again; a unit lost is given up once its last events are acknowledged. On the alert
 * runtime's context only (a worker: the cluster's calls may block briefly).
 */
final class UnitTakeover {

    private static final Logger LOG = LoggerFactory.getLogger(UnitTakeover.class);
    /** How often a gained unit asks again for the lease its previous owner holds. */
    private static final Duration LEASE_POLL = Duration.ofMillis(200);

    private final UnitHandover handover;
    private final EngineSet engines;
    private final AlertBoard board;
    private final AlertStateRestorer restorer;
    private final Supplier<Map<SiteKind, Duration>> depth;
    private final Clock clock;
    /** Whether the cluster (as it last said) has this instance own a unit. */
    private final IntPredicate owned;
    /** Hands engine output out as the runtime does (recorded in the cluster, on the board, published). */
    private final Consumer<EngineOutput> emit;
    /** Units owned and not yet rebuilt, with the readings that came for them meanwhile. */
    private final Map<Integer, GainedUnit> pending = new HashMap<>();
    /** Per unit, the outputs with events whose publication the broker has not answered yet. */
    private final Map<Integer, Integer> deliveries = new HashMap<>();
    /** What waits for a unit's deliveries (its lease's give-up). */
    private final Map<Integer, List<Runnable>> afterDelivery = new HashMap<>();
    private final Counter rebuilds;
    private final Counter forcedTakeovers;
    private final Counter redelivered;
    private final Timer handoverTime;
    private final Timer rebuildTime;
    private Vertx vertx;
    private boolean adoptDue;
    private boolean stopped;

    UnitTakeover(UnitHandover handover, EngineSet engines, AlertBoard board, AlertStateRestorer restorer,
                 Supplier<Map<SiteKind, Duration>> depth, Clock clock, IntPredicate owned, Consumer<EngineOutput> emit,
                 MeterRegistry meters) {
        this.handover = handover;
        this.engines = engines;
        this.board = board;
        this.restorer = restorer;
        this.depth = depth;
        this.clock = clock;
        this.owned = owned;
        this.emit = emit;
        this.redelivered = Counter.builder("envmon.cluster.events.redelivered").description("Alert events handed "
                + "out again at a takeover: recorded by the unit's previous owner, never acknowledged by the broker")
                .register(meters);
        this.forcedTakeovers = Counter.builder("envmon.cluster.handover.forced").description("Units taken over "
                + "without their previous owner giving them up in time (an alert may have been handed out twice)")
                .register(meters);
        this.handoverTime = Timer.builder("envmon.cluster.handover").description("From a unit gained to its "
                + "evaluation here: the settle delay, the wait for the previous owner, the rebuild").register(meters);
        this.rebuilds = Counter.builder("envmon.cluster.rebuilds").description("Units (partitions) taken over and "
                + "rebuilt from InfluxDB, and units kept whose points were re-read after an instance left")
                .register(meters);
        this.rebuildTime = Timer.builder("envmon.cluster.rebuild").description("Reading back and rebuilding the "
                + "units gained at one change of ownership").register(meters);
    }

    /** Once deployed: the timers of the waits. */
    void start(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Nothing more is taken over; every unit evaluated here is given up (the next owners need not wait). */
    void stop() {
        stopped = true;
        engines.units().forEach(this::giveUp);
    }

    /** A unit kept after an instance left, whose points are re-read (counted with the rebuilds). */
    void reread() {
        rebuilds.increment();
    }

    /**
     * Applies what the cluster now says this instance owns, after the units lost were released: pending units no
     * longer owned are dropped, units owned and neither evaluated nor pending start waiting.
     *
     * @return true when units are waiting to be taken over (the board is ready only once they are)
     */
    boolean follow(Set<Integer> now) {
        pending.keySet().removeIf(u -> !now.contains(u));
        for (Integer unit : now) {
            if (!engines.has(unit) && !pending.containsKey(unit)) {
                pending.put(unit, new GainedUnit(System.nanoTime()));
            }
        }
        if (!pending.isEmpty()) {
            adoptLater(handover.settle());
        }
        return !pending.isEmpty();
    }

    /** A reading for a unit waiting to be taken over is kept for it; false when the unit is not waiting. */
    boolean hold(int unit, PointReading reading) {
        GainedUnit gained = pending.get(unit);
        if (gained == null) {
            return false;
        }
        gained.waiting().add(reading);
        return true;
    }

    /**
     * A unit released here: its lease is given up after its last evaluation and the broker's acknowledgement of its
     * last events, so that the next owner finds them delivered and does not hand them out again.
     */
    void released(int unit) {
        afterDeliveries(unit, () -> {
            if (!engines.has(unit) && !pending.containsKey(unit)) {
                giveUp(unit);
            }
        });
    }

    /** Before events are handed out: recorded in the cluster, pending. */
    void recording(List<AlertEvent> events) {
        try {
            handover.published().record(events);
        } catch (RuntimeException e) {
            LOG.warn("cluster: alert events not recorded in the cluster ({}); an instance taking their units over "
                    + "may hand them out again", e.getMessage());
        }
    }

    /** Follows the hand-out of one output's events (one engine's: one unit) until the broker has answered. */
    void handingOut(List<AlertEvent> events, Future<Void> handedOut, Consumer<Runnable> onContext) {
        int unit = engines.unitOf(events.get(0));
        deliveries.merge(unit, 1, Integer::sum);
        handedOut.onComplete(ar -> onContext.accept(() -> {
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
     * InfluxDB and the cluster's record of handed-out events, read after the leases were taken: the previous owner's
     * last events are in it. The others are tried again shortly.
     */
    private void adoptPending() {
        if (stopped || pending.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        List<Integer> free = new ArrayList<>();
        pending.forEach((unit, gained) -> {
            if (owned.test(unit) && gained.settled(t0, handover.settle()) && mayTake(unit, gained, t0)) {
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
            snapshot = restorer.read(now, depth.get());
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
            emit.accept(restored);
            List<AlertEvent> again = undelivered(unit, recent, last, restored);
            if (!again.isEmpty()) {
                LOG.info("cluster: {} alert events of unit {} its previous owner may not have handed out are handed "
                        + "out again", again.size(), unit);
                redelivered.increment(again.size());
                emit.accept(new EngineOutput(again, List.of(), List.of(), List.of()));
            }
            for (PointReading pr : gained.waiting()) {
                EngineOutput out = engines.onReading(pr.point(), pr.reading(), clock.instant());
                if (out != null) {
                    emit.accept(out);
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
     * unit over, between the two), still the alert's last, and not superseded by the rebuild: they may never have
     * left, so they are handed out again (at least once; identical if they did leave).
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
}
