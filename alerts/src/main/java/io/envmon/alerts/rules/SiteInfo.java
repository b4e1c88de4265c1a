package io.envmon.alerts.rules;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the registry says about one point, as the rules need it.
 *
 * @param name      the station's, section's or enterprise's name
 * @param pointName the outlet's name, or {@code null}
 * @param section   the water section, or {@code null}
 * @param outlet    the outlet, or {@code null}
 * @param interval  the expected reporting interval: the registry's {@code expectedIntervalSeconds}, else the
 *                  configured default of the point type
 * @param cycles    per parameter, the analyser cycle where it is longer than {@code interval} (the registry's
 *                  {@code analyserCycleSeconds} over the alert rules' {@code window.analyserCycle})
 */
public record SiteInfo(MonitoredPoint point, String name, String pointName, WaterSection section, Outlet outlet,
                       Duration interval, Map<String, Duration> cycles) {

    public SiteInfo {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(interval, "interval");
        cycles = cycles == null ? Map.of() : Map.copyOf(cycles);
    }

    /**
     * How long one sample of {@code parameter} stands for: its analyser cycle, or the reporting interval when that
     * is longer (or no cycle is set).
     */
    public Duration sampleSpan(String parameter) {
        Duration cycle = cycles.get(parameter);
        return cycle == null || cycle.compareTo(interval) < 0 ? interval : cycle;
    }

    public String kind() {
        return point.kind().topicSegment();
    }
}
