package io.envmon.simulator.scenario;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.scenario.Scenario.Effect;
import io.envmon.simulator.scenario.Scenario.ExpectedAlert;
import io.envmon.simulator.scenario.Scenario.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.function.Function;
import io.envmon.simulator.values.ValueModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scenarios combined: their effects apply in file order, their injections and expectations add up. */
public final class ScenarioSet {

    private final List<Scenario> scenarios;

    public ScenarioSet(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    public static ScenarioSet none() {
        return new ScenarioSet(List.of());
    }

    public List<String> names() {
        return scenarios.stream().map(Scenario::name).toList();
    }

    public boolean isEmpty() {
        return scenarios.isEmpty();
    }

    /**
     * Checks that every site an effect or expectation names is in the registry.
     *
     * @throws ScenarioException naming the scenario and the site
     */
    public void check(Registry registry) throws ScenarioException {
        List<MonitoredPoint> points = registry.points();
        for (Scenario s : scenarios) {
            for (Effect e : s.effects()) {
                if (points.stream().noneMatch(p -> selects(e, p))) {
                    throw new ScenarioException("scenario " + s.name() + ": " + e.type().name().toLowerCase()
                            + " effect selects no point of the registry (site " + e.site() + ", outlet " + e.outlet() + ")");
                }
                if (e.source() != null) {
                    MonitoredPoint source = points.stream().filter(p -> p.label().equals(e.source())).findFirst()
                            .orElseThrow(() -> new ScenarioException("scenario " + s.name() + ": copy source "
                                    + e.source() + " is not a point of the registry"));
                    if (points.stream().filter(p -> selects(e, p)).anyMatch(p -> p.type() != source.type()
                            || p.equals(source))) {
                        throw new ScenarioException("scenario " + s.name() + ": copy source " + e.source()
                                + " must be another point of the same type as the points the effect selects");
                    }
                }
            }
        }
    }

    /** The effects that apply to {@code point}, as one stateful modifier for its feed (no {@code copy} effects). */
    public PointEffects effectsFor(MonitoredPoint point, Registry registry, Instant runStart) {
        return effectsFor(point, registry, runStart, source -> {
            throw new IllegalStateException("copy effects need the source's value model");
        });
    }

    /**
     * The effects that apply to {@code point}, as one stateful modifier for its feed.
     *
     * @param models a new value model of a point, for {@code copy} effects: the copy is a second instance of the
     *               source's model, stepped at the same times as the source's own, hence the same values
     */
    public PointEffects effectsFor(MonitoredPoint point, Registry registry, Instant runStart,
                                   Function<MonitoredPoint, ValueModel> models) {
        List<Effect> mine = new ArrayList<>();
        for (Scenario s : scenarios) {
            s.effects().stream().filter(e -> selects(e, point)).forEach(mine::add);
        }
        Outlet outlet = point.outlet() == null ? null : registry.enterprise(point.site()).orElseThrow().outlets().stream()
                .filter(o -> o.id().equals(point.outlet())).findFirst().orElseThrow();
        Map<Effect, ValueModel> sources = new HashMap<>();
        for (Effect e : mine) {
            if (e.type() == Scenario.EffectType.COPY) {
                MonitoredPoint source = registry.points().stream().filter(p -> p.label().equals(e.source()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no point " + e.source()));
                sources.put(e, models.apply(source));
            }
        }
        return new PointEffects(point, outlet, runStart, mine, sources);
    }

    /** Every injection with its simulated send time, in time order. */
    public List<TimedInjection> injections(Instant runStart) {
        List<TimedInjection> all = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (Injection i : s.injections()) {
                all.add(new TimedInjection(runStart.plus(i.at()), s.name(), i));
            }
        }
        all.sort(Comparator.comparing(TimedInjection::at));
        return all;
    }

    public record TimedInjection(Instant at, String scenario, Injection injection) {
    }

    /** The alerts the scenarios promise for a run covering {@code span} of simulated time. */
    public List<ExpectedAlert> expectedAlerts(Duration span, boolean live) {
        List<ExpectedAlert> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (ExpectedAlert a : s.expect().alerts()) {
                if (span.compareTo(a.minSpan()) >= 0 && (live || !a.liveOnly())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The rejections the scenario files state (for a run covering them entirely), summed by reason. */
    public Map<String, Long> statedRejections() {
        Map<String, Long> sum = new TreeMap<>();
        scenarios.forEach(s -> s.expect().rejections().forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }

    static boolean selects(Effect e, MonitoredPoint p) {
        if (e.site() != null) {
            return e.site().equals(p.site()) && (e.outlet() == null || e.outlet().equals(p.outlet()));
        }
        return e.kind().equals(p.kind().name().toLowerCase());
    }
}
