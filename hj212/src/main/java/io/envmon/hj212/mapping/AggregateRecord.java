package io.envmon.hj212.mapping;

import io.envmon.hj212.DataKind;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The minute, hourly or daily data of one frame (CN 2051/2061/2031), for storage the lead designs.
 *
 * @param periodStart {@code DataTime}: the <b>start</b> of the period (hj212.md §4.2), in the device's zone
 * @param values      canonical parameter to its statistics, in frame order
 */
public record AggregateRecord(DataKind kind, Instant periodStart, Map<String, AggregateValues> values) {

    public AggregateRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(periodStart, "periodStart");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
