package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Grafana panel, built fluently; {@link Dashboard} gives it its id and grid position. */
public final class Panel {

    private final String type;
    private final String title;
    private String description;
    private int width = 12;
    private int height = 8;
    private final ArrayNode targets = arr();
    private final ObjectNode defaults = obj();
    private final ObjectNode custom = obj();
    private final ArrayNode overrides = arr();
    private final ArrayNode mappings = arr();
    private final ObjectNode options = obj();
    private final ArrayNode transformations = arr();
    private String timeFrom;
    private String timeShift;
    private String interval;
    private boolean prometheus;

    private Panel(String type, String title) {
        this.type = type;
        this.title = title;
    }

    public static Panel of(String type, String title) {
        return new Panel(type, title);
    }

    public static Panel timeseries(String title) {
        return of("timeseries", title)
                .custom("lineWidth", 1).custom("fillOpacity", 0).custom("spanNulls", false)
                .custom("showPoints", "never").custom("drawStyle", "line")
                .option("legend", obj("displayMode", "list", "placement", "bottom", "showLegend", true))
                .option("tooltip", obj("mode", "multi", "sort", "desc"));
    }

    public static Panel table(String title) {
        return of("table", title).option("showHeader", true).option("cellHeight", "sm")
                .option("footer", obj("show", false, "reducer", arr("sum"), "fields", ""));
    }

    public static Panel stat(String title) {
        return of("stat", title)
                .option("reduceOptions", obj("calcs", arr("lastNotNull"), "fields", "", "values", false))
                .option("colorMode", "background").option("graphMode", "none").option("justifyMode", "auto")
                .option("textMode", "value_and_name").option("orientation", "auto");
    }

    public static Panel barGauge(String title) {
        return of("bargauge", title)
                .option("reduceOptions", obj("calcs", arr("lastNotNull"), "fields", "", "values", false))
                .option("displayMode", "basic").option("orientation", "horizontal").option("showUnfilled", true)
                .option("valueMode", "color").option("namePlacement", "auto");
    }

    public Panel description(String text) {
        this.description = text;
        return this;
    }

    public Panel size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    /** An InfluxQL (raw) query returning time series; {@code alias} may use {@code $tag_x} and {@code $col}. */
    public Panel influx(String query, String alias) {
        return influxTarget(query, alias, "time_series");
    }

    /** An InfluxQL (raw) query whose result is shown as a table (tags become columns). */
    public Panel influxTable(String query) {
        return influxTarget(query, null, "table");
    }

    private Panel influxTarget(String query, String alias, String format) {
        targets.add(obj("refId", refId(targets.size()), "datasource", Grafana.influx(), "rawQuery", true,
                "query", query, "resultFormat", format, "alias", alias));
        return this;
    }

    /** A PromQL query against the ingest service's metrics; {@code legend} may use {@code {{label}}}. */
    public Panel prom(String expr, String legend) {
        prometheus = true;
        targets.add(obj("refId", refId(targets.size()), "datasource", Grafana.prometheus(), "expr", expr,
                "legendFormat", legend, "range", true, "instant", false, "editorMode", "code"));
        return this;
    }

    public Panel unit(String unit) {
        defaults.put("unit", unit);
        return this;
    }

    public Panel decimals(int decimals) {
        defaults.put("decimals", decimals);
        return this;
    }

    public Panel min(double min) {
        defaults.set("min", Json.node(min));
        return this;
    }

    public Panel max(double max) {
        defaults.set("max", Json.node(max));
        return this;
    }

    public Panel thresholds(ObjectNode thresholds) {
        defaults.set("thresholds", thresholds);
        return this;
    }

    /** Draws the thresholds on a time series: {@code line}, {@code dashed}, {@code area}, {@code line+area}. */
    public Panel thresholdsStyle(String mode) {
        return custom("thresholdsStyle", obj("mode", mode));
    }

    /** {@code thresholds}, {@code palette-classic}, {@code fixed}. */
    public Panel colorMode(String mode) {
        defaults.set("color", obj("mode", mode));
        return this;
    }

    public Panel defaultsField(String key, Object value) {
        defaults.set(key, Json.node(value));
        return this;
    }

    public Panel custom(String key, Object value) {
        custom.set(key, Json.node(value));
        return this;
    }

    public Panel mapping(ObjectNode mapping) {
        mappings.add(mapping);
        return this;
    }

    public Panel override(ObjectNode override) {
        overrides.add(override);
        return this;
    }

    public Panel overrides(java.util.List<ObjectNode> list) {
        list.forEach(overrides::add);
        return this;
    }

    public Panel option(String key, Object value) {
        options.set(key, Json.node(value));
        return this;
    }

    public Panel transformation(String id, ObjectNode transformationOptions) {
        transformations.add(obj("id", id, "options", transformationOptions));
        return this;
    }

    /** Panel relative time, e.g. {@code now/M} (this month so far) or {@code 30d}. */
    public Panel timeFrom(String relative) {
        this.timeFrom = relative;
        return this;
    }

    /** Panel time shift, e.g. {@code 1y}: the same range one year earlier. */
    public Panel timeShift(String shift) {
        this.timeShift = shift;
        return this;
    }

    /** Minimum interval ($__interval never goes below it). */
    public Panel interval(String minInterval) {
        this.interval = minInterval;
        return this;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    ObjectNode build(int id, int x, int y) {
        ObjectNode fieldDefaults = defaults.deepCopy();
        if (!custom.isEmpty()) {
            fieldDefaults.set("custom", custom);
        }
        fieldDefaults.set("mappings", mappings);
        ObjectNode node = obj("id", id, "type", type, "title", title, "description", description,
                "gridPos", obj("h", height, "w", width, "x", x, "y", y),
                "datasource", prometheus ? Grafana.prometheus() : Grafana.influx());
        node.put("timeFrom", timeFrom);
        node.put("timeShift", timeShift);
        if (interval != null) {
            node.put("interval", interval);
        }
        node.set("targets", targets);
        node.set("fieldConfig", obj("defaults", fieldDefaults, "overrides", overrides));
        node.set("options", options);
        if (!transformations.isEmpty()) {
            node.set("transformations", transformations);
        }
        if (timeFrom == null) {
            node.remove("timeFrom");
        }
        if (timeShift == null) {
            node.remove("timeShift");
        }
        return node;
    }

    private static String refId(int index) {
        // A..Z, then AA, AB...: Grafana's own sequence
        return index < 26 ? String.valueOf((char) ('A' + index))
                : String.valueOf((char) ('A' + index / 26 - 1)) + (char) ('A' + index % 26);
    }
}
