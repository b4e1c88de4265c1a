package io.envmon.ingest.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.config.InfluxConfig;
import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.InfluxPointWriter;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.testkit.InfluxServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An hour rated again can open and resolve one alert at the same time. Both events are kept in InfluxDB, and what is
 * read back (after a restart, by the API) is where the alert stands: resolved. Real InfluxDB.
 */
class AlertHistoryIT {

    static final String DB = "env";
    static InfluxServer influx;
    static InfluxPointWriter writer;

    @BeforeAll
    static void start() {
        influx = new InfluxServer().start();
        influx.createDatabase(DB);
        writer = new InfluxPointWriter(new InfluxConfig(influx.url(), InfluxApi.V1, null, DB, null, null, null, 1000,
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1)));
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

    static AlertEvent event(String id, AlertState state, Instant ts) {
        return new AlertEvent(id, "water", "XYH-01", null, "water_class", Severity.MAJOR, state, "nh3n", 1.8, 1.0,
                "mg/L", "1h", ts.minus(Duration.ofHours(1)), ts, "氨氮 1.8 mg/L 超过 III 类限值 1.0", null, null);
    }

    @Test
    void anAlertOpenedAndResolvedAtTheSameTimeKeepsBothEventsAndReadsBackResolved() {
        Instant ts = Instant.parse("2026-11-30T08:00:00Z");
        String id = "same-time-" + System.nanoTime();
        // written resolved first: what is read back must not depend on the order of the writes
        writer.write(List.of(AlertRows.alert(event(id, AlertState.RESOLVED, ts))));
        writer.write(List.of(AlertRows.alert(event(id, AlertState.OPEN, ts))));

        assertEquals(2, influx.count(DB, "SELECT count(alert_id) FROM alert WHERE alert_id = '" + id + "'"),
                "both events of the alert are kept");
        assertEquals(AlertState.RESOLVED, AlertRows.newest(writer.query(Queries.newestRowsOfAlert(id)))
                .flatMap(AlertRows::read).orElseThrow().state(), "the API's view of the alert");
        AlertStateRestorer restorer = new AlertStateRestorer(writer, RegistryFiles.parse("""
                water:
                  - {id: XYH-01, name: 象峪河断面, river: 象峪河, targetClass: III}
                """, "test"));
        assertTrue(restorer.openAlerts(ts.plus(Duration.ofHours(1))).stream().noneMatch(e -> e.id().equals(id)),
                "a restart does not re-open it");
    }
}
