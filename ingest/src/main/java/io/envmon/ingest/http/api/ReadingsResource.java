package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.instantParam;
import static io.envmon.ingest.http.api.ApiRequests.respondRaw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.SiteIds;
import io.envmon.model.SiteKind;
import io.envmon.model.Topic;
import io.envmon.model.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code /api/readings/{kind}/{site}[/{outlet}]}: a site's stored readings between two times, newest first; 404 for
 * a site the registry does not know. An enterprise's token reads its own outlets only.
 */
final class ReadingsResource {

    private final Vertx vertx;
    private final PointReader reader;
    private final Registry registry;
    private final ObjectMapper json = new ObjectMapper();

    ReadingsResource(Vertx vertx, PointReader reader, Registry registry) {
        this.vertx = vertx;
        this.reader = reader;
        this.registry = registry;
    }

    void mount(Router router) {
        router.get("/api/readings/:kind/:site").handler(this::readings);
        router.get("/api/readings/:kind/:site/:outlet").handler(this::readings);
    }

    private void readings(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
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
        if (registry.resolve(new Topic(kind, site, outlet)).isEmpty()) {
            // an empty list would say "no readings yet" of a site that does not exist (a typo in the ID)
            error(rc, 404, "no " + kind.topicSegment() + " site " + site + (outlet == null ? "" : "/" + outlet)
                    + " in the registry");
            return;
        }
        Instant to = instantParam(rc, "to", Instant.now());
        Instant from = instantParam(rc, "from", to == null ? null : to.minus(1, ChronoUnit.HOURS));
        if (from == null || to == null) {
            error(rc, 400, "from and to must be RFC 3339 times");
            return;
        }
        Integer limit = ApiRequests.limit(rc, 1000, 10_000);
        if (limit == null) {
            return;
        }
        String q = Queries.readings(kind, site, outlet, from, to, limit);
        PointType type = registry.resolve(new Topic(kind, site, outlet)).orElseThrow().type();
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> respondRaw(rc, 200, readingsJson(rows, type)))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    /** Values are rounded to their parameter's decimals (docs/parameters.md#precision): no binary noise. */
    private String readingsJson(List<QueryRow> rows, PointType type) {
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
                    double v = row.number(column);
                    values.put(column, ParameterCatalog.find(type, column).map(p -> p.round(v)).orElse(v));
                }
            });
            if (!flags.isEmpty()) {
                node.set("flags", flags);
            }
        }
        return array.toString();
    }
}
