package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.respondRaw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the console draws with (docs/api.md): {@code GET /api/sites}, the registry's sites as the caller may see
 * them (the bureau all, an enterprise its own outlets and their permit limits; never device IDs nor passwords), and
 * {@code GET /api/air/latest}, each station's newest hourly AQI (bureau only).
 */
final class SitesResource {

    /** How far back "the newest hour" is looked for: a station silent for longer has none. */
    static final long LATEST_WINDOW_DAYS = 30;

    private final Vertx vertx;
    private final PointReader reader;
    private final Registry registry;
    private final Supplier<Instant> clock;
    private final ObjectMapper json = new ObjectMapper();

    SitesResource(Vertx vertx, PointReader reader, Registry registry, Supplier<Instant> clock) {
        this.vertx = vertx;
        this.reader = reader;
        this.registry = registry;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/sites").handler(this::sites);
        router.get("/api/air/latest").handler(this::latestAir);
    }

    private void sites(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
        ObjectNode body = json.createObjectNode();
        body.putObject("principal").put("name", who.name()).put("enterprise", who.enterprise());
        ArrayNode air = body.putArray("air");
        ArrayNode water = body.putArray("water");
        ArrayNode enterprises = body.putArray("enterprises");
        if (who.isBureau()) {
            for (AirStation s : registry.air()) {
                air.addObject().put("id", s.id()).put("name", s.name()).put("lat", s.lat()).put("lon", s.lon());
            }
            for (WaterSection s : registry.water()) {
                water.addObject().put("id", s.id()).put("name", s.name()).put("river", s.river())
                        .put("targetClass", s.targetClass()).put("lat", s.lat()).put("lon", s.lon());
            }
        }
        for (Enterprise e : registry.enterprises()) {
            if (who.isBureau() || e.id().equals(who.enterprise())) {
                enterprises.add(enterprise(e));
            }
        }
        respondRaw(rc, 200, body.toString());
    }

    private ObjectNode enterprise(Enterprise e) {
        ObjectNode node = json.createObjectNode().put("id", e.id()).put("name", e.name())
                .put("industry", e.industry()).put("lat", e.lat()).put("lon", e.lon());
        ArrayNode outlets = node.putArray("outlets");
        for (Outlet o : e.outlets()) {
            ObjectNode outlet = outlets.addObject().put("id", o.id()).put("name", o.name()).put("type", o.type());
            ObjectNode limits = outlet.putObject("limits");
            for (Map.Entry<String, Limit> l : o.limits().entrySet()) {
                ObjectNode limit = limits.putObject(l.getKey()).put("max", l.getValue().max());
                if (l.getValue().isRange()) {
                    limit.put("min", l.getValue().min());
                }
            }
        }
        return node;
    }

    private void latestAir(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
        if (!who.isBureau()) {
            error(rc, 403, "this token sees only enterprise " + who.enterprise());
            return;
        }
        String q = Queries.latestAirHourly(clock.get().minus(LATEST_WINDOW_DAYS, ChronoUnit.DAYS));
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> respondRaw(rc, 200, latestJson(rows)))
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    /** One entry per registry station, in registry order; {@code hour} and the rest null when it has no hour yet. */
    private String latestJson(List<QueryRow> rows) {
        Map<String, QueryRow> byStation = new HashMap<>();
        for (QueryRow row : rows) {
            String station = row.value("station");
            if (station != null) {
                byStation.merge(station, row, (a, b) -> a.time() >= b.time() ? a : b);
            }
        }
        ArrayNode array = json.createArrayNode();
        for (AirStation s : registry.air()) {
            ObjectNode node = array.addObject().put("station", s.id()).put("name", s.name());
            QueryRow row = byStation.get(s.id());
            if (row == null) {
                node.putNull("hour").putNull("aqi").putNull("category").putNull("primary");
                continue;
            }
            node.put("hour", Instant.ofEpochMilli(row.time()).toString());
            putWhole(node, "aqi", row.number("aqi"));
            putWhole(node, "category", row.number("category"));
            String primary = row.value("primary");
            if (primary == null || primary.isEmpty()) {
                node.putNull("primary");
            } else {
                node.put("primary", primary);
            }
        }
        return array.toString();
    }

    private static void putWhole(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value));
        }
    }
}
