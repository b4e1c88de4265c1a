package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import java.util.List;

/**
 * In a cluster, the last event of each alert as it was handed out, kept where the other instances can read it at
 * once (docs/scale-out.md): the alert rows reach InfluxDB through the sink, seconds behind under load, so an
 * instance that takes a unit over merges these with what InfluxDB holds and does not open an alert again that its
 * previous owner opened just before dying or handing it over.
 */
public interface PublishedEvents {

    /** Called on the alert runtime's context (a worker: it may block briefly) before the event is handed out. */
    void record(List<AlertEvent> events);

    /** The last event of every alert recorded recently. */
    List<AlertEvent> recent();
}
