package io.envmon.ingest.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.PublishedEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link PublishedEvents} in a Hazelcast map (one backup: it outlives the death of one instance), alert ID → the
 * event as JSON behind a one-letter state: {@code P} recorded (pending), {@code D} delivered. Entries expire after an
 * hour: by then the alert rows are in InfluxDB. Only the instance evaluating an alert's unit writes its entry (the
 * handover's leases see to it), so reading before writing is safe.
 */
public final class HazelcastPublishedEvents implements PublishedEvents {

    static final String MAP = "envmon.alerts.published";
    private static final long TTL_MINUTES = 60;
    private static final String PENDING = "P";
    private static final String DELIVERED = "D";

    private final IMap<String, String> map;
    private final AlertEventCodec codec = new AlertEventCodec();

    public HazelcastPublishedEvents(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
    }

    @Override
    public void record(List<AlertEvent> events) {
        last(events).forEach((id, json) -> map.set(id, PENDING + json, TTL_MINUTES, TimeUnit.MINUTES));
    }

    @Override
    public void delivered(List<AlertEvent> events) {
        last(events).forEach((id, json) -> {
            // a later event of the alert, recorded meanwhile, stays pending
            if ((PENDING + json).equals(map.get(id))) {
                map.set(id, DELIVERED + json, TTL_MINUTES, TimeUnit.MINUTES);
            }
        });
    }

    @Override
    public List<Published> recent() {
        List<Published> out = new ArrayList<>();
        for (String value : map.values()) {
            out.add(new Published(codec.decode(value.substring(1)), value.startsWith(DELIVERED)));
        }
        return out;
    }

    /** Alert ID → its last event of {@code events}, as JSON (in order: the last event of an alert wins). */
    private Map<String, String> last(List<AlertEvent> events) {
        Map<String, String> batch = new HashMap<>();
        for (AlertEvent e : events) {
            batch.put(e.id(), codec.encode(e));
        }
        return batch;
    }
}
