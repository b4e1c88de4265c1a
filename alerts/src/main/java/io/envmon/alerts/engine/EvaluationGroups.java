package io.envmon.alerts.engine;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which points must be evaluated together, by one engine: the unit in which several instances of the service share
 * the alert evaluation (docs/scale-out.md). Most rules read one point; two read several, and their points form one
 * group:
 *
 * <ul>
 *   <li>{@code heavy_pollution} and the district's daily AQI average the air stations: with the district rule
 *       enabled, every air station is in the group {@value #AIR_DISTRICT}; without it each station is its own;</li>
 *   <li>{@code integrity_copied_series} compares every enterprise outlet where it is enabled with every other:
 *       those outlets are the group {@value #COPIED_SERIES}; an outlet where it is disabled is its own.</li>
 * </ul>
 *
 * A water section is always its own group. The name of a point's own group is its key ({@code water/XYH-01},
 * {@code enterprise/E001/DA001}). Immutable.
 */
public final class EvaluationGroups {

    /** The air stations, when the district rule reads them together. */
    public static final String AIR_DISTRICT = "air";
    /** The enterprise outlets whose series are compared with one another. */
    public static final String COPIED_SERIES = "enterprise";

    private final AlertRulesConfig config;
    private final Map<String, String> byKey = new LinkedHashMap<>();

    public EvaluationGroups(Registry registry, AlertRulesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        for (MonitoredPoint p : registry.points()) {
            byKey.put(SiteDirectory.key(p), groupOf(p));
        }
    }

    /** The group of a registered point. */
    public String groupOf(MonitoredPoint p) {
        String known = byKey.get(SiteDirectory.key(p));
        if (known != null) {
            return known;
        }
        return switch (p.kind()) {
            case AIR -> config.heavyPollution().enabled() ? AIR_DISTRICT : SiteDirectory.key(p);
            case WATER -> SiteDirectory.key(p);
            case ENTERPRISE -> config.rulesFor(p).integrity().copiedSeries().enabled() ? COPIED_SERIES
                    : SiteDirectory.key(p);
        };
    }

    /**
     * The group whose engine owns an alert: its point's, and for the district's alert ({@code heavy_pollution}, whose
     * site is the district, not a station) the air stations'.
     */
    public String groupOf(AlertEvent event) {
        String key = SiteDirectory.key(event.kind(), event.site(), event.point());
        String known = byKey.get(key);
        if (known != null) {
            return known;
        }
        return SiteKind.AIR.topicSegment().equals(event.kind()) && config.heavyPollution().enabled()
                ? AIR_DISTRICT : key;
    }

    /** Every group with its points, in registry order. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byKey.forEach((point, group) -> out.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(point));
        return out;
    }
}
