package io.envmon.simulator.alerts;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.AlertRulesConfigParser;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.scenario.ScenarioSet;
import io.envmon.simulator.values.AnalyserCycleModel;
import io.envmon.simulator.values.ValueModel;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The simulator's readings (value models, analyser cycles, scenario effects: what {@code replay} sends) fed
 * straight into the alert engine with the shipped rules file, minute by minute, without broker or database. A
 * unit-level replay: what the service's engine would raise, in a fraction of the time.
 */
final class EngineReplay {

    static final Path CONFIG = Path.of("..", "config");

    /** What came out. */
    record Result(List<AlertEvent> events, long readings, int faults, int reloads) {

        List<AlertEvent> of(Predicate<AlertEvent> which) {
            return events.stream().filter(which).toList();
        }
    }

    private EngineReplay() {
    }

    static AlertRulesConfig shippedRules() {
        try {
            return new AlertRulesConfigParser().parse(Files.readString(CONFIG.resolve("alert-rules.yaml")),
                    "config/alert-rules.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays {@code [from, to)} of the points {@code which} selects, one reading a minute each. */
    static Result run(Registry registry, ScenarioSet scenarios, Instant from, Instant to,
                      Predicate<MonitoredPoint> which, long seed) {
        ValueModelFactory models = new ValueModelFactory(registry, seed);
        List<MonitoredPoint> points = registry.points().stream().filter(which).toList();
        List<ValueModel> values = new ArrayList<>();
        List<PointEffects> effects = new ArrayList<>();
        for (MonitoredPoint p : points) {
            values.add(new AnalyserCycleModel(models.create(p), registry.analyserCycles(p)));
            effects.add(scenarios.effectsFor(p, registry, from,
                    source -> new AnalyserCycleModel(models.create(source), registry.analyserCycles(source))));
        }
        AlertEngine engine = new AlertEngine(registry, shippedRules());
        List<AlertEvent> events = new ArrayList<>();
        long readings = 0;
        int faults = 0;
        int reloads = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
            Instant now = t.plusSeconds(3);
            for (int i = 0; i < points.size(); i++) {
                Reading r = new Reading(t, values.get(i).valuesAt(t));
                PointEffects.Shaped shaped = effects.get(i).apply(r).orElse(null);
                if (shaped == null || shaped.rejected()) {
                    continue;
                }
                EngineOutput out = engine.onReading(points.get(i), shaped.reading(), now);
                events.addAll(out.events());
                faults += out.faults().size();
                reloads += out.reloads().size();
                readings++;
            }
            if (t.getEpochSecond() % 1800 == 0) {
                EngineOutput out = engine.onTick(now);
                events.addAll(out.events());
                faults += out.faults().size();
            }
        }
        return new Result(events, readings, faults, reloads);
    }
}
