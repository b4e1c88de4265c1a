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
 * event as JSON. Entries expire after an hour: by then the alert rows are in InfluxDB.
 */
public final class HazelcastPublishedEvents implements PublishedEvents {

    static final String MAP = "envmon.alerts.published";
    private static final long TTL_MINUTES = 60;

    private final IMap<String, String> map;
    private final AlertEventCodec codec = new AlertEventCodec();

    public HazelcastPublishedEvents(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
    }

    @Override
    public void record(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, String> batch = new HashMap<>();
        for (AlertEvent e : events) {
            batch.put(e.id(), codec.encode(e)); // in order: the last event of an alert wins
        }
        batch.forEach((id, json) -> map.set(id, json, TTL_MINUTES, TimeUnit.MINUTES));
    }

    @Override
    public List<AlertEvent> recent() {
        List<AlertEvent> out = new ArrayList<>();
        for (String json : map.values()) {
            out.add(codec.decode(json));
        }
        return out;
    }
}
