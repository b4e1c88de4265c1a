package io.envmon.ingest.http;

import io.envmon.ingest.config.HttpServerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client may hold of the HTTP server (docs/operations.md, "Limits"): at most {@code maxConnections}
 * connections open (more are closed as they come), and each must deliver a whole request (line, headers, body)
 * within {@code readTimeout} of opening or of its previous response, else it is closed. Vert.x's idle timeout counts
 * any byte, so without this a header sent a byte a second holds a connection forever. Used on the HTTP server's
 * event loop only.
 */
final class HttpConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionGuard.class);
    /** At most one refusal warning per interval: a flood must not flood the log too. */
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    /** One connection's read deadline: a timer while a request is awaited, none while one is being answered. */
    private static final class State {
        long timer = -1;
        int inFlight;
    }

    private final Vertx vertx;
    private final HttpServerConfig config;
    private final Map<HttpConnection, State> open = new HashMap<>();
    private final Counter refused;
    private final Counter timedOut;
    private Instant lastWarning = Instant.EPOCH;
    // read by the metrics scrape on another thread
    private volatile int openGauge;

    HttpConnectionGuard(Vertx vertx, HttpServerConfig config, MeterRegistry meters) {
        this.vertx = vertx;
        this.config = config;
        this.refused = Counter.builder("envmon.http.connections.refused")
                .description("HTTP connections closed on arrival: ENVMON_HTTP_MAX_CONNECTIONS were open").register(meters);
        this.timedOut = Counter.builder("envmon.http.connections.timed.out")
                .description("HTTP connections closed because a request did not arrive whole within "
                        + "ENVMON_HTTP_READ_TIMEOUT").register(meters);
        Gauge.builder("envmon.http.connections", () -> openGauge).description("HTTP connections open").register(meters);
    }

    /** The server's connection handler: counts the connection in, or closes it when the cap is reached. */
    void onConnection(HttpConnection connection) {
        if (open.size() >= config.maxConnections()) {
            refused.increment();
            Instant now = Instant.now();
            if (now.isAfter(lastWarning.plus(WARN_EVERY))) {
                lastWarning = now;
                LOG.warn("HTTP connection from {} refused: {} connections are open (ENVMON_HTTP_MAX_CONNECTIONS); "
                        + "further refusals in the next {} s are only counted", connection.remoteAddress(),
                        config.maxConnections(), WARN_EVERY.toSeconds());
            }
            connection.close();
            return;
        }
        State state = new State();
        open.put(connection, state);
        openGauge = open.size();
        arm(connection, state);
        connection.closeHandler(v -> {
            State closed = open.remove(connection);
            openGauge = open.size();
            if (closed != null) {
                disarm(closed);
            }
        });
    }

    /**
     * The router's first handler: the request's headers are in; its deadline ends when its body is in too, and a new
     * one starts when its response has ended.
     */
    void onRequest(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        State state = open.get(request.connection());
        if (state != null) {
            state.inFlight++;
            if (request.isEnded()) {
                disarm(state);
            } else {
                long timer = state.timer;
                request.end().onSuccess(v -> {
                    if (state.timer == timer) {
                        disarm(state);
                    }
                });
            }
            rc.addEndHandler(ar -> {
                state.inFlight--;
                if (state.inFlight == 0 && open.get(request.connection()) == state) {
                    arm(request.connection(), state);
                }
            });
        }
        rc.next();
    }

    private void arm(HttpConnection connection, State state) {
        disarm(state);
        state.timer = vertx.setTimer(config.readTimeout().toMillis(), id -> {
            state.timer = -1;
            timedOut.increment();
            LOG.debug("HTTP connection from {} closed: no whole request within {} (ENVMON_HTTP_READ_TIMEOUT)",
                    connection.remoteAddress(), config.readTimeout());
            connection.close();
        });
    }

    private void disarm(State state) {
        if (state.timer >= 0) {
            vertx.cancelTimer(state.timer);
            state.timer = -1;
        }
    }
}
