package io.envmon.ingest.http.api;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.ingest.alerts.AlertAcknowledger;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.OpenAlerts;
import io.envmon.ingest.alerts.webhook.DeliveryRecord;
import io.envmon.ingest.config.HttpServerConfig;
import io.envmon.ingest.store.PointReader;
import io.envmon.model.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The alert and reading API (docs/api.md), one resource per class: {@link AlertsResource} (list, fetch,
 * acknowledge), {@link AlertStreamResource} (Server-Sent Events), {@link ReadingsResource},
 * {@link DeliveriesResource}, {@link ReportsResource}, {@link IntegrityResource} (the monthly integrity view),
 * {@link SitesResource} (what the console draws with), and the OpenAPI description ({@link OpenApiResource}, no
 * token). Every other route needs a token ({@link ApiAuth}, the one place that checks it); an
 * enterprise's token sees only that enterprise, and is answered 403 for anything else (never another enterprise's
 * data).
 */
public final class HttpApi {

    private final ApiAuth auth;
    private final AlertStreamResource stream;
    private final AlertsResource alerts;
    private final ReadingsResource readings;
    private final DeliveriesResource deliveries;
    private final ReportsResource reports;
    private final IntegrityResource integrity;
    private final SitesResource sites;
    private final OpenApiResource openApi = new OpenApiResource();

    /**
     * @param board        the open alerts; until it is ready (the engine's state read back), every call is answered
     *                     503
     * @param open         the open alerts served: the board's, or in a cluster every instance's
     * @param acknowledger where the bureau's acknowledgements go (the alert runtime, or the cluster's)
     * @param rules        the alert rules (standards, district, reports): what the reports compare with
     * @param limits       the alert stream's buffer and streams per token (and the idle timeout its heartbeat beats)
     * @param meters       where the stream's meters go
     */
    public HttpApi(Vertx vertx, AlertBoard board, OpenAlerts open, AlertAcknowledger acknowledger, PointReader reader,
                   Registry registry, ApiTokens tokens, Supplier<List<DeliveryRecord>> deliveries,
                   AlertRulesConfig rules, HttpServerConfig limits, MeterRegistry meters) {
        this.auth = new ApiAuth(tokens, board);
        this.stream = new AlertStreamResource(vertx, limits, meters);
        this.alerts = new AlertsResource(vertx, board, open, acknowledger, reader, registry);
        this.readings = new ReadingsResource(vertx, reader, registry);
        this.deliveries = new DeliveriesResource(deliveries);
        this.reports = new ReportsResource(vertx, reader, registry, rules, Instant::now);
        this.integrity = new IntegrityResource(vertx, reader, registry);
        this.sites = new SitesResource(vertx, reader, registry, Instant::now);
    }

    public void mount(Router router) {
        openApi.mount(router); // the description needs no token: integrators read it before they have one
        router.route("/api/*").handler(auth::handle);
        stream.mount(router); // before /api/alerts/:id, which would take "stream" for an ID
        alerts.mount(router);
        readings.mount(router);
        deliveries.mount(router);
        reports.mount(router);
        integrity.mount(router);
        sites.mount(router);
    }
}
