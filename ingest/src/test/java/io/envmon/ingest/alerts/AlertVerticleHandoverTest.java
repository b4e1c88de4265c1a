package io.envmon.ingest.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineSet;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.ingest.pipeline.PointMapper;
import io.envmon.ingest.store.PointReader;
import io.envmon.model.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In a cluster a unit moves from one instance to another (docs/scale-out.md#handover): the new owner starts only
 * once the old one has given the unit's lease up, so that it knows every event the old one handed out and never opens
 * one of its alerts a second time. The leases and the cluster's record of events are in-memory fakes here; the
 * Hazelcast leases are HazelcastUnitLeasesTest, the whole cluster ScaleOutIT.
 */
class AlertVerticleHandoverTest {

    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    final Vertx vertx = Vertx.vertx();
    final List<String> published = new CopyOnWriteArrayList<>();
    final FakeLeases leases = new FakeLeases();
    final FakePublishedEvents cluster = new FakePublishedEvents();
    final MeterRegistry meters = new SimpleMeterRegistry();
    /** The broker's acknowledgement of every publication; completed at once unless a test holds it. */
    volatile Future<Void> puback = Future.succeededFuture();
    /** Two polluted hours up to now at S01: a PM2.5 alert open when the unit moves. */
    final List<Reading> readings = new ArrayList<>();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void theNewOwnerWaitsForTheOldOneToGiveTheUnitUpAndDoesNotOpenItsAlertAgain() {
        List<AlertEvent> oldOwners = pollutedHoursJudgedByTheOldOwner();
        leases.holders.put(0, "old");
        AlertVerticle next = deploy(Duration.ofSeconds(30));
        next.reassign(Set.of(0), false);

        // the old owner has not seen the partition table change yet: the next one waits, whatever the settle delay
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(0.0, unitsEvaluated(), "not evaluated while the old owner still holds the unit");
        assertEquals(List.of(), published);

        // its last evaluation hands out the open alert (the broker acknowledges it), then it gives the unit up
        cluster.record(oldOwners);
        cluster.delivered(oldOwners);
        leases.holders.remove(0, "old");

        await().atMost(Duration.ofSeconds(5)).until(() -> unitsEvaluated() == 1.0);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(List.of(), opens(), "the old owner's open alert is not opened a second time");
        assertEquals("me", leases.holders.get(0));
        assertEquals(0.0, meters.get("envmon.cluster.handover.forced").counter().count());
    }

    @Test
    void anEventThePreviousOwnerRecordedButNeverDeliveredIsHandedOutOnceByTheNext() {
        List<AlertEvent> oldOwners = pollutedHoursJudgedByTheOldOwner();
        AlertEvent open = oldOwners.stream().filter(e -> e.state() == AlertState.OPEN).findFirst().orElseThrow();
        // the old owner recorded its open alert and died before the broker acknowledged it
        cluster.record(oldOwners);
        AlertVerticle next = deploy(Duration.ofSeconds(30));
        next.reassign(Set.of(0), true);

        await().atMost(Duration.ofSeconds(5)).until(() -> opens().size() == 1);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(1, opens().size(), "handed out once: " + opens());
        assertTrue(opens().get(0).contains(open.id()) && opens().get(0).contains(open.ts().toString()),
                "the same event, same ID and time: " + opens());
        assertEquals(1.0, meters.get("envmon.cluster.events.redelivered").counter().count());
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.recent().stream()
                .filter(p -> p.event().id().equals(open.id())).allMatch(PublishedEvents.Published::delivered));
    }

    @Test
    void aUnitNotGivenUpWithinThePatienceIsTakenOverAnyway() {
        leases.holders.put(0, "hung");
        AlertVerticle next = deploy(Duration.ofMillis(500));
        next.reassign(Set.of(0), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> unitsEvaluated() == 1.0);
        assertEquals("me", leases.holders.get(0));
        assertEquals(1.0, meters.get("envmon.cluster.handover.forced").counter().count());
    }

    @Test
    void aUnitMovedAwayIsGivenUpAndNoLongerEvaluated() {
        AlertVerticle owner = deploy(Duration.ofSeconds(30));
        owner.reassign(Set.of(0), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> unitsEvaluated() == 1.0);
        assertEquals("me", leases.holders.get(0));

        owner.reassign(Set.of(), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> unitsEvaluated() == 0.0);
        assertFalse(leases.holders.containsKey(0), "the lease is free for the next owner");
        owner.onStored(AlertVerticleRestartTest.S01, List.of(new Reading(NOW, Map.of("pm25", 300.0))));
        await().atMost(Duration.ofSeconds(5)).until(
                () -> meters.get("envmon.cluster.readings.not.owned").counter().count() == 1.0);
    }

    @Test
    void aUnitMovedAwayIsGivenUpOnlyOnceItsLastEventsAreAcknowledged() {
        pollutedHoursJudgedByTheOldOwner(); // the readings in InfluxDB: the rebuild here opens the alert
        Promise<Void> ack = Promise.promise();
        puback = ack.future();
        AlertVerticle owner = deploy(Duration.ofSeconds(30));
        owner.reassign(Set.of(0), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> opens().size() == 1);

        owner.reassign(Set.of(), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> unitsEvaluated() == 0.0);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertEquals("me", leases.holders.get(0), "kept while its open event is not acknowledged");

        vertx.runOnContext(v -> ack.complete());
        await().atMost(Duration.ofSeconds(5)).until(() -> !leases.holders.containsKey(0));
        assertTrue(cluster.recent().stream().allMatch(PublishedEvents.Published::delivered),
                "the next owner finds it delivered: " + cluster.recent());
    }

    /** The old owner's engine over the readings: the events it handed out, the open PM2.5 alert among them. */
    private List<AlertEvent> pollutedHoursJudgedByTheOldOwner() {
        for (int m = 0; m < 2 * 60; m++) {
            readings.add(new Reading(NOW.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(m)),
                    Map.of("pm25", 250.0 + m % 2)));
        }
        AlertEngine old = new AlertEngine(AlertVerticleRestartTest.REGISTRY, AlertRulesConfig.defaults());
        List<AlertEvent> events = new ArrayList<>();
        for (Reading r : readings) {
            events.addAll(old.onReading(AlertVerticleRestartTest.S01, r, r.ts().plusSeconds(3)).events());
        }
        events.addAll(old.onTick(NOW).events());
        assertTrue(events.stream().anyMatch(e -> e.state() == AlertState.OPEN), "the test needs an open alert");
        return events;
    }

    /** The next owner of unit 0 (the whole registry); InfluxDB has the readings, not yet the old owner's alert rows. */
    private AlertVerticle deploy(Duration patience) {
        PointMapper mapper = new PointMapper();
        PointReader influx = query -> query.startsWith("SELECT * FROM \"air\"")
                ? readings.stream().map(r -> AlertVerticleRestartTest.row(
                        mapper.reading(AlertVerticleRestartTest.S01, r))).toList()
                : List.of();
        EngineSet engines = EngineSet.partitioned(p -> 0, e -> 0,
                unit -> new AlertEngine(AlertVerticleRestartTest.REGISTRY, AlertRulesConfig.defaults()));
        AlertEngine any = new AlertEngine(AlertVerticleRestartTest.REGISTRY, AlertRulesConfig.defaults());
        AlertVerticle verticle = new AlertVerticle(engines, any::restoreDepth,
                new AlertStateRestorer(influx, AlertVerticleRestartTest.REGISTRY), new AlertBoard(any::bureauOnly),
                new AlertOutlet(vertx.getOrCreateContext(), AlertVerticleRestartTest.sink(), (topic, payload) -> {
                    published.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
                    return puback;
                }, event -> { }, vertx.eventBus(), "env", any::bureauOnly, meters),
                Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC), meters, new AlertBacklog(Long.MAX_VALUE), () -> 0,
                new UnitHandover(Duration.ofMillis(50), patience, leases, cluster));
        vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
        return verticle;
    }

    private double unitsEvaluated() {
        return meters.get("envmon.cluster.units.evaluated").gauge().value();
    }

    private List<String> opens() {
        return published.stream().filter(p -> p.contains("\"state\":\"open\"")).toList();
    }

    /** Leases in a map; this instance is "me", and every other holder is alive. */
    static final class FakeLeases implements UnitLeases {
        final Map<Integer, String> holders = new ConcurrentHashMap<>();

        @Override
        public boolean tryTake(int unit) {
            String holder = holders.putIfAbsent(unit, "me");
            return holder == null || holder.equals("me");
        }

        @Override
        public void takeOver(int unit) {
            holders.put(unit, "me");
        }

        @Override
        public void giveUp(int unit) {
            holders.remove(unit, "me");
        }

        @Override
        public String holder(int unit) {
            return holders.getOrDefault(unit, "nobody");
        }
    }

    /** The cluster's record of handed-out events, as a map of alert ID to its last event and whether delivered. */
    static final class FakePublishedEvents implements PublishedEvents {
        final Map<String, Published> last = new ConcurrentHashMap<>();

        @Override
        public void record(List<AlertEvent> events) {
            events.forEach(e -> last.put(e.id(), new Published(e, false)));
        }

        @Override
        public void delivered(List<AlertEvent> events) {
            events.forEach(e -> last.computeIfPresent(e.id(), (id, p) -> p.event().equals(e) ? new Published(e, true) : p));
        }

        @Override
        public List<Published> recent() {
            return List.copyOf(last.values());
        }
    }
}
