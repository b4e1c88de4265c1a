package io.envmon.ingest.pipeline;

import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.DataFlag;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps readings and dead letters onto the InfluxDB schema of CONTRACT §4. Reading points are keyed by
 * site tags and event time, so a redelivered reading overwrites itself (one point). Rejected rows get a
 * nanosecond timestamp from arrival time plus a counter, so two rejections in one millisecond both stay.
 */
public final class PointMapper {

    private final AtomicLong rejectedSequence = new AtomicLong();

    public StorePoint reading(MonitoredPoint point, Reading reading) {
        if (reading.flags().isEmpty()) {
            // the common case: the values are the fields (StorePoint copies them), no map built in between
            return StorePoint.millis(point.kind().measurement(), PointTags.of(point),
                    Collections.unmodifiableMap(reading.values()), reading.ts().toEpochMilli());
        }
        Map<String, Object> fields = new LinkedHashMap<>(reading.values());
        reading.flags().forEach((parameter, flag) -> {
            if (!DataFlag.N.name().equals(flag)) {
                fields.put(parameter + PointTags.FLAG_SUFFIX, flag);
            }
        });
        return StorePoint.millis(point.kind().measurement(), PointTags.of(point), fields, reading.ts().toEpochMilli());
    }

    public StorePoint rejected(DeadLetter d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", d.topic());
        fields.put("detail", d.detail());
        fields.put("payload", d.payload());
        if (d.index() != null) {
            fields.put("index", (long) d.index());
        }
        long nanos = d.receivedAt().getEpochSecond() * 1_000_000_000L + d.receivedAt().getNano()
                - (d.receivedAt().getNano() % 1_000_000) + rejectedSequence.getAndIncrement() % 1_000_000;
        return new StorePoint("rejected", Map.of("reason", d.reason().code()), fields, nanos, true);
    }
}
