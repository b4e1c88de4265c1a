package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pieces of Grafana's dashboard model (schema version 39, Grafana 10.4–11) used by the envmon dashboards:
 * data source references, thresholds, value mappings, field overrides, template variables and annotations.
 */
public final class Grafana {

    /** The provisioned InfluxDB (InfluxQL) data source; grafana/provisioning/datasources/envmon.yaml. */
    public static final String INFLUX_UID = "envmon-influxdb";
    /** The provisioned Prometheus data source scraping the ingest service's /metrics. */
    public static final String PROMETHEUS_UID = "envmon-prometheus";
    public static final int SCHEMA_VERSION = 39;
    /** The bureau works in Beijing time: days, months and "now/M" are Beijing's whatever the browser says. */
    public static final String TIME_ZONE = "Asia/Shanghai";

    private Grafana() {
    }

    public static ObjectNode influx() {
        return obj("type", "influxdb", "uid", INFLUX_UID);
    }

    public static ObjectNode prometheus() {
        return obj("type", "prometheus", "uid", PROMETHEUS_UID);
    }

    // ---- thresholds -------------------------------------------------------------------------------------------

    /** Absolute thresholds: the base colour, then (value, colour) pairs in ascending order. */
    public static ObjectNode thresholds(String baseColour, Object... valuesAndColours) {
        ArrayNode steps = arr(obj("color", baseColour, "value", Json.nullNode()));
        for (int i = 0; i < valuesAndColours.length; i += 2) {
            steps.add(obj("color", valuesAndColours[i + 1], "value", valuesAndColours[i]));
        }
        return obj("mode", "absolute", "steps", steps);
    }

    // ---- value mappings ---------------------------------------------------------------------------------------

    /** A mapping of exact values, given as value, text, colour triples (colour may be null). */
    public static ObjectNode valueMapping(Object... valueTextColour) {
        ObjectNode options = obj();
        for (int i = 0; i < valueTextColour.length; i += 3) {
            options.set(String.valueOf(valueTextColour[i]),
                    obj("text", valueTextColour[i + 1], "color", valueTextColour[i + 2], "index", i / 3));
        }
        return obj("type", "value", "options", options);
    }

    /** A mapping of the inclusive range [from, to] (either may be null: open) to a text and colour. */
    public static ObjectNode rangeMapping(Double from, Double to, String text, String colour, int index) {
        ObjectNode options = obj("from", from, "to", to, "result", obj("text", text, "color", colour, "index", index));
        if (from == null) {
            options.set("from", Json.nullNode());
        }
        if (to == null) {
            options.set("to", Json.nullNode());
        }
        return obj("type", "range", "options", options);
    }

    /** A mapping of "empty" or "null" values ({@code match}: {@code empty}, {@code null}, {@code nan}). */
    public static ObjectNode specialMapping(String match, String text, String colour, int index) {
        return obj("type", "special", "options",
                obj("match", match, "result", obj("text", text, "color", colour, "index", index)));
    }

    // ---- field overrides --------------------------------------------------------------------------------------

    public static ObjectNode property(String id, Object value) {
        return obj("id", id, "value", value);
    }

    public static ObjectNode overrideByName(String fieldName, ObjectNode... properties) {
        return obj("matcher", obj("id", "byName", "options", fieldName), "properties", arr((Object[]) properties));
    }

    public static ObjectNode overrideByRegexp(String regexp, ObjectNode... properties) {
        return obj("matcher", obj("id", "byRegexp", "options", regexp), "properties", arr((Object[]) properties));
    }

    /** Shows a field's values (IDs) through a value mapping, e.g. a station ID as "TG-A01 太谷区政府". */
    public static ObjectNode displayIds(String fieldName, ObjectNode mapping, String displayName) {
        return overrideByName(fieldName, property("mappings", arr(mapping)), property("displayName", displayName));
    }

    // ---- template variables -----------------------------------------------------------------------------------

    /**
     * A variable filled by an InfluxQL query (refreshed when the dashboard loads). With {@code includeAll}, "All"
     * is {@code .*}, so {@code =~ /^$var$/} stays short whatever the number of sites.
     */
    public static ObjectNode queryVariable(String name, String label, String query, boolean multi,
                                           boolean includeAll, String description) {
        ObjectNode v = obj("type", "query", "name", name, "label", label, "description", description,
                "datasource", influx(), "query", query, "definition", query, "refresh", 1, "regex", "",
                "sort", 1, "multi", multi, "includeAll", includeAll, "hide", 0, "options", arr());
        if (includeAll) {
            v.put("allValue", ".*");
            v.set("current", obj("selected", true, "text", arr("All"), "value", arr("$__all")));
        } else {
            v.set("current", obj());
        }
        return v;
    }

    /** A variable with fixed options; the first of {@code values} unless {@code selected} names one. */
    public static ObjectNode customVariable(String name, String label, List<String> values, String selected,
                                            boolean multiAll, String description) {
        ArrayNode options = arr();
        if (multiAll) {
            options.add(obj("selected", selected == null, "text", "All", "value", "$__all"));
        }
        for (String value : values) {
            options.add(obj("selected", value.equals(selected), "text", value, "value", value));
        }
        ObjectNode current = selected == null && multiAll
                ? obj("selected", true, "text", arr("All"), "value", arr("$__all"))
                : obj("selected", true, "text", selected == null ? values.get(0) : selected,
                "value", selected == null ? values.get(0) : selected);
        ObjectNode v = obj("type", "custom", "name", name, "label", label, "description", description,
                "query", String.join(",", values), "multi", multiAll, "includeAll", multiAll, "hide", 0,
                "options", options, "current", current);
        if (multiAll) {
            v.put("allValue", ".*");
        }
        return v;
    }

    // ---- annotations ------------------------------------------------------------------------------------------

    /**
     * Alerts of the {@code alert} measurement (CONTRACT §4) as annotations: InfluxQL annotation query, the message
     * as text, severity, state and rule as tags. Both the legacy fields and the {@code target} Grafana 10+ keeps.
     */
    public static ObjectNode alertAnnotation(String name, String whereClause, String colour) {
        String query = Iql.q("SELECT `message`, `state`, `severity`::tag, `rule`::tag, `site`::tag FROM `alert` "
                + "WHERE $timeFilter" + (whereClause.isEmpty() ? "" : " AND " + whereClause));
        String tags = "severity,state,rule,site";
        return obj("name", name, "datasource", influx(), "enable", true, "hide", false, "iconColor", colour,
                "query", query, "textColumn", "message", "tagsColumn", tags, "titleColumn", "",
                "target", obj("refId", "Anno", "query", query, "rawQuery", true, "fromAnnotations", true,
                        "textColumn", "message", "tagsColumn", tags));
    }

    /** The dashboard links every envmon dashboard carries: a drop-down of the others, keeping the time range. */
    public static ArrayNode envmonLinks() {
        return arr(obj("title", "envmon", "type", "dashboards", "tags", arr("envmon"), "asDropdown", true,
                "includeVars", false, "keepTime", true, "targetBlank", false, "icon", "external link"));
    }
}
