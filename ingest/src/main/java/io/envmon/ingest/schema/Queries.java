package io.envmon.ingest.schema;

import io.envmon.alerts.event.AlertState;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.List;

/**
 * The InfluxQL the service runs (InfluxDB 1.x and the v2 API's v1 compatibility): alert rows for the restore and
 * the API, a point's readings for the restore, the engine's reloads and the readings API. Every value is an escaped
 * string literal, so no caller builds a query by hand.
 */
public final class Queries {

    private Queries() {
    }

    /** Every alert row newer than {@code after}. */
    public static String alertsAfter(Instant after) {
        return "SELECT * FROM " + AlertRows.ALERT + " WHERE time > " + after.toEpochMilli() + "ms";
    }

    /**
     * The newest rows of one alert: one per lifecycle state, so that events at the same time are all there for
     * {@link AlertRows#newest} to choose from.
     */
    public static String newestRowsOfAlert(String id) {
        return "SELECT * FROM " + AlertRows.ALERT + " WHERE alert_id = " + literal(id) + " ORDER BY time DESC LIMIT "
                + AlertState.values().length;
    }

    /**
     * Alert rows in {@code [from, to]}, newest first, filtered by kind, site and severity when given ({@code null}:
     * any) and to resolved events when {@code resolvedOnly}.
     */
    public static String alerts(Instant from, Instant to, String kind, String site, String severity,
                                boolean resolvedOnly, int limit) {
        StringBuilder q = new StringBuilder("SELECT * FROM ").append(AlertRows.ALERT).append(" WHERE time >= ")
                .append(from.toEpochMilli()).append("ms AND time <= ").append(to.toEpochMilli()).append("ms");
        if (kind != null) {
            q.append(" AND kind = ").append(literal(kind));
        }
        if (site != null) {
            q.append(" AND site = ").append(literal(site));
        }
        if (severity != null) {
            q.append(" AND severity = ").append(literal(severity));
        }
        if (resolvedOnly) {
            q.append(" AND state = 'resolved'");
        }
        return q.append(" ORDER BY time DESC LIMIT ").append(limit).toString();
    }

    /**
     * The rows of the integrity rules' alerts (rule {@code integrity_*}) of enterprise outlets stamped in
     * {@code [from, to)}, for the monthly integrity view.
     */
    public static String integrityAlerts(Instant from, Instant to) {
        return "SELECT * FROM " + AlertRows.ALERT + " WHERE kind = 'enterprise' AND rule =~ /^integrity_/ AND time >= "
                + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }

    /**
     * Each station's newest rated {@code air_hourly} row from {@code since} on (one series per station): an hour
     * without enough data to rate has a row without {@code aqi}, which would hide the station's last known category.
     */
    public static String latestAirHourly(Instant since) {
        return "SELECT * FROM " + AlertRows.AIR_HOURLY + " WHERE time >= " + since.toEpochMilli()
                + "ms AND \"aqi\" >= 0 GROUP BY \"" + PointTags.STATION + "\" ORDER BY time DESC LIMIT 1";
    }

    /** Every reading row of a kind newer than {@code after}. */
    public static String readingsAfter(SiteKind kind, Instant after) {
        return "SELECT * FROM \"" + kind.measurement() + "\" WHERE time > " + after.toEpochMilli() + "ms";
    }

    /** The readings of several points of one kind from {@code since} on: one query for a group of reloads. */
    public static String readingsSince(List<MonitoredPoint> points, Instant since) {
        StringBuilder w = new StringBuilder();
        for (MonitoredPoint point : points) {
            w.append(w.isEmpty() ? "" : " OR ").append('(').append(where(point)).append(')');
        }
        return "SELECT * FROM \"" + points.get(0).kind().measurement() + "\" WHERE (" + w + ") AND time >= "
                + since.toEpochMilli() + "ms";
    }

    /** A site's reading rows in {@code [from, to]}, newest first ({@code outlet} only for an enterprise). */
    public static String readings(SiteKind kind, String site, String outlet, Instant from, Instant to, int limit) {
        return "SELECT * FROM \"" + kind.measurement() + "\" WHERE " + where(PointTags.of(kind, site, outlet))
                + " AND time >= " + from.toEpochMilli() + "ms AND time <= " + to.toEpochMilli()
                + "ms ORDER BY time DESC LIMIT " + limit;
    }

    /** {@code air_daily} rows of the days starting in {@code [from, to)}, of one station (or all: {@code null}). */
    public static String airDaily(Instant from, Instant to, String station) {
        return "SELECT * FROM " + ReportRows.AIR_DAILY + " WHERE time >= " + from.toEpochMilli() + "ms AND time < "
                + to.toEpochMilli() + "ms" + (station == null ? "" : " AND \"" + PointTags.STATION + "\" = "
                + literal(station));
    }

    /**
     * The hourly rows ({@code water_hourly}, {@code emission_hourly}) of the given sites' points in {@code [from, to)}:
     * for water, {@code sites} are section IDs; for enterprises, {@code enterprise/outlet} pairs.
     */
    public static String pointHours(SiteKind kind, java.util.List<java.util.Map<String, String>> points, Instant from,
                                    Instant to) {
        StringBuilder w = new StringBuilder();
        for (java.util.Map<String, String> tags : points) {
            w.append(w.isEmpty() ? "" : " OR ").append('(').append(where(tags)).append(')');
        }
        return "SELECT * FROM \"" + ReportRows.hourlyMeasurement(kind) + "\" WHERE time >= " + from.toEpochMilli()
                + "ms AND time < " + to.toEpochMilli() + "ms" + (w.isEmpty() ? "" : " AND (" + w + ")");
    }

    private static String where(MonitoredPoint point) {
        return where(PointTags.of(point));
    }

    private static String where(java.util.Map<String, String> tags) {
        StringBuilder w = new StringBuilder();
        tags.forEach((tag, value) -> w.append(w.isEmpty() ? "" : " AND ").append('"').append(tag)
                .append("\" = ").append(literal(value)));
        return w.toString();
    }

    /** An InfluxQL string literal: quoted, backslashes and single quotes escaped. */
    static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
