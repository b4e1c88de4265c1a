package io.envmon.ingest.cluster;

import io.envmon.ingest.pipeline.StoredReadingsListener;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each stored reading to the instance that evaluates its point (docs/scale-out.md): to this instance's alert
 * runtime when it owns the point's unit, else over the clustered event bus to the owner's address
 * {@code envmon.cluster.readings.{member}}, where the owner's router hands it to its alert runtime. A reading that
 * cannot be delivered (the owner just died, or the unit is being moved) is counted and not retried: it is stored, and
 * the unit's next owner reads it back from InfluxDB when it takes the unit over.
 */
public final class AlertRouter implements StoredReadingsListener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);
    static final String ADDRESS = "envmon.cluster.readings.";
    private static final DeliveryOptions SEND = new DeliveryOptions().setSendTimeout(10_000);

    private final Vertx vertx;
    private final ClusterCoordinator coordinator;
    private final StoredReadingsListener local;
    private final Counter forwarded;
    private final Counter received;
    private final Counter undelivered;
    private MessageConsumer<JsonObject> consumer;

    public AlertRouter(Vertx vertx, ClusterCoordinator coordinator, StoredReadingsListener local,
                       MeterRegistry meters) {
        this.vertx = vertx;
        this.coordinator = coordinator;
        this.local = local;
        this.forwarded = Counter.builder("envmon.cluster.readings.forwarded")
                .description("Stored readings sent to the instance that evaluates their point").register(meters);
        this.received = Counter.builder("envmon.cluster.readings.received")
                .description("Readings other instances stored and sent here to be evaluated").register(meters);
        this.undelivered = Counter.builder("envmon.cluster.readings.undelivered")
                .description("Stored readings that could not be sent to their point's owner (it died or the unit was "
                        + "moving); the next owner reads them back from InfluxDB").register(meters);
    }

    /** Listens on this instance's address; call on the ingest context, where the readings are then handed over. */
    public void start(Context context) {
        context.runOnContext(v -> consumer = vertx.eventBus().<JsonObject>consumer(ADDRESS + coordinator.localId(),
                message -> {
                    try {
                        List<Reading> readings = readings(message.body().getJsonArray("readings"));
                        received.increment(readings.size());
                        local.onStored(point(message.body()), readings);
                        message.reply(null);
                    } catch (RuntimeException e) {
                        LOG.error("cluster: a forwarded reading could not be read: {}", e.toString());
                        message.fail(400, e.toString());
                    }
                }));
    }

    public void stop() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    @Override
    public void onStored(MonitoredPoint point, List<Reading> readings) {
        String owner = coordinator.ownerOf(coordinator.unitOf(point));
        if (owner == null) {
            undelivered.increment(readings.size());
        } else if (owner.equals(coordinator.localId())) {
            local.onStored(point, readings);
        } else {
            forwarded.increment(readings.size());
            vertx.eventBus().request(ADDRESS + owner, encode(point, readings), SEND).onFailure(e -> {
                undelivered.increment(readings.size());
                LOG.debug("cluster: readings of {} not delivered to {}: {}", point.label(), owner, e.getMessage());
            });
        }
    }

    static JsonObject encode(MonitoredPoint point, List<Reading> readings) {
        JsonArray list = new JsonArray();
        for (Reading r : readings) {
            JsonObject values = new JsonObject();
            r.values().forEach(values::put);
            JsonObject flags = new JsonObject();
            r.flags().forEach(flags::put);
            list.add(new JsonObject().put("ts", r.ts().toEpochMilli()).put("values", values).put("flags", flags)
                    .put("seq", r.seq()));
        }
        return new JsonObject().put("kind", point.kind().name()).put("site", point.site())
                .put("outlet", point.outlet()).put("type", point.type().name()).put("readings", list);
    }

    static MonitoredPoint point(JsonObject body) {
        return new MonitoredPoint(SiteKind.valueOf(body.getString("kind")), body.getString("site"),
                body.getString("outlet"), PointType.valueOf(body.getString("type")));
    }

    static List<Reading> readings(JsonArray list) {
        List<Reading> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonObject r = list.getJsonObject(i);
            Map<String, Double> values = new LinkedHashMap<>();
            r.getJsonObject("values").forEach(e -> values.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
            Map<String, String> flags = new LinkedHashMap<>();
            r.getJsonObject("flags").forEach(e -> flags.put(e.getKey(), (String) e.getValue()));
            out.add(new Reading(Instant.ofEpochMilli(r.getLong("ts")), values, flags, r.getLong("seq")));
        }
        return out;
    }
}
