package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.DashboardModel.PanelModel;
import io.envmon.grafana.DashboardModel.Query;
import io.envmon.grafana.gen.Grafana;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked of the dashboards without Grafana: valid JSON, unique uids, every data source reference on the
 * provisioned uids, no host names or addresses, every panel with a query, only the contract's measurements, only
 * defined variables, only documented metrics, a sound grid.
 */
class DashboardStructureTest {

    private static final Set<String> MEASUREMENTS = Set.of("air", "water", "emission", "alert", "rejected", "air_hourly");
    private static final Set<String> BUILT_IN = Set.of("timeFilter", "__interval", "interval", "__interval_ms",
            "__from", "__to", "__range", "__range_s", "__range_ms", "__rate_interval", "tag_station", "tag_section",
            "tag_outlet", "tag_enterprise", "tag_reason", "tag_rule", "tag_severity", "col");
    private static final Pattern HOST = Pattern.compile(
            "localhost|\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b|https?://|\\b[a-z0-9-]+\\.(?:com|cn|net|org|local)\\b");

    static List<DashboardModel> dashboards() {
        return DashboardModel.loadAll(Root.path());
    }

    @Test
    void theFiveDashboardsHaveUniqueUidsAndTitles() {
        List<DashboardModel> all = dashboards();
        assertEquals(5, all.size(), "air quality, river sections, enterprise emissions, alerts, ingest health");
        assertEquals(all.size(), all.stream().map(DashboardModel::uid).distinct().count(), "dashboard uids unique");
        assertEquals(all.size(), all.stream().map(DashboardModel::title).distinct().count(), "titles unique");
        for (DashboardModel d : all) {
            assertTrue(d.uid().matches("[a-z0-9-]{1,40}"), d.uid() + ": a short, stable uid (links use it)");
            assertTrue(d.json().path("id").isMissingNode() || d.json().path("id").isNull(),
                    d.file() + ": provisioned dashboards carry no numeric id");
            assertEquals(Grafana.SCHEMA_VERSION, d.json().path("schemaVersion").asInt());
            assertTrue(d.json().path("tags").toString().contains("\"envmon\""), d.file() + ": tagged envmon");
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyDataSourceIsAProvisionedUid(DashboardModel d) {
        List<String> refs = new ArrayList<>();
        collectDataSources(d.json(), refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.equals("influxdb/" + Grafana.INFLUX_UID) || ref.equals("prometheus/" + Grafana.PROMETHEUS_UID),
                    () -> d.file() + ": data source " + ref + " is not one of the provisioned uids");
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void noHostNamesOrAddresses(DashboardModel d) {
        List<String> strings = new ArrayList<>();
        collectStrings(d.json(), strings);
        for (String s : strings) {
            Matcher m = HOST.matcher(s);
            assertFalse(m.find(), () -> d.file() + ": '" + m.group() + "' in \"" + s + "\": no hosts in dashboards");
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelHasAQueryAndAPlaceOnTheGrid(DashboardModel d) {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : d.json().path("panels")) {
            assertTrue(ids.add(p.path("id").asInt()), d.file() + ": panel id " + p.path("id") + " twice");
            JsonNode g = p.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertTrue(box[0] >= 0 && box[2] > 0 && box[0] + box[2] <= 24 && box[3] > 0,
                    d.file() + ": panel " + p.path("title") + " off the 24-column grid");
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertFalse(overlap, d.file() + ": panel " + p.path("title") + " overlaps another");
            }
            boxes.add(box);
        }
        for (PanelModel p : d.panels()) {
            assertFalse(p.queries().isEmpty(), d.file() + ": panel '" + p.title() + "' has no query");
            Set<String> refIds = new HashSet<>();
            for (Query q : p.queries()) {
                assertFalse(q.text().isBlank(), d.file() + ": panel '" + p.title() + "' " + q.refId() + " is empty");
                assertTrue(refIds.add(q.refId()), d.file() + ": panel '" + p.title() + "' refId " + q.refId() + " twice");
            }
            assertFalse(p.title().isBlank(), d.file() + ": a panel without title");
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void influxQueriesUseTheContractsMeasurementsAndDefinedVariables(DashboardModel d) {
        Set<String> defined = new HashSet<>(BUILT_IN);
        d.variables().forEach(v -> defined.add(v.name()));
        List<String> texts = new ArrayList<>();
        d.panels().forEach(p -> p.queries().forEach(q -> texts.add(q.text())));
        d.annotations().forEach(a -> texts.add(a.text()));
        d.variables().stream().filter(v -> "query".equals(v.type())).forEach(v -> texts.add(v.query()));
        d.panels().forEach(p -> texts.add(p.title()));
        for (String text : texts) {
            Matcher from = Pattern.compile("FROM \"(\\w+)\"").matcher(text);
            while (from.find()) {
                assertTrue(MEASUREMENTS.contains(from.group(1)),
                        d.file() + ": measurement " + from.group(1) + " is not in CONTRACT §4");
            }
            Matcher var = Pattern.compile("\\$\\{?(\\w+)").matcher(text);
            while (var.find()) {
                assertTrue(defined.contains(var.group(1)),
                        d.file() + ": $" + var.group(1) + " is neither a variable of the dashboard nor built in");
            }
        }
    }

    @Test
    void everyPrometheusMetricIsDocumented() throws IOException {
        String operations = Files.readString(Root.path().resolve("docs/operations.md"));
        Set<String> documented = new HashSet<>();
        Matcher m = Pattern.compile("`(envmon_\\w+)").matcher(operations);
        while (m.find()) {
            documented.add(m.group(1));
        }
        int checked = 0;
        for (DashboardModel d : dashboards()) {
            for (PanelModel p : d.panels()) {
                for (Query q : p.queries()) {
                    if (q.isInflux()) {
                        continue;
                    }
                    Matcher metric = Pattern.compile("\\b(envmon_\\w+)").matcher(q.text());
                    while (metric.find()) {
                        String name = metric.group(1).replaceAll("_(sum|count|max)$", "");
                        assertTrue(documented.contains(name) || documented.contains(metric.group(1)),
                                d.file() + ": " + metric.group(1) + " is not in docs/operations.md");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 10, "the ingest health dashboard queries the service's metrics");
    }

    @Test
    void everyDashboardShowsTheAlertsAsAnnotations() {
        for (DashboardModel d : dashboards()) {
            assertFalse(d.annotations().isEmpty(), d.file() + ": alerts as annotations");
            d.annotations().forEach(a -> assertTrue(a.text().contains("FROM \"alert\""), d.file() + ": " + a.text()));
        }
    }

    @Test
    void theStandardsColoursAreThere() throws IOException {
        String air = Files.readString(Root.path().resolve("grafana/dashboards/air-quality.json"));
        for (String colour : List.of("#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023")) {
            assertTrue(air.contains("\"" + colour + "\""), "HJ 633 colour " + colour);
        }
        for (String limit : List.of("\"value\": 60", "\"value\": 75")) {
            assertTrue(air.contains(limit), "GB 3095 Grade II PM2.5 24-h limit threshold " + limit);
        }
    }

    private static void collectDataSources(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode ds = node.get("datasource");
            if (ds != null) {
                out.add(ds.isObject() ? ds.path("type").asText() + "/" + ds.path("uid").asText() : ds.asText());
            }
            node.fields().forEachRemaining(e -> collectDataSources(e.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collectDataSources(n, out));
        }
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(n -> collectStrings(n, out));
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(out::add);
            }
        }
    }
}
