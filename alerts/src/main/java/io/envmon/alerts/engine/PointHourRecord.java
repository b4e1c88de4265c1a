package io.envmon.alerts.engine;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The hourly means the engine judged a water section or an enterprise outlet on, for one closed hour, as the
 * {@code water_hourly} and {@code emission_hourly} measurements store them (docs/contract.md): what the monthly
 * reports count (transmission and validity rates, exceedance hours, a section's monthly class) without reading the
 * raw readings again.
 *
 * @param point     the section or outlet
 * @param hourStart the point's timestamp: the start of the hour
 * @param means     the valid 1-h means (≥ 45 minutes of N/T data; docs/standards/README.md items 11 and 15)
 * @param corrected stacks with an O2 basis: the valid 1-h means of the concentrations converted to it (what the
 *                  permit is judged on)
 */
public record PointHourRecord(MonitoredPoint point, Instant hourStart, Map<String, Double> means,
                              Map<String, Double> corrected) {

    public PointHourRecord {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(hourStart, "hourStart");
        means = Collections.unmodifiableMap(new TreeMap<>(means));
        corrected = Collections.unmodifiableMap(new TreeMap<>(corrected));
    }
}
