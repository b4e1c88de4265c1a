package io.envmon.ingest.http.api;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.AlertOutlet;
import io.envmon.ingest.config.HttpServerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/alerts/stream}: alert events as Server-Sent Events, as the alert outlet publishes them on the event
 * bus, each to the principals allowed to see it; a comment line every 15 s (or half the HTTP idle timeout, if
 * shorter) keeps proxies from closing it. Bounded (docs/api.md, "Limits of the stream"): a client that leaves more
 * than {@code streamBufferBytes} unread is dropped rather than buffered without end, and one token holds at most
 * {@code maxStreamsPerToken} streams (more are answered 429). Used on the HTTP server's event loop only.
 */
final class AlertStreamResource {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamResource.class);
    /** The stream's path: the one that also takes {@code ?access_token=} ({@link ApiAuth}). */
    static final String PATH = "/api/alerts/stream";
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final HttpServerConfig limits;
    private final long heartbeatMs;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final Map<Principal, Integer> streams = new HashMap<>();
    private final Counter dropped;
    private final Counter refused;
    // read by the metrics scrape on another thread
    private volatile int openGauge;

    AlertStreamResource(Vertx vertx, HttpServerConfig limits, MeterRegistry meters) {
        this.vertx = vertx;
        this.limits = limits;
        this.heartbeatMs = Math.max(100, Math.min(HEARTBEAT_MS, limits.idleTimeout().toMillis() / 2));
        this.dropped = Counter.builder("envmon.api.stream.dropped")
                .description("Alert-stream clients dropped for leaving more than ENVMON_API_STREAM_BUFFER_BYTES unread")
                .register(meters);
        this.refused = Counter.builder("envmon.api.stream.refused")
                .description("Alert streams refused (429): the token had ENVMON_API_MAX_STREAMS_PER_TOKEN open")
                .register(meters);
        Gauge.builder("envmon.api.streams", () -> openGauge).description("Alert streams open").register(meters);
    }

    void mount(Router router) {
        router.get(PATH).handler(this::stream);
    }

    private void stream(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
        int open = streams.getOrDefault(who, 0);
        if (open >= limits.maxStreamsPerToken()) {
            refused.increment();
            ApiRequests.error(rc, 429, "this token has " + open + " alert streams open, the most it may "
                    + "(ENVMON_API_MAX_STREAMS_PER_TOKEN); close one first");
            return;
        }
        streams.put(who, open + 1);
        openGauge++;
        rc.response()
                .setChunked(true)
                .setWriteQueueMaxSize(limits.streamBufferBytes())
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Stream stream = new Stream(rc, who);
        stream.send(": envmon alert stream for " + who.name() + "\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(AlertOutlet.EVENTS_ADDRESS, message -> {
            AlertEvent e = codec.decode(message.body());
            boolean bureauOnly = AlertOutlet.BUREAU.equals(message.headers().get(AlertOutlet.AUDIENCE_HEADER));
            if (who.maySee(e.kind(), e.site(), bureauOnly)) {
                stream.send("id: " + e.id() + "\nevent: alert\ndata: " + message.body() + "\n\n");
            }
        });
        long heartbeat = vertx.setPeriodic(heartbeatMs, t -> stream.send(": keep-alive\n\n"));
        // through the routing context, which owns the response's end and close handlers
        rc.addEndHandler(ar -> {
            vertx.cancelTimer(heartbeat);
            consumer.unregister();
            streams.computeIfPresent(who, (p, n) -> n > 1 ? n - 1 : null);
            openGauge--;
        });
    }

    /** One client's stream. */
    private final class Stream {
        private final RoutingContext rc;
        private final Principal who;
        private boolean dropped;

        Stream(RoutingContext rc, Principal who) {
            this.rc = rc;
            this.who = who;
        }

        /** Writes, unless the client left a full buffer unread: then its connection is closed (it may reconnect). */
        void send(String text) {
            HttpServerResponse response = rc.response();
            if (dropped || response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                dropped = true;
                AlertStreamResource.this.dropped.increment();
                LOG.warn("alert stream of {} from {} dropped: it left more than {} bytes unread "
                        + "(ENVMON_API_STREAM_BUFFER_BYTES)", who.name(), rc.request().remoteAddress(),
                        limits.streamBufferBytes());
                rc.request().connection().close();
                return;
            }
            response.write(text);
        }
    }
}
