package io.envmon.ingest.store;

import java.util.Map;

/**
 * One row for the time-series store, independent of the client library: measurement, tags, fields and a
 * timestamp in milliseconds (readings, CONTRACT §4) or nanoseconds ({@code nanos}: dead-letter rows, which
 * must not overwrite each other within a millisecond).
 */
public record StorePoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long time,
                         boolean nanos) {

    public StorePoint {
        tags = Map.copyOf(tags);
        fields = Map.copyOf(fields);
    }

    public static StorePoint millis(String measurement, Map<String, String> tags, Map<String, Object> fields, long epochMillis) {
        return new StorePoint(measurement, tags, fields, epochMillis, false);
    }
}
