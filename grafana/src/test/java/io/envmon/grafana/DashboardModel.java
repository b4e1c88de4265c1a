package io.envmon.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.gen.Json;

/** A provisioned dashboard file read back: its variables, annotations, panels and their queries. */
record DashboardModel(Path file, JsonNode json, List<Variable> variables, List<Query> annotations,
                      List<PanelModel> panels) {

    static final Path DASHBOARDS = Path.of("grafana", "dashboards");

    /** A template variable. {@code query} is the InfluxQL of a query variable or the options of a custom one. */
    record Variable(String name, String type, String query, boolean multi, boolean includeAll, String allValue,
                    String current) {
    }

    /** One query of a panel (or an annotation): InfluxQL or PromQL. */
    record Query(String refId, String datasourceType, String datasourceUid, String text) {
        boolean isInflux() {
            return "influxdb".equals(datasourceType);
        }
    }

    record PanelModel(int id, String type, String title, String timeFrom, String timeShift, String interval,
                      JsonNode json, List<Query> queries) {
    }

    String uid() {
        return json.path("uid").asText();
    }

    String title() {
        return json.path("title").asText();
    }

    static List<DashboardModel> loadAll(Path root) {
        try (Stream<Path> files = Files.list(root.resolve(DASHBOARDS))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(DashboardModel::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DashboardModel load(Path file) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Variable> variables = new ArrayList<>();
        for (JsonNode v : json.path("templating").path("list")) {
            JsonNode query = v.path("query");
            JsonNode current = v.path("current").path("value");
            variables.add(new Variable(v.path("name").asText(), v.path("type").asText(),
                    query.isObject() ? query.path("query").asText() : query.asText(),
                    v.path("multi").asBoolean(), v.path("includeAll").asBoolean(),
                    v.hasNonNull("allValue") ? v.get("allValue").asText() : null,
                    current.isArray() ? (current.isEmpty() ? null : current.get(0).asText())
                            : current.isMissingNode() || current.isNull() ? null : current.asText()));
        }
        List<Query> annotations = new ArrayList<>();
        for (JsonNode a : json.path("annotations").path("list")) {
            String text = a.path("target").path("query").asText(a.path("query").asText());
            annotations.add(new Query(a.path("name").asText(), a.path("datasource").path("type").asText(),
                    a.path("datasource").path("uid").asText(), text));
        }
        List<PanelModel> panels = new ArrayList<>();
        collectPanels(json.path("panels"), panels);
        return new DashboardModel(file, json, variables, annotations, panels);
    }

    private static void collectPanels(JsonNode list, List<PanelModel> out) {
        for (JsonNode p : list) {
            if ("row".equals(p.path("type").asText())) {
                collectPanels(p.path("panels"), out); // a collapsed row keeps its panels inside
                continue;
            }
            List<Query> queries = new ArrayList<>();
            for (JsonNode t : p.path("targets")) {
                JsonNode ds = t.has("datasource") ? t.get("datasource") : p.path("datasource");
                String text = t.has("expr") ? t.path("expr").asText() : t.path("query").asText();
                queries.add(new Query(t.path("refId").asText(), ds.path("type").asText(), ds.path("uid").asText(),
                        text));
            }
            out.add(new PanelModel(p.path("id").asInt(), p.path("type").asText(), p.path("title").asText(),
                    p.hasNonNull("timeFrom") ? p.get("timeFrom").asText() : null,
                    p.hasNonNull("timeShift") ? p.get("timeShift").asText() : null,
                    p.hasNonNull("interval") ? p.get("interval").asText() : null, p, queries));
        }
    }
}
