package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.PointReading;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back from InfluxDB what the alert engine needs after a restart: the last event of every alert that
 * was not resolved, and the recent readings its windows are built from. Blocking: runs on a worker.
 */
public final class AlertStateRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStateRestorer.class);
    /** Alerts older than this are not looked for: an alert open that long has long been seen by people. */
    private static final Duration ALERT_LOOKBACK = Duration.ofDays(30);

    private final PointReader reader;
    private final Registry registry;

    public AlertStateRestorer(PointReader reader, Registry registry) {
        this.reader = reader;
        this.registry = registry;
    }

    /**
     * What was read: open alerts (their latest event each), readings per kind, oldest first, and the latest event of
     * every alert of the look-back, resolved ones included.
     */
    public record Snapshot(List<AlertEvent> openAlerts, List<PointReading> readings, List<AlertEvent> lastEvents) {
    }

    public Snapshot read(Instant now, Map<SiteKind, Duration> depth) {
        List<AlertEvent> last = lastEvents(now);
        List<AlertEvent> open = last.stream().filter(e -> !e.isResolved()).toList();
        List<PointReading> readings = new ArrayList<>();
        for (SiteKind kind : SiteKind.values()) {
            readings.addAll(readings(kind, now.minus(depth.get(kind))));
        }
        readings.sort(Comparator.comparing(pr -> pr.reading().ts()));
        LOG.info("alert state read back: {} open alerts, {} recent readings", open.size(), readings.size());
        return new Snapshot(open, readings, last);
    }

    List<AlertEvent> openAlerts(Instant now) {
        return lastEvents(now).stream().filter(e -> !e.isResolved()).toList();
    }

    /** The latest stored event of every alert of the look-back, resolved or not. */
    List<AlertEvent> lastEvents(Instant now) {
        List<QueryRow> rows = reader.query(Queries.alertsAfter(now.minus(ALERT_LOOKBACK)));
        Map<String, QueryRow> latest = new HashMap<>();
        for (QueryRow row : rows) {
            String id = row.value("alert_id");
            if (id != null && (!latest.containsKey(id) || AlertRows.HAPPENED.compare(latest.get(id), row) <= 0)) {
                latest.put(id, row);
            }
        }
        List<AlertEvent> last = new ArrayList<>();
        for (QueryRow row : latest.values()) {
            AlertRows.read(row).ifPresent(last::add);
        }
        return last;
    }

    /**
     * The stored readings of several points of one kind from {@code since} on, oldest first, per point (a point
     * without any has none in the map): one query for a group of reloads.
     */
    public Map<MonitoredPoint, List<Reading>> readings(List<MonitoredPoint> points, Instant since) {
        Map<MonitoredPoint, List<Reading>> out = new HashMap<>();
        for (PointReading pr : toReadings(points.get(0).kind(), reader.query(Queries.readingsSince(points, since)))) {
            out.computeIfAbsent(pr.point(), p -> new ArrayList<>()).add(pr.reading());
        }
        return out;
    }

    private List<PointReading> readings(SiteKind kind, Instant since) {
        return toReadings(kind, reader.query(Queries.readingsAfter(kind, since)));
    }

    private List<PointReading> toReadings(SiteKind kind, List<QueryRow> rows) {
        List<PointReading> out = new ArrayList<>(rows.size());
        for (QueryRow row : rows) {
            Topic topic = PointTags.topicOf(kind, row);
            if (topic.site() == null) {
                continue;
            }
            Optional<MonitoredPoint> point = registry.resolve(topic);
            if (point.isEmpty()) {
                continue; // a site removed from the registry since
            }
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, String> flags = new LinkedHashMap<>();
            row.values().forEach((column, raw) -> {
                if (PointTags.COLUMNS.contains(column)) {
                    return;
                }
                if (column.endsWith(PointTags.FLAG_SUFFIX)) {
                    flags.put(column.substring(0, column.length() - PointTags.FLAG_SUFFIX.length()), raw);
                } else {
                    Double v = row.number(column);
                    if (v != null) {
                        values.put(column, v);
                    }
                }
            });
            if (!values.isEmpty()) {
                out.add(new PointReading(point.get(), new Reading(Instant.ofEpochMilli(row.time()), values, flags, null)));
            }
        }
        return out;
    }
}
