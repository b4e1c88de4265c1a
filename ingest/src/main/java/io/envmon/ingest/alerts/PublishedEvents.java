package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import java.util.List;

/**
 * In a cluster, the last event of each alert as it was handed out, kept where the other instances can read it at
 * once (docs/scale-out.md): the alert rows reach InfluxDB through the sink, seconds behind under load, so an
 * instance that takes a unit over merges these with what InfluxDB holds and does not open an alert again that its
 * previous owner opened just before dying or handing it over. An event is recorded before it is handed out and marked
 * delivered once the broker has acknowledged it: one still undelivered when its unit changes hands may never have
 * left the previous owner, and the next owner hands it out again.
 */
public interface PublishedEvents {

    /** Called on the alert runtime's context (a worker: it may block briefly) before the events are handed out. */
    void record(List<AlertEvent> events);

    /** Called on the alert runtime's context once the broker acknowledged the events' publication. */
    void delivered(List<AlertEvent> events);

    /** The last event of every alert recorded recently, and whether it was delivered. */
    List<Published> recent();

    /** An alert's last event as recorded, and whether the broker acknowledged it. */
    record Published(AlertEvent event, boolean delivered) {
    }
}
