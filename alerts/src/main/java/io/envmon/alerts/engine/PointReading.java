package io.envmon.alerts.engine;

import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.util.Objects;

/** A stored reading of a point, as read back at restart ({@link AlertEngine#restore}). */
public record PointReading(MonitoredPoint point, Reading reading) {

    public PointReading {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(reading, "reading");
    }
}
