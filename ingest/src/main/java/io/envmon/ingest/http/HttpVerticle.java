package io.envmon.ingest.http;

import io.envmon.ingest.config.HttpServerConfig;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: {@code GET /health} and {@code GET /metrics} (CONTRACT §7), and the mounted APIs (docs/api.md). It
 * listens on {@code ENVMON_HTTP_BIND_ADDRESS} (loopback by default) and bounds what clients hold
 * ({@link HttpConnectionGuard}, docs/operations.md "Limits").
 */
public final class HttpVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final int port;
    private final HttpServerConfig config;
    private final IngestMetrics metrics;
    private final Map<String, ComponentHealth> components;
    private final Map<String, Supplier<JsonObject>> sections;
    private final List<Consumer<Router>> apis;
    private final HttpTlsConfig tls;
    private HttpServer server;

    /**
     * @param config     the address to listen on and the limits of connections
     * @param components name → health, in the order /health lists them
     * @param apis       further routes to mount (the alert and reading API)
     */
    public HttpVerticle(int port, HttpServerConfig config, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis) {
        this(port, config, metrics, components, apis, HttpTlsConfig.NONE);
    }

    /** With the default address (loopback) and limits. @param tls HTTPS (and client certificates) when enabled */
    public HttpVerticle(int port, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis, HttpTlsConfig tls) {
        this(port, HttpServerConfig.defaults(), metrics, components, apis, tls);
    }

    /** @param tls HTTPS (and client certificates) when enabled, else plain HTTP */
    public HttpVerticle(int port, HttpServerConfig config, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis, HttpTlsConfig tls) {
        this(port, config, metrics, components, apis, tls, Map.of());
    }

    /**
     * @param sections more blocks of {@code /health} besides {@code status} and {@code components} (the cluster's,
     *                 docs/scale-out.md), each read at every request
     */
    public HttpVerticle(int port, HttpServerConfig config, IngestMetrics metrics, Map<String, ComponentHealth> components,
                        List<Consumer<Router>> apis, HttpTlsConfig tls, Map<String, Supplier<JsonObject>> sections) {
        this.sections = new LinkedHashMap<>(sections);
        this.port = port;
        this.config = config;
        this.metrics = metrics;
        this.components = new LinkedHashMap<>(components);
        this.apis = List.copyOf(apis);
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        HttpConnectionGuard guard = new HttpConnectionGuard(vertx, config, metrics.meterRegistry());
        Router router = Router.router(vertx);
        router.route().handler(guard::onRequest);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        apis.forEach(api -> api.accept(router));
        return vertx.createHttpServer(serverOptions())
                .connectionHandler(guard::onConnection)
                .requestHandler(router)
                .listen(port, config.bindAddress())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("{} API listening on {}:{} (/health, /metrics)", tls.enabled() ? "HTTPS" : "HTTP",
                            config.bindAddress(), s.actualPort());
                })
                .onFailure(e -> LOG.error("ENVMON_HTTP_PORT (http.port), ENVMON_HTTP_BIND_ADDRESS (http.bindAddress){}: "
                        + "cannot listen on {}:{}: {}", tls.enabled() ? " or ENVMON_HTTP_TLS_*" : "",
                        config.bindAddress(), port, e.getMessage()));
    }

    /**
     * The server's options: HTTPS from PEM files when configured (docs/configuration.md, "TLS"); Vert.x closes a
     * connection with no byte in or out for the idle timeout. No HTTP/2 over plain TCP: its detection waits for a
     * client's first bytes before the connection counts (and is limited).
     */
    private HttpServerOptions serverOptions() {
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
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
        sections.forEach((name, section) -> body.put(name, section.get()));
        rc.response().setStatusCode(allUp ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(body.encodePrettily());
    }

    private void metrics(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
