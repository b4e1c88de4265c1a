package io.envmon.alerts.engine;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The alert engines of one instance of the service: one per <em>unit</em> it evaluates. A single instance has one
 * unit, {@code 0}, holding the whole registry; in a cluster a unit is a partition of the cluster and holds the
 * points whose {@link EvaluationGroups group} falls in it (docs/scale-out.md). A unit is adopted (a new engine,
 * restored from stored data) when the instance takes it over, released when another one does. Pure and not
 * thread-safe, like the engine.
 */
public final class EngineSet {

    private final ToIntFunction<MonitoredPoint> unitOfPoint;
    private final ToIntFunction<AlertEvent> unitOfEvent;
    private final IntFunction<AlertEngine> build;
    private final Map<Integer, AlertEngine> engines = new TreeMap<>();

    private EngineSet(ToIntFunction<MonitoredPoint> unitOfPoint, ToIntFunction<AlertEvent> unitOfEvent,
                      IntFunction<AlertEngine> build) {
        this.unitOfPoint = unitOfPoint;
        this.unitOfEvent = unitOfEvent;
        this.build = build;
    }

    /** One engine for everything, as a single instance runs: unit {@code 0}, to adopt before use. */
    public static EngineSet whole(AlertEngine engine) {
        return new EngineSet(p -> 0, e -> 0, u -> engine);
    }

    /**
     * Engines per unit, none adopted yet.
     *
     * @param build a new engine for a unit, scoped to its points ({@link AlertEngine#AlertEngine(
     *              io.envmon.model.registry.Registry, io.envmon.alerts.config.AlertRulesConfig,
     *              java.util.function.Predicate)})
     */
    public static EngineSet partitioned(ToIntFunction<MonitoredPoint> unitOfPoint,
                                        ToIntFunction<AlertEvent> unitOfEvent, IntFunction<AlertEngine> build) {
        return new EngineSet(unitOfPoint, unitOfEvent, build);
    }

    public int unitOf(MonitoredPoint point) {
        return unitOfPoint.applyAsInt(point);
    }

    public int unitOf(AlertEvent event) {
        return unitOfEvent.applyAsInt(event);
    }

    /** The units adopted. */
    public Set<Integer> units() {
        return java.util.Collections.unmodifiableSet(engines.keySet());
    }

    public boolean has(int unit) {
        return engines.containsKey(unit);
    }

    /**
     * Takes a unit over: a new engine for it, restored ({@link AlertEngine#restore}) from the last event of each of
     * its alerts not resolved and its stored readings (only the unit's are kept from both lists).
     *
     * @return what the restore produced, to publish and store as after a restart
     */
    public EngineOutput adopt(int unit, List<AlertEvent> openAlerts, List<PointReading> readings, Instant now) {
        AlertEngine engine = engineToAdopt(unit);
        List<AlertEvent> alerts = openAlerts.stream().filter(e -> unitOfEvent.applyAsInt(e) == unit).toList();
        List<PointReading> own = readings.stream().filter(r -> unitOfPoint.applyAsInt(r.point()) == unit).toList();
        EngineOutput out = engine.restore(alerts, own, now);
        engines.put(unit, engine);
        return out;
    }

    /** Takes a unit over with nothing restored (stored data could not be read): the engine starts empty. */
    public void adoptEmpty(int unit) {
        engines.put(unit, engineToAdopt(unit));
    }

    private AlertEngine engineToAdopt(int unit) {
        return build.apply(unit);
    }

    /** Drops a unit another instance now evaluates; its engine's state is gone. */
    public void release(int unit) {
        engines.remove(unit);
    }

    /** @return the output of the point's engine, or {@code null} when this set does not hold the point's unit */
    public EngineOutput onReading(MonitoredPoint point, Reading reading, Instant now) {
        AlertEngine engine = engines.get(unitOfPoint.applyAsInt(point));
        return engine == null ? null : engine.onReading(point, reading, now);
    }

    /** See {@link AlertEngine#onReload}; nothing when the unit was released meanwhile. */
    public EngineOutput onReload(MonitoredPoint point, Instant from, List<Reading> stored, Instant now) {
        AlertEngine engine = engines.get(unitOfPoint.applyAsInt(point));
        return engine == null ? EngineOutput.EMPTY : engine.onReload(point, from, stored, now);
    }

    public void reloadFailed(MonitoredPoint point) {
        AlertEngine engine = engines.get(unitOfPoint.applyAsInt(point));
        if (engine != null) {
            engine.reloadFailed(point);
        }
    }

    /** {@link AlertEngine#reloadEveryPoint()} on one unit's engine. */
    public EngineOutput reloadEveryPoint(int unit) {
        AlertEngine engine = engines.get(unit);
        return engine == null ? EngineOutput.EMPTY : engine.reloadEveryPoint();
    }

    /** Each engine's tick, in unit order. */
    public List<EngineOutput> onTick(Instant now) {
        return onTick(now, unit -> true);
    }

    /** The tick of the engines of the units {@code which} accepts (a unit about to be released is left out). */
    public List<EngineOutput> onTick(Instant now, java.util.function.IntPredicate which) {
        List<EngineOutput> out = new ArrayList<>(engines.size());
        engines.forEach((unit, engine) -> {
            if (which.test(unit)) {
                out.add(engine.onTick(now));
            }
        });
        return out;
    }

    /** Acknowledged by the engine that knows the alert; empty when none here does. */
    public Optional<AlertEvent> acknowledge(String alertId, String by, Instant now) {
        if (engines.size() == 1) {
            return engines.values().iterator().next().acknowledge(alertId, by, now);
        }
        for (AlertEngine engine : engines.values()) {
            if (engine.alert(alertId).isPresent()) {
                return engine.acknowledge(alertId, by, now);
            }
        }
        return Optional.empty();
    }

    /** The open alerts of one unit's engine. */
    public List<AlertEvent> openAlerts(int unit) {
        AlertEngine engine = engines.get(unit);
        return engine == null ? List.of() : engine.openAlerts();
    }

    /** The open alerts of every engine held. */
    public List<AlertEvent> openAlerts() {
        List<AlertEvent> out = new ArrayList<>();
        engines.values().forEach(e -> out.addAll(e.openAlerts()));
        return out;
    }

    /** The points the engines have seen readings of, summed. */
    public int points() {
        return engines.values().stream().mapToInt(e -> e.stats().points()).sum();
    }
}
