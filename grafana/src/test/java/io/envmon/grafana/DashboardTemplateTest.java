package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.envmon.grafana.GrafanaTemplate.Range;
import io.envmon.grafana.GrafanaTemplate.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Grafana expansion the dashboard proof relies on, against what Grafana's InfluxDB data source sends. */
class DashboardTemplateTest {

    /** 2026-11-28 15:00 UTC = 23:00 in Beijing. */
    private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    private final GrafanaTemplate grafana = new GrafanaTemplate(ZoneId.of("Asia/Shanghai"), NOW);

    @Test
    void relativeRangesStayRelativeInTheTimeFilter() {
        Range r = grafana.range("now-24h", "now");
        assertEquals("SELECT mean(\"pm25\") FROM \"air\" WHERE time >= now() - 24h and time <= now()",
                grafana.expand("SELECT mean(\"pm25\") FROM \"air\" WHERE $timeFilter", r, Duration.ofMinutes(1), Map.of()));
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"), r.from());
    }

    @Test
    void otherRangesAreEpochMilliseconds() {
        Range r = grafana.panelRange(grafana.range("now-24h", "now"), "now/M", null);
        // this month so far, in Beijing time: 2026-11-01 00:00 +08:00
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), r.from());
        assertEquals("time >= 1793462400000ms and time <= now()",
                grafana.expand("$timeFilter", r, Duration.ofHours(1), Map.of()));
    }

    @Test
    void aTimeShiftMovesBothEndsOneCalendarYearBack() {
        Range r = grafana.panelRange(grafana.range("now-24h", "now"), "now/M", "1y");
        assertEquals(Instant.parse("2025-10-31T16:00:00Z"), r.from());
        assertEquals(Instant.parse("2025-11-28T15:00:00Z"), r.to());
        assertEquals("time >= 1761926400000ms and time <= 1764342000000ms",
                grafana.expand("$timeFilter", r, Duration.ofHours(1), Map.of()));
    }

    @Test
    void panelRelativeTimeWithoutNowMeansNowMinus() {
        Range r = grafana.panelRange(grafana.range("now-24h", "now"), "30d", null);
        assertEquals("time >= now() - 30d and time <= now()", grafana.expand("$timeFilter", r, Duration.ofHours(1), Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"now-24h, , 1m", "now-7d, , 10m", "now-7d, 1h, 1h", "now-30d, , 30m", "now-6h, , 20s", "now-1h, 1m, 1m"})
    void intervalsAreRoundedAndBoundedAsGrafanaDoes(String from, String minInterval, String expected) {
        Range r = grafana.range(from, "now");
        assertEquals(expected, GrafanaTemplate.format(grafana.interval(r, minInterval)));
    }

    @Test
    void multiValueVariablesBecomeRegularExpressions() {
        Range r = grafana.range("now-24h", "now");
        String q = "SELECT * FROM \"air\" WHERE \"station\" =~ /^$station$/ AND \"x\" = '$one' AND \"y\" =~ /^${site:regex}$/";
        Map<String, Selection> vars = Map.of(
                "station", new Selection(List.of("TG-A01", "TG-A02"), false, true, ".*"),
                "one", Selection.single("E001"),
                "site", new Selection(List.of("a.b"), false, true, null));
        assertEquals("SELECT * FROM \"air\" WHERE \"station\" =~ /^(TG-A01|TG-A02)$/ AND \"x\" = 'E001' AND \"y\" =~ /^a\\.b$/",
                grafana.expand(q, r, Duration.ofMinutes(1), vars));
    }

    @Test
    void allIsTheAllValueUnescaped() {
        Range r = grafana.range("now-24h", "now");
        Map<String, Selection> vars = Map.of("station", new Selection(List.of("TG-A01", "TG-A02"), true, true, ".*"));
        assertEquals("/^.*$/", grafana.expand("/^$station$/", r, Duration.ofMinutes(1), vars));
        Map<String, Selection> noAllValue = Map.of("station", new Selection(List.of("TG-A01", "TG-A02"), true, true, null));
        assertEquals("/^(TG-A01|TG-A02)$/", grafana.expand("/^$station$/", r, Duration.ofMinutes(1), noAllValue));
    }

    @Test
    void globalVariables() {
        Range r = grafana.range("now-24h", "now");
        assertEquals("1795791600000 1795878000000 86400 1m 60000 x${nope}",
                grafana.expand("${__from} $__to $__range_s $__interval $__interval_ms x${nope}", r,
                        Duration.ofMinutes(1), Map.of()));
        assertEquals(List.of("${nope}"), GrafanaTemplate.leftovers("x${nope} /^a$/"));
    }

    @Test
    void dateMathItCannotReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> grafana.range("now-1x", "now"));
    }
}
