package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A dashboard, built fluently: panels are laid out left to right on Grafana's 24-column grid, a row starts a new
 * line. Every dashboard is tagged {@code envmon}, in Beijing time, with links to the others.
 */
public final class Dashboard {

    private static final int GRID_WIDTH = 24;

    private final ObjectNode node;
    private final ArrayNode panels = arr();
    private final ArrayNode variables = arr();
    private final ArrayNode annotations = arr();
    private int nextId = 1;
    private int x;
    private int y;
    private int lineHeight;

    public Dashboard(String uid, String title, String description) {
        node = obj("uid", uid, "title", title, "description", description, "tags", arr("envmon"),
                "timezone", Grafana.TIME_ZONE, "weekStart", "monday", "editable", true, "graphTooltip", 1,
                "liveNow", false, "schemaVersion", Grafana.SCHEMA_VERSION, "version", 1);
        time("now-24h", "now");
        refresh("1m");
    }

    public Dashboard tag(String tag) {
        ((ArrayNode) node.get("tags")).add(tag);
        return this;
    }

    public Dashboard time(String from, String to) {
        node.set("time", obj("from", from, "to", to));
        return this;
    }

    public Dashboard refresh(String refresh) {
        node.put("refresh", refresh);
        return this;
    }

    public Dashboard variable(ObjectNode variable) {
        variables.add(variable);
        return this;
    }

    public Dashboard annotation(ObjectNode annotation) {
        annotations.add(annotation);
        return this;
    }

    /** A row header across the grid; what follows goes below it. */
    public Dashboard row(String title) {
        newLine();
        panels.add(obj("id", nextId++, "type", "row", "title", title, "collapsed", false,
                "gridPos", obj("h", 1, "w", GRID_WIDTH, "x", 0, "y", y), "panels", arr()));
        y += 1;
        return this;
    }

    public Dashboard add(Panel panel) {
        if (x + panel.width() > GRID_WIDTH) {
            newLine();
        }
        panels.add(panel.build(nextId++, x, y));
        x += panel.width();
        lineHeight = Math.max(lineHeight, panel.height());
        return this;
    }

    public ObjectNode build() {
        ObjectNode out = node.deepCopy();
        out.set("links", Grafana.envmonLinks());
        out.set("annotations", obj("list", annotations));
        out.set("templating", obj("list", variables));
        out.set("panels", panels);
        out.set("timepicker", obj());
        return out;
    }

    private void newLine() {
        if (x > 0) {
            y += lineHeight;
        }
        x = 0;
        lineHeight = 0;
    }
}
