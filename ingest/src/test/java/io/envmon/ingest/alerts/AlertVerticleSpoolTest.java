package io.envmon.ingest.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A point's late reading while the durable spool holds readings InfluxDB does not have yet: the engine's reload of
 * the point waits until the spool has drained, else it rebuilds the point's hours without the spooled readings and
 * an hour loses its record (seen in a replayed month: hours of every station missing from {@code air_hourly}, hence
 * days without a daily AQI; docs/reports.md).
 */
class AlertVerticleSpoolTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 测试站一}
            """, "test");
    static final MonitoredPoint S01 = new MonitoredPoint(SiteKind.AIR, "S01", null, PointType.AIR_STATION);
    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    static final Map<String, Double> AIR = Map.of("pm25", 20.0, "pm10", 40.0, "so2", 10.0, "no2", 30.0, "co", 0.5,
            "o3", 40.0);

    final Vertx vertx = Vertx.vertx();
    final List<StorePoint> rows = new CopyOnWriteArrayList<>();
    /** The readings InfluxDB holds (those in the spool are not there yet). */
    final List<Reading> inInflux = new CopyOnWriteArrayList<>();
    final AtomicLong spoolRecords = new AtomicLong();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AlertEngine engine = new AlertEngine(REGISTRY, AlertRulesConfig.defaults());

    final PointReader influx = query -> query.startsWith("SELECT * FROM \"air\"")
            ? inInflux.stream().map(AlertVerticleSpoolTest::row).toList() : List.of();

    final ReadingSink sink = new ReadingSink() {
        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            rows.addAll(points);
            return Future.succeededFuture(WriteOutcome.ALL_STORED);
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    };

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    static QueryRow row(Reading r) {
        Map<String, String> values = new LinkedHashMap<>();
        r.values().forEach((k, v) -> values.put(k, String.valueOf(v)));
        return new QueryRow("air", Map.of(PointTags.STATION, "S01"), r.ts().toEpochMilli(), values);
    }

    /** One reading a minute from {@code from} for {@code minutes} minutes. */
    static List<Reading> minutes(Instant from, int minutes) {
        List<Reading> out = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            out.add(new Reading(from.plus(Duration.ofMinutes(m)), AIR));
        }
        return out;
    }

    @Test
    void aReloadWaitsUntilTheSpoolHasDrainedSoNoHourIsRebuiltWithoutItsReadings() {
        AlertVerticle alerts = new AlertVerticle(engine, new AlertStateRestorer(influx, REGISTRY),
                new AlertBoard(engine::bureauOnly),
                new AlertOutlet(vertx.getOrCreateContext(), sink, (topic, payload) -> Future.succeededFuture(),
                        event -> { }, vertx.eventBus(), "env", engine::bureauOnly, new SimpleMeterRegistry()),
                Duration.ofMillis(100), Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC), meters,
                new AlertBacklog(Long.MAX_VALUE), spoolRecords::get);
        vertx.deployVerticle(alerts, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();

        // three batches of 50 minutes, all acknowledged from the spool; the third is stored before the second
        List<Reading> first = minutes(T0, 50);
        List<Reading> second = minutes(T0.plus(Duration.ofMinutes(50)), 50);
        List<Reading> third = minutes(T0.plus(Duration.ofMinutes(100)), 50);
        spoolRecords.set(3);
        alerts.onStored(S01, first);
        alerts.onStored(S01, third);   // closes hour 00 (valid: 50 min) and hour 01 (only 01:40-01:59: no record)
        alerts.onStored(S01, second);  // late for hour 01: the engine asks for the point's stored readings
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("envmon.alerts.queued.readings").gauge()
                .value() == 0);

        // the spool drains: InfluxDB has everything, the next tick's reload rebuilds hour 01 from all its readings
        inInflux.addAll(first);
        inInflux.addAll(second);
        inInflux.addAll(third);
        spoolRecords.set(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> hourRated(T0.plus(Duration.ofHours(1))));
        assertTrue(hourRated(T0), "hour 00 rated");
        assertTrue(counter("envmon.alerts.reloads.deferred") >= 1, "put off while the spool held readings");
        assertTrue(counter("envmon.alerts.reloads") >= 1);
    }

    private double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private boolean hourRated(Instant hour) {
        return rows.stream().anyMatch(p -> p.measurement().equals(AlertRows.AIR_HOURLY)
                && p.time() == hour.toEpochMilli() && p.fields().get("aqi") != null);
    }
}
