package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.principal;
import static io.envmon.ingest.http.api.ApiRequests.respondRaw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.report.IntegrityMonth;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.PointReader;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/integrity?month=2026-11}: the monthly integrity view, per enterprise and outlet, of the integrity
 * rules' alerts (docs/api.md#integrity), as JSON or, with {@code format=csv}, as CSV; the bureau's only. The alert rows are read on a worker; an alert that
 * began up to {@value #LOOKBACK_DAYS} days before the month and reached into it is counted (older ones are not
 * read).
 */
final class IntegrityResource {

    /** How far before the month the rows of alerts still open at its start are looked for. */
    static final int LOOKBACK_DAYS = 31;
    private static final YearMonth OLDEST = YearMonth.of(1678, 1);
    private static final YearMonth NEWEST = YearMonth.of(2262, 3);

    /** The CSV's columns, also when the month has no finding. */
    static final List<String> CSV_HEADER = List.of("month", "enterprise", "enterpriseName", "outlet", "outletName",
            "outletAlerts", "outletHoursAffected", "pattern", "alerts", "hours");

    private final Vertx vertx;
    private final PointReader reader;
    private final Registry registry;
    private final ObjectMapper json = new ObjectMapper();

    IntegrityResource(Vertx vertx, PointReader reader, Registry registry) {
        this.vertx = vertx;
        this.reader = reader;
        this.registry = registry;
    }

    void mount(Router router) {
        router.get("/api/integrity").handler(this::month);
    }

    private void month(RoutingContext rc) {
        if (!principal(rc).isBureau()) {
            error(rc, 403, "only the bureau reads the integrity view");
            return;
        }
        Instant now = Instant.now();
        String given = rc.request().getParam("month");
        YearMonth month;
        try {
            month = given == null || given.isBlank() ? YearMonth.now(IntegrityMonth.BEIJING) : YearMonth.parse(given);
        } catch (DateTimeParseException e) {
            error(rc, 400, "month must be YYYY-MM, e.g. 2026-11");
            return;
        }
        if (month.isBefore(OLDEST) || month.isAfter(NEWEST)) {
            error(rc, 400, "month must be between " + OLDEST + " and " + NEWEST);
            return;
        }
        Boolean csv = ReportOutput.csvAsked(rc);
        if (csv == null) {
            return;
        }
        String q = Queries.integrityAlerts(IntegrityMonth.start(month).minus(LOOKBACK_DAYS, ChronoUnit.DAYS),
                IntegrityMonth.end(month));
        vertx.executeBlocking(() -> reader.query(q), false)
                .map(rows -> IntegrityMonth.of(month, rows.stream().map(AlertRows::read).flatMap(Optional::stream)
                        .toList(), now))
                .onSuccess(view -> {
                    if (csv) {
                        ReportOutput.respondCsv(rc, "integrity-" + month, CSV_HEADER, lines(view));
                    } else {
                        respondRaw(rc, 200, render(view).toString());
                    }
                })
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    /**
     * The CSV: one line per outlet and pattern found in the month, the outlet's columns repeated (the same writer as
     * the reports, docs/api.md#integrity).
     */
    private List<Map<String, Object>> lines(IntegrityMonth.View view) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (IntegrityMonth.OutletMonth o : view.outlets()) {
            Optional<Enterprise> e = registry.enterprise(o.enterprise());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("month", view.month().toString());
            item.put("enterprise", o.enterprise());
            item.put("enterpriseName", e.map(Enterprise::name).orElse(null));
            item.put("outlet", o.outlet());
            item.put("outletName", outletName(e, o.outlet()));
            item.put("outletAlerts", o.alerts());
            item.put("outletHoursAffected", o.hours());
            List<Map<String, Object>> patterns = new ArrayList<>();
            o.patterns().forEach((rule, p) -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("pattern", rule);
                line.put("alerts", p.alerts());
                line.put("hours", p.hours());
                patterns.add(line);
            });
            item.put("patterns", patterns);
            items.add(item);
        }
        return items;
    }

    private static String outletName(Optional<Enterprise> e, String outlet) {
        return e.flatMap(x -> x.outlets().stream().filter(o -> o.id().equals(outlet)).findFirst())
                .map(Outlet::name).orElse(null);
    }

    private ObjectNode render(IntegrityMonth.View view) {
        ObjectNode root = json.createObjectNode();
        root.put("month", view.month().toString()).put("from", view.from().toString()).put("to", view.to().toString());
        root.set("totals", patterns(view.totals()));
        ArrayNode enterprises = root.putArray("enterprises");
        ObjectNode current = null;
        for (IntegrityMonth.OutletMonth o : view.outlets()) {
            if (current == null || !current.get("enterprise").asText().equals(o.enterprise())) {
                current = enterprises.addObject().put("enterprise", o.enterprise());
                Optional<Enterprise> e = registry.enterprise(o.enterprise());
                current.put("name", e.map(Enterprise::name).orElse(null));
                current.put("alerts", 0).put("hoursAffected", 0L);
                current.putArray("outlets");
            }
            ObjectNode outlet = ((ArrayNode) current.get("outlets")).addObject().put("outlet", o.outlet());
            outlet.put("name", outletName(registry.enterprise(o.enterprise()), o.outlet()));
            outlet.put("alerts", o.alerts()).put("hoursAffected", o.hours());
            outlet.set("patterns", patterns(o.patterns()));
            current.put("alerts", current.get("alerts").asInt() + o.alerts());
            current.put("hoursAffected", current.get("hoursAffected").asLong() + o.hours());
        }
        return root;
    }

    private ObjectNode patterns(Map<String, IntegrityMonth.Pattern> patterns) {
        ObjectNode node = json.createObjectNode();
        patterns.forEach((rule, p) -> node.putObject(rule).put("alerts", p.alerts()).put("hours", p.hours()));
        return node;
    }
}
