package io.envmon.simulator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.IntegrityConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.scenario.Scenario.ExpectedAlert;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import io.envmon.simulator.values.AnalyserCycleModel;
import io.envmon.simulator.values.ValueModelFactory;
import io.envmon.simulator.values.ValueModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code integrity} scenario as the service's engine gets it from a fast replay ({@code ReplayVerifyIT}): an
 * hour of a point per message, the points interleaved at random, now and then a point's next hour before the one due
 * (messages stored concurrently reach the engine out of order), the wall clock weeks after the readings, and the
 * late hours read back as the service does (reload requests answered with what was stored). The six expected
 * integrity alerts are raised all the same, and no other. Written while chasing a run of ReplayVerifyIT that missed
 * four of them (about one run in ten, not reproduced in 18 runs since): seeds 1 to 5 passed (the suite runs seed 1), so the engine is not where
 * that run lost them.
 */
class IntegrityOutOfOrderTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-12-05T12:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1})
    void hoursArrivingOutOfOrderRaiseTheSameIntegrityAlerts(long seed) throws Exception {
        ScenarioSet scenarios = ScenarioFiles.load(EngineReplay.CONFIG.resolve("scenarios"), List.of("integrity"));
        List<MonitoredPoint> points = IntegrityScenarioTest.REGISTRY.points().stream()
                .filter(p -> p.kind() == SiteKind.ENTERPRISE).toList();
        Map<MonitoredPoint, Deque<List<Reading>>> hours = hourBatches(scenarios, points);
        AlertEngine engine = new AlertEngine(IntegrityScenarioTest.REGISTRY, EngineReplay.shippedRules());
        Map<MonitoredPoint, List<Reading>> stored = new HashMap<>();
        Deque<ReloadRequest> reloads = new ArrayDeque<>();
        List<AlertEvent> events = new ArrayList<>();
        Random random = new Random(seed);
        List<MonitoredPoint> left = new ArrayList<>(points);
        Instant now = WALL_CLOCK;
        int delivered = 0;
        int swapped = 0;
        while (!left.isEmpty()) {
            MonitoredPoint p = left.get(random.nextInt(left.size()));
            Deque<List<Reading>> queue = hours.get(p);
            // now and then one of the next three hours' messages reaches the engine first
            int ahead = random.nextInt(4) == 0 ? Math.min(queue.size() - 1, 1 + random.nextInt(3)) : 0;
            List<List<Reading>> skipped = new ArrayList<>();
            for (int i = 0; i < ahead; i++) {
                skipped.add(queue.pollFirst());
            }
            List<Reading> batch = queue.pollFirst();
            for (int i = skipped.size() - 1; i >= 0; i--) {
                queue.addFirst(skipped.get(i));
            }
            swapped += ahead > 0 ? 1 : 0;
            if (queue.isEmpty()) {
                left.remove(p);
            }
            stored.computeIfAbsent(p, k -> new ArrayList<>()).addAll(batch); // stored before it is evaluated
            now = now.plusMillis(2);
            for (Reading r : batch) {
                collect(engine.onReading(p, r, now), events, reloads);
            }
            if (++delivered % 200 == 0) {
                answer(engine, reloads, stored, now, events);
            }
            if (delivered % 500 == 0) {
                collect(engine.onTick(now), events, reloads);
            }
        }
        answer(engine, reloads, stored, now, events);

        List<AlertEvent> integrity = events.stream().filter(e -> IntegrityConfig.ruleIds().contains(e.rule())).toList();
        String seen = integrity.stream().map(e -> e.site() + "/" + e.point() + " " + e.rule() + " " + e.state().wire())
                .collect(Collectors.joining("\n"));
        List<ExpectedAlert> expected = scenarios.expectedAlerts(
                Duration.between(IntegrityScenarioTest.FROM, IntegrityScenarioTest.TO), false);
        Set<String> want = expected.stream().map(a -> a.site() + " " + a.rule())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> raised = integrity.stream().map(e -> e.site() + " " + e.rule())
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("seed " + seed + ": " + delivered + " messages, " + swapped + " out of order; raised "
                + raised);
        assertEquals(6, want.size());
        assertTrue(raised.containsAll(want), "missing " + want.stream().filter(w -> !raised.contains(w)).toList()
                + " of " + want + "\n" + seen);
        assertEquals(want, raised, "no integrity alert beyond the scenario's");
    }

    private static void collect(EngineOutput out, List<AlertEvent> events, Deque<ReloadRequest> reloads) {
        events.addAll(out.events());
        reloads.addAll(out.reloads());
    }

    /** Answers the reload requests as the service does: the point's stored readings from the requested time. */
    private static void answer(AlertEngine engine, Deque<ReloadRequest> reloads,
                               Map<MonitoredPoint, List<Reading>> stored, Instant now, List<AlertEvent> events) {
        while (!reloads.isEmpty()) {
            ReloadRequest request = reloads.pollFirst();
            List<Reading> from = stored.getOrDefault(request.point(), List.of()).stream()
                    .filter(r -> !r.ts().isBefore(request.from())).toList();
            collect(engine.onReload(request.point(), request.from(), from, now), events, reloads);
        }
    }

    /** Each point's readings of the 40 hours, as the simulator makes them, one list per hour. */
    private static Map<MonitoredPoint, Deque<List<Reading>>> hourBatches(ScenarioSet scenarios,
                                                                        List<MonitoredPoint> points) {
        ValueModelFactory models = new ValueModelFactory(IntegrityScenarioTest.REGISTRY, 1);
        Map<MonitoredPoint, Deque<List<Reading>>> out = new HashMap<>();
        for (MonitoredPoint p : points) {
            ValueModel values = new AnalyserCycleModel(models.create(p),
                    IntegrityScenarioTest.REGISTRY.analyserCycles(p));
            PointEffects effects = scenarios.effectsFor(p, IntegrityScenarioTest.REGISTRY, IntegrityScenarioTest.FROM,
                    source -> new AnalyserCycleModel(models.create(source),
                            IntegrityScenarioTest.REGISTRY.analyserCycles(source)));
            Deque<List<Reading>> batches = new ArrayDeque<>();
            for (Instant h = IntegrityScenarioTest.FROM; h.isBefore(IntegrityScenarioTest.TO); h = h.plusSeconds(3600)) {
                List<Reading> batch = new ArrayList<>();
                for (Instant t = h; t.isBefore(h.plusSeconds(3600)); t = t.plusSeconds(60)) {
                    effects.apply(new Reading(t, values.valuesAt(t))).filter(s -> !s.rejected())
                            .ifPresent(s -> batch.add(s.reading()));
                }
                if (!batch.isEmpty()) {
                    batches.add(batch);
                }
            }
            out.put(p, batches);
        }
        return out;
    }
}
