package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.DashboardModel.PanelModel;
import io.envmon.grafana.DashboardModel.Query;
import io.envmon.grafana.DashboardModel.Variable;
import io.envmon.grafana.GrafanaTemplate.Range;
import io.envmon.grafana.GrafanaTemplate.Selection;
import io.envmon.testkit.PrometheusServer;
import io.envmon.testkit.RequiredTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof that every dashboard shows data the service itself wrote: after the simulator's replay through the real
 * ingest service into a real InfluxDB ({@link ReplayHarness}), and once the service's alert engine has written its
 * {@code alert} and {@code air_hourly} rows, every panel query, annotation and variable query of every provisioned
 * dashboard is expanded as Grafana would ({@link GrafanaTemplate}) and run; each must return at least one row with a
 * non-null value, or the test fails naming the dashboard and panel. Each is also run a second time over an absolute
 * range with two values picked in each multi-value variable (Grafana's regex form), which must at least be valid
 * InfluxQL. Every metric name and label of the Prometheus queries must appear in a live scrape of the service's
 * /metrics, and a real Prometheus (Debian package {@code prometheus}) scrapes the service during the replay: each
 * PromQL query must return series from it ({@link #everyPromqlQueryReturnsSeriesFromARealPrometheus}; without the
 * program that test fails, or is skipped when {@code ENVMON_TEST_WITHOUT} names it, see {@link RequiredTools}). Prints
 * a table: dashboard, panel, queries, queries proven, rows. {@link #theEpisodesShowOnTheDashboards} then checks
 * values: the injected episodes appear where they should.
 */
class DashboardQueriesIT {

    private static ReplayHarness harness;
    private static String scrape;
    private static PrometheusServer prometheus;
    private static Instant promFrom;

    @BeforeAll
    static void replay() {
        // `-Dtest=Dashboard*` would also hand this class to Surefire (unit tests, before the jars it starts exist
        // in a plain `mvn test`); it runs under Failsafe only, which sets this property (grafana/pom.xml)
        Assumptions.assumeTrue(Boolean.getBoolean("envmon.failsafe"), "integration test: runs under Failsafe");
        long t0 = System.nanoTime();
        harness = new ReplayHarness();
        harness.startIngest();
        // when the program is missing, everyPromqlQueryReturnsSeriesFromARealPrometheus fails (or is skipped when
        // opted out); the InfluxQL panels are proven either way
        prometheus = RequiredTools.find("prometheus", PrometheusServer.OVERRIDE_ENV)
                .map(binary -> new PrometheusServer(binary, harness.httpPort).start()).orElse(null);
        promFrom = Instant.now();
        Instant now = Instant.now();
        harness.replay(now);
        harness.publishRejections();
        harness.awaitStored();
        harness.awaitAlertEngineOutput();
        scrape = harness.scrape();
        if (prometheus != null) {
            prometheus.awaitScrapes(5);
            harness.log.add("Prometheus (Debian package) scraped the service every second during the replay: "
                    + "PromQL panels run against it");
        } else {
            harness.log.add("Prometheus is not installed: PromQL panels are checked by their metric and label names "
                    + "against a live /metrics scrape; running them fails (or is skipped when opted out)");
        }
        StringBuilder alerts = new StringBuilder("alert events by kind/rule:");
        harness.influx.rows(ReplayHarness.DB, "SELECT count(\"alert_id\") FROM \"alert\" GROUP BY \"kind\", \"rule\"")
                .forEach(r -> alerts.append(' ').append(r.get("kind")).append('/').append(r.get("rule")).append('=')
                        .append(r.get("count")));
        harness.log.add(alerts.toString());
        harness.log.add("air_hourly points: " + harness.influx.count(ReplayHarness.DB,
                "SELECT count(\"standard\") FROM \"air_hourly\""));
        harness.log.add(String.format("replay ready after %.1f s: %d readings stored, %d rejections",
                (System.nanoTime() - t0) / 1e9, harness.expectedReadings, harness.rejectionsSent));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** One line of the printed table. */
    record Line(String dashboard, String panel, int queries, int proven, long rows, String note) {
    }

    @Test
    void everyPanelQueryReturnsData() {
        GrafanaTemplate grafana = new GrafanaTemplate(ReplayHarness.BEIJING, Instant.now());
        List<Line> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int promql = 0;
        for (DashboardModel d : DashboardModel.loadAll(harness.root)) {
            Range dashboardRange = grafana.range(d.json().path("time").path("from").asText(),
                    d.json().path("time").path("to").asText());
            // variables, in order (a later one may use an earlier one)
            Map<String, List<String>> options = new LinkedHashMap<>();
            Map<String, Selection> defaults = new LinkedHashMap<>();
            Map<String, Selection> picked = new LinkedHashMap<>();
            int varQueries = 0;
            int varProven = 0;
            long varRows = 0;
            for (Variable v : d.variables()) {
                List<String> values;
                if ("query".equals(v.type())) {
                    varQueries++;
                    String q = grafana.expand(v.query(), dashboardRange, Duration.ofMinutes(1), defaults);
                    values = harness.influx.rows(ReplayHarness.DB, q).stream().map(r -> String.valueOf(r.get("value")))
                            .toList();
                    varRows += values.size();
                    if (values.isEmpty()) {
                        failures.add(d.title() + " / variable $" + v.name() + ": no values from " + q);
                        values = List.of("none");
                    } else {
                        varProven++;
                    }
                } else {
                    values = List.of(v.query().split(","));
                }
                options.put(v.name(), values);
                boolean multiOrAll = v.multi() || v.includeAll();
                if (v.includeAll()) {
                    defaults.put(v.name(), new Selection(values, true, true, v.allValue()));
                } else {
                    String current = v.current() != null && values.contains(v.current()) ? v.current() : values.get(0);
                    defaults.put(v.name(), new Selection(List.of(current), false, multiOrAll, null));
                }
                picked.put(v.name(), multiOrAll
                        ? new Selection(values.subList(0, Math.min(2, values.size())), false, true, v.allValue())
                        : defaults.get(v.name()));
            }
            if (varQueries > 0) {
                lines.add(new Line(d.title(), "(template variables)", varQueries, varProven, varRows, ""));
            }
            // annotations
            int annProven = 0;
            long annRows = 0;
            for (Query a : d.annotations()) {
                Outcome o = run(grafana, d, a.text(), dashboardRange, null, defaults, options);
                annRows += o.rows;
                if (o.rows > 0) {
                    annProven++;
                } else {
                    failures.add(d.title() + " / annotation " + a.refId() + ": " + o.detail);
                }
            }
            if (!d.annotations().isEmpty()) {
                lines.add(new Line(d.title(), "(annotations: alerts)", d.annotations().size(), annProven, annRows, ""));
            }
            // panels
            for (PanelModel p : d.panels()) {
                Range range = grafana.panelRange(dashboardRange, p.timeFrom(), p.timeShift());
                int proven = 0;
                long rows = 0;
                Set<String> notes = new LinkedHashSet<>();
                List<String> otherValues = new ArrayList<>();
                for (Query q : p.queries()) {
                    if (!q.isInflux()) {
                        List<String> missing = missingFromScrape(q.text());
                        if (!missing.isEmpty()) {
                            failures.add(d.title() + " / " + p.title() + " / " + q.refId() + ": not in /metrics: "
                                    + missing + " (" + q.text() + ")");
                        } else {
                            notes.add("PromQL: names in live /metrics; run by everyPromqlQueryReturnsSeries…");
                        }
                        promql++;
                        continue;
                    }
                    Outcome o = run(grafana, d, q.text(), range, p.interval(), defaults, options);
                    rows += o.rows;
                    if (o.rows > 0) {
                        proven++;
                        if (o.note != null) {
                            otherValues.add(o.note);
                        }
                    } else {
                        failures.add(d.title() + " / " + p.title() + " / " + q.refId() + ": " + o.detail);
                    }
                    // the same query over an absolute range, two values picked in each multi-value variable
                    Range absolute = grafana.panelRange(grafana.absolute(range.from(), range.to()), null, null);
                    String second = grafana.expand(q.text(), absolute, grafana.interval(absolute, p.interval()), picked);
                    try {
                        harness.influx.query(ReplayHarness.DB, second);
                    } catch (IllegalStateException e) {
                        failures.add(d.title() + " / " + p.title() + " / " + q.refId() + " (absolute range, picked "
                                + "values): " + e.getMessage());
                    }
                }
                if (!otherValues.isEmpty()) {
                    notes.add(otherValues.size() + " proven with another single value: "
                            + String.join(", ", new LinkedHashSet<>(otherValues)));
                }
                if (p.timeFrom() != null || p.timeShift() != null) {
                    notes.add("panel time " + (p.timeFrom() != null ? p.timeFrom() : "")
                            + (p.timeShift() != null ? " shift " + p.timeShift() : ""));
                }
                lines.add(new Line(d.title(), p.title(), p.queries().size(), proven, rows, String.join("; ", notes)));
            }
        }
        print(lines, promql);
        assertTrue(failures.isEmpty(), () -> "panel queries without data or invalid:\n  " + String.join("\n  ", failures));
    }

    /**
     * Every PromQL query of every panel, run on the real Prometheus that scraped the service during the replay, returns
     * series with samples; a query that returns none fails the test, naming its dashboard and panel.
     */
    @Test
    void everyPromqlQueryReturnsSeriesFromARealPrometheus() {
        RequiredTools.require("prometheus", PrometheusServer.OVERRIDE_ENV, "prometheus",
                "the dashboards' PromQL queries against a real Prometheus");
        GrafanaTemplate grafana = new GrafanaTemplate(ReplayHarness.BEIJING, Instant.now());
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("\nPromQL on Prometheus (series with samples):\n");
        int run = 0;
        for (DashboardModel d : DashboardModel.loadAll(harness.root)) {
            for (PanelModel p : d.panels()) {
                for (Query q : p.queries()) {
                    if (q.isInflux()) {
                        continue;
                    }
                    run++;
                    String where = d.title() + " / " + p.title() + " / " + q.refId();
                    long series;
                    try {
                        series = runPromql(grafana, q.text());
                    } catch (IllegalStateException e) {
                        failures.add(where + ": " + e.getMessage());
                        continue;
                    }
                    table.append(String.format("  %s | %s | %d%n", cut(d.title(), 36), cut(p.title() + " / "
                            + q.refId(), 62), series));
                    if (series == 0 && CREATED_ON_FIRST_EVENT.stream().noneMatch(q.text()::contains)) {
                        failures.add(where + ": PromQL returned no series: " + q.text());
                    }
                }
            }
        }
        System.out.println(table);
        assertTrue(run > 0, "the dashboards have PromQL panels");
        assertTrue(failures.isEmpty(), () -> "PromQL panel queries without series on Prometheus:\n  "
                + String.join("\n  ", failures));
    }

    /**
     * Beyond "returns data": the episodes of the replay show where the bureau would look for them, with the values
     * the standards give.
     */
    @Test
    void theEpisodesShowOnTheDashboards() {
        GrafanaTemplate grafana = new GrafanaTemplate(ReplayHarness.BEIJING, Instant.now());
        Map<String, DashboardModel> byUid = new LinkedHashMap<>();
        DashboardModel.loadAll(harness.root).forEach(d -> byUid.put(d.uid(), d));
        Map<String, Selection> all = Map.of(
                "section", new Selection(List.of("x"), true, true, ".*"),
                "outlet", new Selection(List.of("x"), true, true, ".*"),
                "enterprise", Selection.single("E001"),
                "expected_interval", Selection.single("60"),
                "silent_minutes", Selection.single("30"));

        // river: WMH-04 at NH3-N 2.6 mg/L is class 劣V (6) and off its target IV
        List<Map<String, Object>> classes = rows(grafana, byUid.get("envmon-river-sections"),
                "断面当前水质类别 Current class by section", all);
        assertTrue(classes.stream().anyMatch(r -> "WMH-04".equals(r.get("section"))
                && Long.valueOf(6).equals(r.get("nh3n_class"))), () -> "WMH-04 NH3-N class 劣V: " + classes);
        List<Map<String, Object>> offTarget = rows(grafana, byUid.get("envmon-river-sections"),
                "未达水质目标断面 Sections off target", all);
        assertTrue(offTarget.stream().anyMatch(r -> "WMH-04".equals(r.get("section"))
                && ((Number) r.get("nh3n")).doubleValue() > 1.5), () -> "WMH-04 NH3-N over 1.5 × limit: " + offTarget);

        // enterprise: E001/DW001 at COD ~130 against 100 has at least one exceedance hour
        List<Map<String, Object>> exceedances = rows(grafana, byUid.get("envmon-enterprise-emissions"),
                "超标小时数 Exceedance hours", all);
        assertTrue(exceedances.stream().anyMatch(r -> "DW001".equals(r.get("outlet")) && r.get("cod") instanceof Number n
                && n.doubleValue() >= 1), () -> "E001/DW001 COD exceedance hours: " + exceedances);

        // ingest health: the three devices that went silent, and only they
        List<Map<String, Object>> silent = rows(grafana, byUid.get("envmon-ingest-health"),
                "静默设备 Devices silent for $silent_minutes min", all);
        Set<String> names = new LinkedHashSet<>();
        silent.forEach(r -> names.add(r.containsKey("station") ? (String) r.get("station")
                : r.containsKey("section") ? (String) r.get("section") : r.get("enterprise") + "/" + r.get("outlet")));
        assertTrue(names.equals(Set.of(ReplayHarness.SILENT_STATION, ReplayHarness.SILENT_SECTION,
                ReplayHarness.SILENT_OUTLET)), () -> "silent devices: " + names);
    }

    /** Every row of every query of one panel, with the variables given, over the dashboard's and panel's range. */
    private static List<Map<String, Object>> rows(GrafanaTemplate grafana, DashboardModel d, String title,
                                                  Map<String, Selection> variables) {
        PanelModel p = d.panels().stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow();
        Range range = grafana.panelRange(grafana.range(d.json().path("time").path("from").asText(),
                d.json().path("time").path("to").asText()), p.timeFrom(), p.timeShift());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Query q : p.queries()) {
            out.addAll(harness.influx.rows(ReplayHarness.DB,
                    grafana.expand(q.text(), range, grafana.interval(range, p.interval()), variables)));
        }
        return out;
    }

    /** What one query gave. */
    private record Outcome(long rows, String note, String detail) {
    }

    /**
     * Expands and runs one InfluxQL query; when it returns nothing with the default selection of a single-value
     * variable it uses (the enterprise), tries the variable's other values, those the query names first: a panel
     * of one enterprise is proven by an enterprise that has what it shows.
     */
    private Outcome run(GrafanaTemplate grafana, DashboardModel d, String query, Range range, String minInterval,
                        Map<String, Selection> defaults, Map<String, List<String>> options) {
        Duration interval = grafana.interval(range, minInterval);
        String expanded = grafana.expand(query, range, interval, defaults);
        List<String> leftovers = GrafanaTemplate.leftovers(expanded);
        if (!leftovers.isEmpty()) {
            return new Outcome(0, null, "unexpanded " + leftovers + " in " + expanded);
        }
        long rows;
        try {
            rows = nonNullRows(harness.influx.query(ReplayHarness.DB, expanded));
        } catch (IllegalStateException e) {
            return new Outcome(0, null, e.getMessage());
        }
        if (rows > 0) {
            show(query, expanded);
            return new Outcome(rows, null, null);
        }
        for (Map.Entry<String, Selection> v : defaults.entrySet()) {
            if (v.getValue().multiOrAll() || !query.contains("$" + v.getKey())) {
                continue;
            }
            List<String> candidates = new ArrayList<>(options.get(v.getKey()));
            candidates.sort((a, b) -> Boolean.compare(!query.contains(b), !query.contains(a)));
            for (String candidate : candidates) {
                if (candidate.equals(v.getValue().values().get(0))) {
                    continue;
                }
                Map<String, Selection> other = new LinkedHashMap<>(defaults);
                other.put(v.getKey(), Selection.single(candidate));
                String q = grafana.expand(query, range, interval, other);
                long r = nonNullRows(harness.influx.query(ReplayHarness.DB, q));
                if (r > 0) {
                    show(query, q);
                    return new Outcome(r, "$" + v.getKey() + "=" + candidate, null);
                }
            }
        }
        return new Outcome(0, null, "no rows with a value: " + expanded);
    }

    /** With {@code -Denvmon.grafana.show=N}: prints the first N rows a query returned, to look at the values. */
    private static void show(String query, String expanded) {
        int n = Integer.getInteger("envmon.grafana.show", 0);
        if (n > 0) {
            List<Map<String, Object>> rows = harness.influx.rows(ReplayHarness.DB, expanded);
            System.out.println("QUERY " + query + "\n  " + String.join("\n  ",
                    rows.subList(0, Math.min(n, rows.size())).stream().map(Object::toString).toList()));
        }
    }

    /** Rows (of every series of every statement) with at least one non-null value besides time. */
    private static long nonNullRows(JsonNode answer) {
        long n = 0;
        for (JsonNode result : answer.path("results")) {
            for (JsonNode series : result.path("series")) {
                JsonNode columns = series.path("columns");
                for (JsonNode row : series.path("values")) {
                    for (int i = 0; i < columns.size(); i++) {
                        if (!"time".equals(columns.get(i).asText()) && !row.get(i).isNull()) {
                            n++;
                            break;
                        }
                    }
                }
            }
        }
        return n;
    }

    /**
     * Runs a PromQL query over the replay as Grafana would: {@code $__rate_interval} = max($__interval + scrape
     * interval, 4 × scrape interval), with the test Prometheus's 1 s scrape interval; returns the series with samples.
     */
    private static long runPromql(GrafanaTemplate grafana, String expr) {
        Instant end = Instant.now();
        GrafanaTemplate.Range range = grafana.absolute(promFrom, end);
        Duration scrapeInterval = PrometheusServer.SCRAPE_INTERVAL;
        Duration interval = grafana.interval(range, GrafanaTemplate.format(scrapeInterval));
        Duration rate = interval.plus(scrapeInterval).compareTo(scrapeInterval.multipliedBy(4)) > 0
                ? interval.plus(scrapeInterval) : scrapeInterval.multipliedBy(4);
        String expanded = expr.replace("$__rate_interval", GrafanaTemplate.format(rate))
                .replace("$__interval", GrafanaTemplate.format(interval));
        return PrometheusServer.seriesWithSamples(prometheus.queryRange(expanded, promFrom, end, Duration.ofSeconds(1)));
    }

    /** Metric names and grouping/matching labels of a PromQL expression that the live scrape does not have. */
    static List<String> missingFromScrape(String promql) {
        Map<String, Set<String>> labelsByMetric = new LinkedHashMap<>();
        Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][\\w:]*)(?:\\{([^}]*)})? ").matcher(scrape);
        while (sample.find()) {
            Set<String> labels = labelsByMetric.computeIfAbsent(sample.group(1), k -> new LinkedHashSet<>());
            if (sample.group(2) != null) {
                Matcher l = Pattern.compile("(\\w+)=\"").matcher(sample.group(2));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b(envmon_\\w+)").matcher(promql);
        while (m.find()) {
            used.add(m.group(1));
            if (!labelsByMetric.containsKey(m.group(1)) && !CREATED_ON_FIRST_EVENT.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        Matcher by = Pattern.compile("by \\(([^)]*)\\)").matcher(promql);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                String l = label.trim();
                boolean present = used.stream().anyMatch(u -> labelsByMetric.getOrDefault(u, Set.of()).contains(l)
                        || CREATED_ON_FIRST_EVENT.contains(u));
                if (!present) {
                    missing.add("label " + l);
                }
            }
        }
        return missing;
    }

    /**
     * Counters the service registers on their first increment (Micrometer's {@code computeIfAbsent} in
     * IngestMetrics: failures by class), so a healthy run's scrape lacks them; they are documented in
     * docs/operations.md, which {@code DashboardStructureTest} checks instead.
     */
    static final Set<String> CREATED_ON_FIRST_EVENT = Set.of("envmon_influx_write_failures_total");

    private static void print(List<Line> lines, int promql) {
        StringBuilder out = new StringBuilder("\n");
        harness.log.forEach(l -> out.append(l).append('\n'));
        String format = "%s | %s | %7s | %6s | %6s | %s%n";
        out.append(String.format(format, cut("dashboard", 36), cut("panel", 58), "queries", "proven", "rows", "note"));
        out.append("-".repeat(150)).append('\n');
        int queries = 0;
        int proven = 0;
        for (Line l : lines) {
            out.append(String.format(format, cut(l.dashboard(), 36), cut(l.panel(), 58), l.queries(), l.proven(),
                    l.rows(), l.note()));
            queries += l.queries();
            proven += l.proven();
        }
        out.append(String.format("total: %d queries, %d proven on InfluxDB; %d PromQL, run on Prometheus by "
                + "everyPromqlQueryReturnsSeriesFromARealPrometheus%n", queries, proven, promql));
        System.out.println(out);
    }

    private static String cut(String s, int width) {
        // CJK characters are two columns wide in a terminal
        StringBuilder sb = new StringBuilder();
        int cols = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int w = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || c == '（' || c == '）' ? 2 : 1;
            if (cols + w > width) {
                break;
            }
            sb.append(c);
            cols += w;
        }
        return sb + " ".repeat(Math.max(0, width - cols));
    }
}
