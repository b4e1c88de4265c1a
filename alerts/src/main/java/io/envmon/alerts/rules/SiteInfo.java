package io.envmon.alerts.rules;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
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
 */
public record SiteInfo(MonitoredPoint point, String name, String pointName, WaterSection section, Outlet outlet,
                       Duration interval) {

    public SiteInfo {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(interval, "interval");
    }

    public String kind() {
        return point.kind().topicSegment();
    }
}
