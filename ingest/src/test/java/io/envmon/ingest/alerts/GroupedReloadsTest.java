package io.envmon.ingest.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a backfill thousands of points ask the engine's question "what is stored from this hour on?" at once: they
 * are asked of InfluxDB in a few queries, and each point still gets its own readings from its own start.
 */
class GroupedReloadsTest {

    static final int STATIONS = 250;
    static final Instant HOUR = Instant.parse("2026-11-28T08:00:00Z");
    static final Pattern STATION = Pattern.compile("\"station\" = '([^']+)'");

    final Vertx vertx = Vertx.vertx();
    final List<String> queries = new CopyOnWriteArrayList<>();
    final Map<String, List<Reading>> answered = new ConcurrentHashMap<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    volatile boolean influxDown;

    /** Every station asked for has two readings stored: 08:10 and 08:40. */
    final PointReader influx = query -> {
        queries.add(query);
        if (influxDown) {
            throw new IllegalStateException("connection refused");
        }
        List<QueryRow> rows = new ArrayList<>();
        Matcher m = STATION.matcher(query);
        while (m.find()) {
            for (int minute : new int[] {10, 40}) {
                rows.add(new QueryRow("air", Map.of("station", m.group(1)),
                        HOUR.plusSeconds(60L * minute).toEpochMilli(), Map.of("pm25", "35")));
            }
        }
        return rows;
    };

    final Registry registry = registry();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void aBurstOfRequestsIsReadInAFewQueriesAndEachPointGetsItsOwnReadingsFromItsOwnStart() {
        List<MonitoredPoint> points = registry.points();
        run(reloads -> {
            for (int i = 0; i < points.size(); i++) {
                // the last station's late reading is at 08:30: it asks from 08:30, the others from 08:00
                Instant from = i == points.size() - 1 ? HOUR.plusSeconds(1800) : HOUR;
                reloads.request(new ReloadRequest(points.get(i), from));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == STATIONS);
        assertEquals(3, queries.size(), "250 points, at most 100 a query: " + queries.size() + " queries");
        assertEquals(2, answered.get(points.get(0).site()).size());
        assertEquals(List.of(HOUR.plusSeconds(2400)),
                answered.get(points.get(STATIONS - 1).site()).stream().map(Reading::ts).toList(),
                "only what is stored from its own start");
        assertTrue(queries.get(0).contains("time >= " + HOUR.toEpochMilli() + "ms"), queries.get(0));
    }

    @Test
    void whenInfluxDbCannotBeReadEveryRequestOfTheQueryFailsSoTheEngineAsksAgain() {
        influxDown = true;
        List<MonitoredPoint> points = registry.points().subList(0, 5);
        run(reloads -> points.forEach(p -> reloads.request(new ReloadRequest(p, HOUR))));
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.size() == 5);
        assertEquals(1, queries.size());
        assertTrue(answered.isEmpty());
    }

    private void run(java.util.function.Consumer<GroupedReloads> requests) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            GroupedReloads reloads = new GroupedReloads(vertx, new AlertStateRestorer(influx, registry),
                    (request, stored) -> answered.put(request.point().site(), stored),
                    (request, cause) -> failed.add(request.point().site()));
            requests.accept(reloads);
        });
    }

    private static Registry registry() {
        StringBuilder yaml = new StringBuilder("air:\n");
        for (int i = 0; i < STATIONS; i++) {
            yaml.append("  - {id: S").append(i).append(", name: 站").append(i).append("}\n");
        }
        return RegistryFiles.parse(yaml.toString(), "test");
    }
}
