package io.envmon.alerts.event;

import io.envmon.model.SiteKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What one alert is about: at most one alert per key is open at a time, and each episode of a key gets its own
 * {@link #id(Instant) id}.
 *
 * @param kind      {@code air}, {@code water} or {@code enterprise} (CONTRACT §5): a {@link SiteKind#topicSegment()}
 * @param site      station, section or enterprise ID; {@code district} (configurable) for district-wide alerts
 * @param point     the outlet ID for enterprises, else {@code null}
 * @param rule      the rule ID, e.g. {@code pm25_1h_aqi}
 * @param parameter the canonical parameter, or {@code null} for point-level rules (offline, flags)
 */
public record AlertKey(String kind, String site, String point, String rule, String parameter) {

    public AlertKey {
        if (SiteKind.fromTopicSegment(kind) == null) {
            throw new IllegalArgumentException("alert kind '" + kind + "' is not one of "
                    + String.join(", ", SiteKind.topicSegments()));
        }
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * The stable ID of the episode of this key that started at {@code startedAt}: a name-based UUID (RFC 4122
     * version 3) of kind, site, point, rule, parameter and {@code startedAt} in epoch milliseconds. The same
     * episode always gets the same ID, whatever the order or number of times its readings arrive, and across
     * restarts; a later episode (after a resolve) starts later and so gets a new ID.
     */
    public String id(Instant startedAt) {
        Objects.requireNonNull(startedAt, "startedAt");
        String name = String.join("\n", "envmon-alert", kind, site, orEmpty(point), rule, orEmpty(parameter),
                Long.toString(startedAt.toEpochMilli()));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code air/TG-A01/pm25_1h_aqi/pm25}, for logs and faults. */
    public String label() {
        return kind + "/" + site + (point == null ? "" : "/" + point) + "/" + rule
                + (parameter == null ? "" : "/" + parameter);
    }

    /** True when this key is about the given point (any rule, any parameter). */
    public boolean isAbout(String kind, String site, String point) {
        return this.kind.equals(kind) && this.site.equals(site) && Objects.equals(this.point, point);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
