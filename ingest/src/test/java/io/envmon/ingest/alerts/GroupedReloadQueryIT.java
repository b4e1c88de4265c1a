package io.envmon.ingest.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.envmon.ingest.config.InfluxConfig;
import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import io.envmon.ingest.pipeline.PointMapper;
import io.envmon.ingest.store.InfluxPointWriter;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.Reading;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.testkit.InfluxServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query that reads a group of reloads at once, against real InfluxDB: each point gets its own rows, no other's. */
class GroupedReloadQueryIT {

    static final String DB = "env";
    static final Instant HOUR = Instant.parse("2026-11-30T08:00:00Z");
    static InfluxServer influx;
    static InfluxPointWriter writer;
    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 一}
              - {id: S02, name: 二}
              - {id: S03, name: 三}
            enterprises:
              - id: E01
                name: 铸造厂
                outlets:
                  - {id: DA001, type: stack, limits: {particulate: 40}}
                  - {id: DA002, type: stack, limits: {particulate: 40}}
            """, "test");

    @BeforeAll
    static void start() {
        influx = new InfluxServer().start();
        influx.createDatabase(DB);
        writer = new InfluxPointWriter(new InfluxConfig(influx.url(), InfluxApi.V1, null, DB, null, null, null, 1000,
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1)));
        PointMapper mapper = new PointMapper();
        List<StorePoint> rows = new ArrayList<>();
        for (String station : List.of("S01", "S02", "S03")) {
            for (int minute = 0; minute < 60; minute += 20) {
                rows.add(mapper.reading(point(Topic.air(station)),
                        new Reading(HOUR.plusSeconds(60L * minute), Map.of("pm25", 30.0 + minute))));
            }
        }
        for (String outlet : List.of("DA001", "DA002")) {
            rows.add(mapper.reading(point(Topic.enterprise("E01", outlet)),
                    new Reading(HOUR.plusSeconds(600), Map.of("particulate", 12.0))));
        }
        writer.write(rows);
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    static MonitoredPoint point(Topic topic) {
        return REGISTRY.resolve(topic).orElseThrow();
    }

    @Test
    void eachPointOfTheGroupGetsItsOwnRowsFromTheStartAskedFor() {
        AlertStateRestorer restorer = new AlertStateRestorer(writer, REGISTRY);
        Map<MonitoredPoint, List<Reading>> air = restorer.readings(
                List.of(point(Topic.air("S01")), point(Topic.air("S03"))), HOUR.plusSeconds(60 * 20));
        assertEquals(List.of(HOUR.plusSeconds(60 * 20), HOUR.plusSeconds(60 * 40)),
                air.get(point(Topic.air("S01"))).stream().map(Reading::ts).toList());
        assertEquals(50.0, air.get(point(Topic.air("S03"))).get(0).values().get("pm25"));
        assertFalse(air.containsKey(point(Topic.air("S02"))), "not asked for");

        Map<MonitoredPoint, List<Reading>> outlets = restorer.readings(
                List.of(point(Topic.enterprise("E01", "DA002"))), HOUR);
        assertEquals(1, outlets.size(), "the outlet is keyed by enterprise and outlet: " + outlets.keySet());
        assertEquals(12.0, outlets.get(point(Topic.enterprise("E01", "DA002"))).get(0).values().get("particulate"));
    }
}
