package io.envmon.ingest.http.api;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.AlertOutlet;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/alerts/stream}: alert events as Server-Sent Events, as the alert outlet publishes them on the event
 * bus, each to the principals allowed to see it; a comment line every 15 s keeps proxies from closing it.
 */
final class AlertStreamResource {

    /** The stream's path: the one that also takes {@code ?access_token=} ({@link ApiAuth}). */
    static final String PATH = "/api/alerts/stream";
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final AlertEventCodec codec = new AlertEventCodec();

    AlertStreamResource(Vertx vertx) {
        this.vertx = vertx;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::stream);
    }

    private void stream(RoutingContext rc) {
        Principal who = ApiRequests.principal(rc);
        HttpServerResponse response = rc.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": envmon alert stream for " + who.name() + "\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(AlertOutlet.EVENTS_ADDRESS, message -> {
            AlertEvent e = codec.decode(message.body());
            boolean bureauOnly = AlertOutlet.BUREAU.equals(message.headers().get(AlertOutlet.AUDIENCE_HEADER));
            if (who.maySee(e.kind(), e.site(), bureauOnly) && !response.closed()) {
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
}
