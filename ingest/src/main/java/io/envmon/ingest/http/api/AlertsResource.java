package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.instantParam;
import static io.envmon.ingest.http.api.ApiRequests.param;
import static io.envmon.ingest.http.api.ApiRequests.principal;
import static io.envmon.ingest.http.api.ApiRequests.respondRaw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.AlertAcknowledger;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.OpenAlerts;
import io.envmon.ingest.alerts.system.SystemConditions;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.PointReader;
import io.envmon.model.SiteIds;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /api/alerts}: open alerts from the alert board, history from InfluxDB, one alert by ID, and the
 * bureau's acknowledgement. An enterprise's token sees its own enterprise only (403 for others; 404, never 403, for
 * another enterprise's alert by ID, which must not even be known to exist). A {@code site} the registry does not know
 * is 404, as for {@code /api/readings}.
 */
final class AlertsResource {

    /** Header of an open-alerts answer some cluster members did not contribute to: their member IDs. */
    static final String UNANSWERED = "X-Envmon-Unanswered";
    private static final Pattern ALERT_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    private static final Set<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::wire)
            .collect(Collectors.toUnmodifiableSet());
    /** Longest acknowledging name: it is republished in every event, webhook and stream. */
    private static final int MAX_BY = 100;

    private final Vertx vertx;
    private final AlertBoard alerts;
    private final OpenAlerts open;
    private final AlertAcknowledger acknowledger;
    private final PointReader reader;
    private final Registry registry;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** @param open the open alerts served: the board's, or in a cluster every instance's */
    AlertsResource(Vertx vertx, AlertBoard alerts, OpenAlerts open, AlertAcknowledger acknowledger, PointReader reader,
                   Registry registry) {
        this.vertx = vertx;
        this.registry = registry;
        this.alerts = alerts;
        this.open = open;
        this.acknowledger = acknowledger;
        this.reader = reader;
    }

    /** Routes after the stream's, whose path would otherwise be taken for an alert ID. */
    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::one);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::acknowledge);
    }

    private void list(RoutingContext rc) {
        Principal who = principal(rc);
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
        if (site != null && !known(kind, site)) {
            // an empty list would say "no alerts" of a site that does not exist (a typo in the ID), as for readings
            error(rc, 404, "no " + (kind == null ? "" : kind + " ") + "site " + site + " in the registry");
            return;
        }
        Integer limit = ApiRequests.limit(rc, 100, 1000);
        if (limit == null) {
            return;
        }
        String k = kind;
        String s = site;
        if (state.equals("open")) {
            open.openAlerts().onSuccess(answer -> {
                unanswered(rc, answer);
                respondRaw(rc, 200, events(answer.alerts().stream()
                        .filter(e -> visible(who, e))
                        .filter(e -> k == null || e.kind().equals(k))
                        .filter(e -> s == null || e.site().equals(s))
                        .filter(e -> severity == null || e.severity().wire().equals(severity))
                        .limit(limit).toList()));
            }).onFailure(e -> error(rc, 503, "open alerts: " + e.getMessage()));
            return;
        }
        Instant to = instantParam(rc, "to", Instant.now());
        Instant from = instantParam(rc, "from", to == null ? null : to.minus(7, ChronoUnit.DAYS));
        if (from == null || to == null) {
            error(rc, 400, "from and to must be RFC 3339 times");
            return;
        }
        String q = Queries.alerts(from, to, k, s, severity, state.equals("resolved"), limit);
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> respondRaw(rc, 200, events(rows.stream()
                        .map(AlertRows::read).flatMap(Optional::stream).filter(e -> visible(who, e)).toList())))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void one(RoutingContext rc) {
        Principal who = principal(rc);
        String id = rc.pathParam("id");
        if (!ALERT_ID.matcher(id).matches()) {
            error(rc, 400, "not an alert ID");
            return;
        }
        open.openAlerts().onSuccess(answer -> {
            Optional<AlertEvent> known = answer.alerts().stream().filter(e -> e.id().equals(id)).findFirst();
            if (known.isPresent()) {
                visibleOr404(rc, who, known.get());
                return;
            }
            vertx.executeBlocking(() -> reader.query(Queries.newestRowsOfAlert(id)), false)
                    .onSuccess(rows -> AlertRows.newest(rows).flatMap(AlertRows::read)
                            .ifPresentOrElse(e -> visibleOr404(rc, who, e), () -> error(rc, 404, "no alert " + id)))
                    .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
        }).onFailure(e -> error(rc, 503, "open alerts: " + e.getMessage()));
    }

    /** In a cluster, names the instances whose open alerts are missing from the answer (docs/scale-out.md). */
    private static void unanswered(RoutingContext rc, OpenAlerts.Answer answer) {
        if (!answer.unanswered().isEmpty()) {
            rc.response().putHeader(UNANSWERED, String.join(",", answer.unanswered()));
        }
    }

    /**
     * Whether alerts can name the site: a registered station, section or enterprise (of {@code kind} when given),
     * the district (air) or envmon itself (its own alerts, kind {@code system}).
     */
    private boolean known(String kind, String site) {
        boolean any = kind == null;
        return (any || kind.equals("air")) && (site.equals("district")
                        || registry.air().stream().anyMatch(s -> s.id().equals(site)))
                || (any || kind.equals("water")) && registry.water().stream().anyMatch(s -> s.id().equals(site))
                || (any || kind.equals("enterprise")) && registry.enterprise(site).isPresent()
                || any && site.equals(SystemConditions.SITE);
    }

    private boolean visible(Principal who, AlertEvent e) {
        return who.maySee(e.kind(), e.site(), alerts.bureauOnly(e));
    }

    private void visibleOr404(RoutingContext rc, Principal who, AlertEvent e) {
        if (visible(who, e)) {
            respondRaw(rc, 200, codec.encode(e));
        } else {
            // not 403: an enterprise must not learn that another enterprise's (or a bureau-only) alert exists
            error(rc, 404, "no alert " + e.id());
        }
    }

    private void acknowledge(RoutingContext rc) {
        Principal who = principal(rc);
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
        } catch (IOException e) {
            error(rc, 400, "body must be JSON such as {\"by\": \"duty officer Li\"}");
            return;
        }
        acknowledger.acknowledge(id, by).onComplete(ar -> {
            if (ar.failed()) {
                // a cluster member that did not answer may be the one that knows the alert: try again
                error(rc, ar.cause() instanceof IllegalArgumentException ? 400
                        : ar.cause() instanceof ReplyException ? 503 : 500, ar.cause().getMessage());
            } else if (ar.result().isEmpty()) {
                error(rc, 404, "no open alert " + id);
            } else {
                respondRaw(rc, 200, codec.encode(ar.result().get()));
            }
        });
    }

    private String events(List<AlertEvent> events) {
        return events.stream().map(codec::encode).collect(Collectors.joining(",", "[", "]"));
    }
}
