package io.envmon.ingest.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.AlertService;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.alerts.webhook.DeliveryRecord;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.SiteIds;
import io.envmon.model.SiteKind;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The alert and reading API (docs/api.md): list, fetch and acknowledge alerts, follow them live as
 * Server-Sent Events, read recent readings. Every route needs a bearer token; an enterprise's token sees only
 * that enterprise, and is answered 403 for anything else (never another enterprise's data).
 */
public final class AlertApi {

    private static final Pattern ALERT_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "major", "critical");
    private static final String PRINCIPAL = "envmon.principal";
    /** The live stream: the one path that also takes {@code ?access_token=} (an EventSource cannot send headers). */
    private static final String STREAM = "/api/alerts/stream";
    /** Longest acknowledging name. */
    private static final int MAX_BY = 100;
    /** The times InfluxDB can store; a query outside them is a bad request. */
    private static final Instant OLDEST = Instant.parse("1677-09-22T00:00:00Z");
    private static final Instant NEWEST = Instant.parse("2262-04-10T00:00:00Z");
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final Supplier<AlertService> alertService;
    private final PointReader reader;
    private final ApiTokens tokens;
    private final Supplier<List<DeliveryRecord>> deliveries;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** @param alertService the running alert service, or null while it starts (the API then answers 503) */
    public AlertApi(Vertx vertx, Supplier<AlertService> alertService, PointReader reader, ApiTokens tokens,
                    Supplier<List<DeliveryRecord>> deliveries) {
        this.vertx = vertx;
        this.deliveries = deliveries;
        this.alertService = alertService;
        this.reader = reader;
        this.tokens = tokens;
    }

    public void mount(Router router) {
        router.route("/api/*").handler(this::authenticate);
        router.get("/api/alerts").handler(this::list);
        router.get(STREAM).handler(this::stream);
        router.get("/api/alerts/:id").handler(this::one);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::acknowledge);
        router.get("/api/webhooks/deliveries").handler(this::deliveries);
        router.get("/api/readings/:kind/:site").handler(this::readings);
        router.get("/api/readings/:kind/:site/:outlet").handler(this::readings);
    }

    private void authenticate(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                // EventSource in browsers cannot set headers: the stream also takes ?access_token=
                : STREAM.equals(rc.request().path()) ? rc.request().getParam("access_token") : null;
        Optional<Principal> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"envmon\"");
            error(rc, 401, token == null ? "a bearer token is required" : "unknown token");
            return;
        }
        if (alertService.get() == null) {
            error(rc, 503, "starting: the alert state is being read back");
            return;
        }
        rc.put(PRINCIPAL, principal.get());
        rc.next();
    }

    private void list(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        String state = param(rc, "state", "open");
        String kind = rc.request().getParam("kind");
        String site = rc.request().getParam("site");
        String severity = rc.request().getParam("severity");
        if (!Set.of("open", "resolved", "all").contains(state)) {
            error(rc, 400, "state must be open, resolved or all");
            return;
        }
        if (severity != null && !SEVERITIES.contains(severity) || kind != null && SiteKind.fromTopicSegment(kind) == null
                || site != null && !SiteIds.isValid(site) && !"district".equals(site)) {
            error(rc, 400, "kind must be air, water or enterprise; severity info, warning, major or critical; site an ID");
            return;
        }
        if (!who.isBureau()) {
            if (kind != null && !kind.equals("enterprise") || site != null && !site.equals(who.enterprise())) {
                error(rc, 403, "this token sees only enterprise " + who.enterprise());
                return;
            }
            kind = "enterprise";
            site = who.enterprise();
        }
        Integer limitParam = intParam(rc, "limit", 100);
        if (limitParam == null) {
            error(rc, 400, "limit must be a whole number");
            return;
        }
        int limit = Math.min(1000, Math.max(1, limitParam));
        String k = kind;
        String s = site;
        if (state.equals("open")) {
            List<AlertEvent> open = alertService.get().openAlerts().stream()
                    .filter(e -> k == null || e.kind().equals(k))
                    .filter(e -> s == null || e.site().equals(s))
                    .filter(e -> severity == null || e.severity().wire().equals(severity))
                    .limit(limit).toList();
            respondRaw(rc, 200, events(open));
            return;
        }
        Instant to = instantParam(rc, "to", Instant.now());
        Instant from = instantParam(rc, "from", to.minus(7, ChronoUnit.DAYS));
        if (from == null || to == null) {
            error(rc, 400, "from and to must be RFC 3339 times");
            return;
        }
        String q = Queries.alerts(from, to, k, s, severity, state.equals("resolved"), limit);
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> respondRaw(rc, 200, events(rows.stream()
                        .map(AlertRows::read).flatMap(Optional::stream).toList())))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void one(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        String id = rc.pathParam("id");
        if (!ALERT_ID.matcher(id).matches()) {
            error(rc, 400, "not an alert ID");
            return;
        }
        Optional<AlertEvent> open = alertService.get().openAlert(id);
        if (open.isPresent()) {
            visibleOr404(rc, who, open.get());
            return;
        }
        vertx.executeBlocking(() -> reader.query(Queries.newestRowOfAlert(id)), false)
                .onSuccess(rows -> rows.stream().findFirst().flatMap(AlertRows::read)
                        .ifPresentOrElse(e -> visibleOr404(rc, who, e), () -> error(rc, 404, "no alert " + id)))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void visibleOr404(RoutingContext rc, Principal who, AlertEvent e) {
        if (who.maySee(e.kind(), e.site())) {
            respondRaw(rc, 200, codec.encode(e));
        } else {
            // not 403: an enterprise must not learn that another enterprise's alert exists
            error(rc, 404, "no alert " + e.id());
        }
    }

    private void acknowledge(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        if (!who.isBureau()) {
            error(rc, 403, "only the bureau acknowledges alerts");
            return;
        }
        String id = rc.pathParam("id");
        String by = who.name();
        try {
            if (rc.body() != null && rc.body().length() > 0) {
                JsonNode body = json.readTree(rc.body().asString());
                if (body.hasNonNull("by")) {
                    JsonNode given = body.get("by");
                    // republished in every event, webhook and stream: a short name, not any text
                    if (!given.isTextual() || given.asText().isBlank() || given.asText().length() > MAX_BY
                            || given.asText().chars().anyMatch(Character::isISOControl)) {
                        error(rc, 400, "\"by\" must be a name of 1 to " + MAX_BY + " characters");
                        return;
                    }
                    by = given.asText().trim();
                }
            }
        } catch (java.io.IOException e) {
            error(rc, 400, "body must be JSON such as {\"by\": \"duty officer Li\"}");
            return;
        }
        alertService.get().acknowledge(id, by).onComplete(ar -> {
            if (ar.failed()) {
                error(rc, ar.cause() instanceof IllegalArgumentException ? 400 : 500, ar.cause().getMessage());
            } else if (ar.result().isEmpty()) {
                error(rc, 404, "no open alert " + id);
            } else {
                respondRaw(rc, 200, codec.encode(ar.result().get()));
            }
        });
    }

    private void stream(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        HttpServerResponse response = rc.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": envmon alert stream for " + who.name() + "\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(AlertService.EVENTS_ADDRESS, message -> {
            AlertEvent e = codec.decode(message.body());
            if (who.maySee(e.kind(), e.site()) && !response.closed()) {
                response.write("id: " + e.id() + "\nevent: alert\ndata: " + message.body() + "\n\n");
            }
        });
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
            if (!response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            consumer.unregister();
        });
    }

    /** The webhook delivery log (bureau only): the last deliveries, newest first. */
    private void deliveries(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        if (!who.isBureau()) {
            error(rc, 403, "only the bureau reads the delivery log");
            return;
        }
        var array = json.createArrayNode();
        List<DeliveryRecord> records = new ArrayList<>(deliveries.get());
        java.util.Collections.reverse(records);
        for (DeliveryRecord d : records) {
            var node = array.addObject();
            node.put("at", d.at().toString()).put("webhook", d.webhook()).put("eventId", d.eventId())
                    .put("deliveryId", d.deliveryId()).put("attempt", d.attempt()).put("outcome", d.outcome());
            if (d.status() != null) {
                node.put("status", d.status());
            }
            if (d.error() != null) {
                node.put("error", d.error());
            }
            if (d.took() != null) {
                node.put("tookMs", d.took().toMillis());
            }
        }
        respondRaw(rc, 200, array.toString());
    }

    private void readings(RoutingContext rc) {
        Principal who = rc.get(PRINCIPAL);
        SiteKind kind = SiteKind.fromTopicSegment(rc.pathParam("kind"));
        String site = rc.pathParam("site");
        String outlet = rc.pathParam("outlet");
        if (kind == null || !SiteIds.isValid(site) || outlet != null && !SiteIds.isValid(outlet)
                || (kind == SiteKind.ENTERPRISE) != (outlet != null)) {
            error(rc, 400, "use /api/readings/air/{station}, /api/readings/water/{section} or "
                    + "/api/readings/enterprise/{enterprise}/{outlet}");
            return;
        }
        if (!who.maySee(kind.topicSegment(), site)) {
            error(rc, 403, "this token sees only enterprise " + who.enterprise());
            return;
        }
        Instant to = instantParam(rc, "to", Instant.now());
        Instant from = instantParam(rc, "from", to == null ? null : to.minus(1, ChronoUnit.HOURS));
        if (from == null || to == null) {
            error(rc, 400, "from and to must be RFC 3339 times");
            return;
        }
        Integer limitParam = intParam(rc, "limit", 1000);
        if (limitParam == null) {
            error(rc, 400, "limit must be a whole number");
            return;
        }
        int limit = Math.min(10_000, Math.max(1, limitParam));
        String q = Queries.readings(kind, site, outlet, from, to, limit);
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> respondRaw(rc, 200, readingsJson(rows)))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private String readingsJson(List<QueryRow> rows) {
        var array = json.createArrayNode();
        for (QueryRow row : rows) {
            var node = array.addObject();
            node.put("ts", Instant.ofEpochMilli(row.time()).toString());
            var values = node.putObject("values");
            var flags = json.createObjectNode();
            row.values().forEach((column, raw) -> {
                if (PointTags.COLUMNS.contains(column)) {
                    return;
                }
                if (column.endsWith(PointTags.FLAG_SUFFIX)) {
                    flags.put(column.substring(0, column.length() - PointTags.FLAG_SUFFIX.length()), raw);
                } else if (row.number(column) != null) {
                    values.put(column, row.number(column));
                }
            });
            if (!flags.isEmpty()) {
                node.set("flags", flags);
            }
        }
        return array.toString();
    }

    private String events(List<AlertEvent> events) {
        return events.stream().map(codec::encode).collect(Collectors.joining(",", "[", "]"));
    }

    private static String param(RoutingContext rc, String name, String fallback) {
        String v = rc.request().getParam(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The parameter as a whole number, the fallback when absent, or {@code null} when it is not one. */
    private static Integer intParam(RoutingContext rc, String name, int fallback) {
        try {
            return Integer.parseInt(param(rc, name, String.valueOf(fallback)).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instantParam(RoutingContext rc, String name, Instant fallback) {
        String v = rc.request().getParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            Instant t = java.time.OffsetDateTime.parse(v).toInstant();
            // outside what InfluxDB stores, a time is not a question it can answer (and overflows its query)
            return t.isBefore(OLDEST) || t.isAfter(NEWEST) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void respondRaw(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private void error(RoutingContext rc, int status, String message) {
        respondRaw(rc, status, json.createObjectNode().put("error", message).toString());
    }
}
