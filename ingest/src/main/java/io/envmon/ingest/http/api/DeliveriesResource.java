package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.respondRaw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.ingest.alerts.webhook.DeliveryRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** {@code /api/webhooks/deliveries}: the webhook delivery log, newest first; the bureau's only. */
final class DeliveriesResource {

    private final Supplier<List<DeliveryRecord>> deliveries;
    private final ObjectMapper json = new ObjectMapper();

    DeliveriesResource(Supplier<List<DeliveryRecord>> deliveries) {
        this.deliveries = deliveries;
    }

    void mount(Router router) {
        router.get("/api/webhooks/deliveries").handler(this::deliveries);
    }

    private void deliveries(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
        if (!who.isBureau()) {
            error(rc, 403, "only the bureau reads the delivery log");
            return;
        }
        var array = json.createArrayNode();
        List<DeliveryRecord> records = new ArrayList<>(deliveries.get());
        Collections.reverse(records);
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
}
