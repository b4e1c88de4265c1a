package io.envmon.alerts.event;

import io.envmon.model.SiteKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One alert event, exactly the JSON of CONTRACT §5 plus two extension fields.
 *
 * @param id             the alert's stable ID ({@link AlertKey#id(Instant)}): the same through open, escalated,
 *                       resolved
 * @param kind           {@code air}, {@code water} or {@code enterprise}; extension: {@value #SYSTEM_KIND} for
 *                       envmon's own health (docs/alerts.md, "System alerts"), never from the engine
 * @param site           station, section or enterprise ID ({@code district} for the district-wide episode tracker,
 *                       {@code envmon} for system alerts)
 * @param point          the outlet ID where there is one, else {@code null}
 * @param rule           the rule that raised it, e.g. {@code pm25_1h_aqi}
 * @param severity       info, warning, major or critical; never falls within one alert
 * @param state          open, escalated or resolved
 * @param parameter      the canonical parameter it is about, or {@code null} (offline, flag rules)
 * @param value          the value that caused this event (an hourly mean, an AQI, minutes of silence…), or null
 * @param threshold      the threshold it is judged against, or {@code null}
 * @param unit           the unit of {@code value} and {@code threshold} ({@code ""} when dimensionless)
 * @param window         the averaging window: {@code 1h}, {@code 24h}, {@code 48h}…, or {@code instant}
 * @param startedAt      when the condition began (event time): the start of the first hour over the threshold,
 *                       the first reading of a flat run, the last reading before a silence…
 * @param ts             when this event happened: the event time of the observation that caused it (the end of
 *                       the hour for hourly rules), or the time of the acknowledgement
 * @param message        Chinese, " / ", English: text for a duty officer
 * @param acknowledgedBy extension: who acknowledged the alert, {@code null} if nobody (yet)
 * @param acknowledgedAt extension: when, {@code null} if not acknowledged
 */
public record AlertEvent(String id, String kind, String site, String point, String rule, Severity severity,
                         AlertState state, String parameter, Double value, Double threshold, String unit,
                         String window, Instant startedAt, Instant ts, String message, String acknowledgedBy,
                         Instant acknowledgedAt) {

    /**
     * The kind of envmon's own alerts (engine lag, InfluxDB unreachable): an extension of CONTRACT §5, delivered to
     * the bureau's channels only.
     */
    public static final String SYSTEM_KIND = "system";

    /** Every kind an event may have: the contract's three, then {@value #SYSTEM_KIND}. */
    public static final List<String> KINDS = Stream.concat(SiteKind.topicSegments().stream(), Stream.of(SYSTEM_KIND))
            .toList();

    public AlertEvent {
        Objects.requireNonNull(id, "id");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind '" + kind + "' is not one of " + String.join(", ", KINDS));
        }
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(message, "message");
        if ((acknowledgedBy == null) != (acknowledgedAt == null)) {
            throw new IllegalArgumentException("acknowledgedBy and acknowledgedAt are set together or not at all");
        }
    }

    /** The key this alert belongs to. */
    public AlertKey key() {
        return new AlertKey(kind, site, point, rule, parameter);
    }

    public boolean isResolved() {
        return state == AlertState.RESOLVED;
    }

    public boolean isAcknowledged() {
        return acknowledgedBy != null;
    }

    /**
     * Whether this event of an alert comes after {@code other}, of the same alert: later, or at the same time and
     * further on (open, escalated, resolved), or the acknowledged copy of the same state.
     */
    public boolean isAfter(AlertEvent other) {
        int byTime = ts.compareTo(other.ts);
        return byTime > 0 || byTime == 0 && (state.ordinal() > other.state.ordinal()
                || state == other.state && acknowledgedAt != null && other.acknowledgedAt == null);
    }

    /** A copy acknowledged by {@code by} at {@code at}, stamped {@code at}. */
    public AlertEvent acknowledged(String by, Instant at) {
        return new AlertEvent(id, kind, site, point, rule, severity, state, parameter, value, threshold, unit, window,
                startedAt, at, message, by, at);
    }
}
