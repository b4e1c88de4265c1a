package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.H01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.rules.FlatlineRule;
import io.envmon.alerts.rules.Pm25DailyRule;
import io.envmon.alerts.rules.Pm25HourlyRule;
import io.envmon.model.SiteKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alerts that last longer than the retained 26 hours are carried across the range's start: one alert, one ID, no
 * withdrawal, no duplicate; their readings are long gone when they resolve. Hourly station TG-H01 (one reading
 * per hour).
 */
class LongEpisodeTest {

    /** PM2.5 and PM10 as given; the other pollutants moving a little (not flat). */
    private static Map<String, Double> air(double pm25, double pm10) {
        return values("pm25", pm25, "pm10", pm10, "so2", 10 + pm10 % 2, "no2", 30 + pm10 % 3, "co", 0.8 + pm10 % 2 / 10,
                "o3", 60 + pm10 % 4);
    }

    @Test
    void aTwoDayEpisodeIsOneAlert() {
        Scenario s = new Scenario();
        for (int h = 0; h < 48; h++) {
            s.feed(H01, hour(h), air(h % 2 == 0 ? 100 : 101, 60 + h % 3));
        }
        for (int h = 48; h < 80; h++) {
            s.feed(H01, hour(h), air(20, 40 + h % 3));
        }
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(Pm25HourlyRule.ID));
        assertEquals(hour(50), s.events(Pm25HourlyRule.ID).get(1).ts());
        assertEquals(List.of("open:major", "resolved:major"), s.states(Pm25DailyRule.ID));
        List<AlertEvent> all = s.events.stream().filter(e -> e.rule().startsWith("pm25")).toList();
        assertTrue(all.stream().noneMatch(e -> e.message().contains("撤销")), "nothing withdrawn");
        assertEquals(2, all.stream().map(AlertEvent::id).distinct().count());
        assertTrue(s.engine.stats().retainedReadings() <= 27, "readings beyond 26 h are dropped");
    }

    @Test
    void aValueStuckForMoreThanTheRetainedRangeIsOneFlatLine() {
        Scenario s = new Scenario();
        for (int h = 0; h < 40; h++) {
            s.feed(H01, hour(h), air(h < 36 ? 35 : 30 + h, 50 + h));
        }
        List<AlertEvent> e = s.events(FlatlineRule.ID);
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(FlatlineRule.ID));
        assertEquals(hour(0), e.get(0).startedAt());
        assertEquals(hour(2), e.get(0).ts());
        assertEquals(hour(36), e.get(1).ts());
        assertEquals(e.get(0).id(), e.get(1).id());
        assertTrue(s.engine.openAlerts().stream().noneMatch(a -> a.kind().equals(SiteKind.AIR.topicSegment())
                && a.state() != AlertState.RESOLVED && a.rule().equals(FlatlineRule.ID)));
    }
}
