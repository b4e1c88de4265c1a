package io.envmon.ingest.schema;

import io.envmon.ingest.store.QueryRow;
import io.envmon.model.SiteKind;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tags that key a monitored point's rows (CONTRACT §4): {@code station} for air, {@code section} for water,
 * {@code enterprise} and {@code outlet} for an outlet. Written by the JSON and HJ 212 paths, read back by the alert
 * engine's restore and the readings API: one place for both directions.
 */
public final class PointTags {

    public static final String STATION = "station";
    public static final String SECTION = "section";
    public static final String ENTERPRISE = "enterprise";
    public static final String OUTLET = "outlet";
    /** Columns of a reading row that are tags, not values. */
    public static final Set<String> COLUMNS = Set.of(STATION, SECTION, ENTERPRISE, OUTLET);
    /** The suffix of a parameter's flag column ({@code pm25_flag}); absent for N. */
    public static final String FLAG_SUFFIX = "_flag";

    private PointTags() {
    }

    /** The point's tags, in the contract's order. */
    public static Map<String, String> of(MonitoredPoint point) {
        return of(point.kind(), point.site(), point.outlet());
    }

    /** The tags of a site of {@code kind} ({@code outlet} only for an enterprise). */
    public static Map<String, String> of(SiteKind kind, String site, String outlet) {
        Map<String, String> tags = new LinkedHashMap<>();
        switch (kind) {
            case AIR -> tags.put(STATION, site);
            case WATER -> tags.put(SECTION, site);
            case ENTERPRISE -> {
                tags.put(ENTERPRISE, site);
                tags.put(OUTLET, outlet);
            }
        }
        return tags;
    }

    /** The topic a reading row of {@code kind} belongs to, from its tags ({@code site()} null when they lack). */
    public static Topic topicOf(SiteKind kind, QueryRow row) {
        return switch (kind) {
            case AIR -> Topic.air(row.value(STATION));
            case WATER -> Topic.water(row.value(SECTION));
            case ENTERPRISE -> Topic.enterprise(row.value(ENTERPRISE), row.value(OUTLET));
        };
    }
}
