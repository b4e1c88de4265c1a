package io.envmon.ingest.alerts.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemConditionsTest {

    static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    final SystemConditions conditions = new SystemConditions(new SystemAlertsConfig(true, Duration.ofSeconds(15),
            1000, Duration.ofMinutes(2), Duration.ofMinutes(1)));

    @Test
    void engineLagOpensOnceItLastedItsBoundAndResolvesWhenTheQueueIsBackUnder() {
        assertEquals(List.of(), conditions.sample(T0, 5000.0, true), "over the bound, not yet for 2 minutes");
        assertEquals(List.of(), conditions.sample(T0.plusSeconds(60), 8000.0, true));
        List<AlertEvent> open = conditions.sample(T0.plusSeconds(120), 9000.0, true);
        assertEquals(1, open.size());
        AlertEvent e = open.get(0);
        assertEquals(AlertEvent.SYSTEM_KIND, e.kind());
        assertEquals("envmon", e.site());
        assertEquals("engine_lag", e.rule());
        assertEquals(Severity.MAJOR, e.severity());
        assertEquals(AlertState.OPEN, e.state());
        assertEquals(9000.0, e.value());
        assertEquals(1000.0, e.threshold());
        assertEquals(T0, e.startedAt());
        assertEquals("告警引擎积压：待处理读数 9000，超过 1000 已 2 分钟（自北京时间 2026-11-28 10:00:00），告警可能滞后 / alert "
                + "engine lagging: 9000 readings waiting, over 1000 for 2 min (since 2026-11-28 10:00:00 Beijing time); "
                + "alerts may be late", e.message());
        assertEquals(List.of(), conditions.sample(T0.plusSeconds(135), 9500.0, true), "open once");
        List<AlertEvent> resolved = conditions.sample(T0.plusSeconds(150), 10.0, true);
        assertEquals(AlertState.RESOLVED, resolved.get(0).state());
        assertEquals(e.id(), resolved.get(0).id(), "one ID per episode");
        // the §5 JSON carries the extension kind and reads back
        assertEquals(e, new AlertEventCodec().decode(new AlertEventCodec().encode(e)));
    }

    @Test
    void aShortBlipRaisesNothingAndEachEpisodeHasItsOwnId() {
        assertEquals(List.of(), conditions.sample(T0, null, false));
        assertEquals(List.of(), conditions.sample(T0.plusSeconds(30), null, true), "down 30 s: under the 1-minute bound");
        conditions.sample(T0.plusSeconds(100), null, false);
        AlertEvent first = conditions.sample(T0.plusSeconds(160), null, false).get(0);
        assertEquals("influxdb_unreachable", first.rule());
        assertEquals(Severity.CRITICAL, first.severity());
        assertEquals(60.0, first.value());
        assertTrue(first.message().startsWith("InfluxDB 无法连接已 1 分钟"), first.message());
        conditions.sample(T0.plusSeconds(200), null, true);
        conditions.sample(T0.plusSeconds(300), null, false);
        AlertEvent second = conditions.sample(T0.plusSeconds(400), null, false).get(0);
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void unknownValuesChangeNothing() {
        conditions.sample(T0, 5000.0, false);
        assertEquals(List.of(), conditions.sample(T0.plusSeconds(600), null, null));
        assertEquals(2, conditions.sample(T0.plusSeconds(601), 5000.0, false).size(),
                "both conditions held through the unknown samples");
    }
}
