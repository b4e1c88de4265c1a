package io.envmon.ingest.http;

import io.envmon.ingest.config.HttpTlsConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.IngestMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: {@code GET /health} and {@code GET /metrics} (CONTRACT §7), and the mounted APIs (docs/api.md). */
public final class HttpVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final int port;
    private final IngestMetrics metrics;
    private final Map<String, ComponentHealth> components;
    private final List<Consumer<Router>> apis;
    private final HttpTlsConfig tls;
    private HttpServer server;

    /**
     * @param components name → health, in the order /health lists them
     * @param apis       further routes to mount (the alert and reading API)
     */
    public HttpVerticle(int port, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis) {
        this(port, metrics, components, apis, HttpTlsConfig.NONE);
    }

    /** @param tls HTTPS (and client certificates) when enabled, else plain HTTP */
    public HttpVerticle(int port, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis, HttpTlsConfig tls) {
        this.port = port;
        this.metrics = metrics;
        this.components = new LinkedHashMap<>(components);
        this.apis = List.copyOf(apis);
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        apis.forEach(api -> api.accept(router));
        return vertx.createHttpServer(serverOptions())
                .requestHandler(router)
                .listen(port, "0.0.0.0")
                .onSuccess(s -> {
                    server = s;
                    LOG.info("{} API listening on port {} (/health, /metrics)", tls.enabled() ? "HTTPS" : "HTTP",
                            s.actualPort());
                })
                .onFailure(e -> LOG.error("ENVMON_HTTP_PORT (http.port){}: cannot listen on {}: {}",
                        tls.enabled() ? " or ENVMON_HTTP_TLS_*" : "", port, e.getMessage()));
    }

    /** The server's options: HTTPS from PEM files when configured (docs/configuration.md, "TLS"). */
    private HttpServerOptions serverOptions() {
        HttpServerOptions options = new HttpServerOptions();
        if (tls.enabled()) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.cert().toString())
                            .setKeyPath(tls.key().toString()));
            if (tls.clientCa() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCa().toString()))
                        .setClientAuth(ClientAuth.REQUIRED);
            }
        }
        return options;
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    private void health(RoutingContext rc) {
        JsonObject body = new JsonObject();
        JsonObject parts = new JsonObject();
        boolean allUp = true;
        boolean degraded = false;
        for (Map.Entry<String, ComponentHealth> c : components.entrySet()) {
            ComponentHealth.Snapshot s = c.getValue().snapshot();
            allUp &= s.up();
            degraded |= s.degraded();
            parts.put(c.getKey(), new JsonObject().put("status", s.status()).put("detail", s.detail()));
        }
        // DEGRADED (the spool holds readings) still answers 200: MQTT and InfluxDB are reachable (CONTRACT §7)
        body.put("status", !allUp ? "DOWN" : degraded ? "DEGRADED" : "UP").put("components", parts);
        rc.response().setStatusCode(allUp ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(body.encodePrettily());
    }

    private void metrics(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
