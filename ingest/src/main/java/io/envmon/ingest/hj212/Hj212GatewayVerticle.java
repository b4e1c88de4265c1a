package io.envmon.ingest.hj212;

import io.envmon.hj212.FrameResult;
import io.envmon.hj212.FrameResult.FramingError;
import io.envmon.hj212.FrameResult.RawFrame;
import io.envmon.ingest.config.Hj212ServiceConfig;
import io.envmon.ingest.hj212.Hj212Admission.Admission;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.hj212.Hj212Metrics.ConnectionEvent;
import io.envmon.ingest.hj212.Hj212Metrics.Transport;
import io.envmon.ingest.hj212.Hj212MqttIngress.Services;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 TCP gateway (docs/hj212.md, "The TCP gateway"): data loggers connect and send frames; each frame is admitted, stored
 * through the ingest context's store and answered on the socket once stored. There is no broker here: the 9014
 * after storage is the device's acknowledgement (a device that gets none resends, and storage is idempotent).
 * <ul>
 *   <li>Framing: one {@code FrameDecoder} per connection, so split and coalesced TCP reads and missing CRLFs work;
 *       bytes that are no frame become {@code bad_frame} dead letters with topic {@code tcp:{address}:{port}}.</li>
 *   <li>Identity: the MN inside each admitted frame, never the socket. The MN is (re)bound to the newest connection
 *       that sent it; a reply goes to the connection its MN is bound to when the reply is ready (a device that
 *       reconnected while its frame was being stored still gets it), else to the one the frame came on. A
 *       connection sends for the owner (enterprise, station, section) of its first admitted frame only: a frame of
 *       another owner's MN is dead-lettered {@code unauthorized}.</li>
 *   <li>Limits: at most {@code maxConnections} sockets (more are closed at once); segments over the codec's limit
 *       are refused by the framer, which never buffers more than one maximal frame; an idle connection (no byte
 *       and nothing being stored for {@code idleTimeout}) has its framer finished, so a last frame without an end
 *       is still taken, and is closed.</li>
 *   <li>Back-pressure: a connection with {@code maxPendingFrames} frames in storage is paused (TCP holds the
 *       device back) until half of them are done. Nothing is ever dropped to relieve pressure.</li>
 * </ul>
 * Everything runs on this verticle's event loop; storage hops to the ingest context ({@link ContextBoundHj212Store}).
 * Stop: stop accepting, pause every socket, wait for the frames taken to be stored and answered, close.
 */
public final class Hj212GatewayVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212GatewayVerticle.class);

    private final Hj212ServiceConfig config;
    private final Services services;
    private final Clock clock;
    private final Map<Long, GatewayConnection> connections = new LinkedHashMap<>();
    private final Map<String, GatewayConnection> bound = new HashMap<>();
    private Hj212FrameHandler handler;
    private NetServer server;
    private long nextId;
    private int pending;
    private boolean stopping;
    private Promise<Void> drained;
    // read by the metrics scrape on another thread
    private volatile int openGauge;
    private volatile int identifiedGauge;
    private volatile int pausedGauge;
    private volatile int pendingGauge;

    public Hj212GatewayVerticle(Hj212ServiceConfig config, Services services, Clock clock) {
        if (config.tcpPort() == null) {
            throw new IllegalArgumentException("the gateway needs ENVMON_HJ212_TCP_PORT");
        }
        this.config = config;
        this.services = services;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        handler = new Hj212FrameHandler(Transport.TCP, services.admission(), services.store(), config.splitTimeout(),
                services.metrics(), clock);
        Hj212Metrics metrics = services.metrics();
        metrics.connectionsGauge("open", () -> openGauge);
        metrics.connectionsGauge("identified", () -> identifiedGauge);
        metrics.connectionsGauge("paused", () -> pausedGauge);
        metrics.pendingGauge(() -> pendingGauge);
        long sweep = Math.max(100, Math.min(1000, config.idleTimeout().toMillis() / 4));
        vertx.setPeriodic(sweep, id -> sweep());
        return vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setTcpKeepAlive(true))
                .connectHandler(this::onConnect)
                .listen(config.tcpPort(), "0.0.0.0")
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HJ 212 gateway listening on TCP port {} ({} mode, DataTime in {}, idle timeout {} s, "
                                    + "at most {} connections)", s.actualPort(), config.mode().name().toLowerCase(),
                            config.timeZone(), config.idleTimeout().toSeconds(), config.maxConnections());
                })
                .onFailure(e -> LOG.error("ENVMON_HJ212_TCP_PORT (hj212.tcpPort): cannot listen on {}: {}",
                        config.tcpPort(), e.getMessage()));
    }

    /** The port actually listened on (for tests that ask for port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    private void onConnect(NetSocket socket) {
        if (stopping || connections.size() >= config.maxConnections()) {
            services.metrics().connection(ConnectionEvent.REFUSED);
            LOG.warn("HJ 212 connection from {} refused: {}", socket.remoteAddress(),
                    stopping ? "the gateway is stopping" : config.maxConnections() + " connections are open "
                            + "(ENVMON_HJ212_MAX_CONNECTIONS)");
            socket.close();
            return;
        }
        GatewayConnection conn = new GatewayConnection(++nextId, socket, config.codec(), clock.instant());
        connections.put(conn.id, conn);
        services.metrics().connection(ConnectionEvent.ACCEPTED);
        LOG.debug("HJ 212 connection opened [{}]", conn);
        socket.handler(buffer -> onData(conn, buffer));
        socket.closeHandler(v -> onClosed(conn));
        socket.exceptionHandler(e -> LOG.debug("HJ 212 connection error [{}]: {}", conn, e.getMessage()));
        gauges();
    }

    private void onData(GatewayConnection conn, Buffer buffer) {
        conn.lastRead = clock.instant();
        for (FrameResult result : conn.decoder.feed(buffer.getBytes())) {
            dispatch(conn, result);
        }
    }

    private void dispatch(GatewayConnection conn, FrameResult result) {
        Instant now = clock.instant();
        if (result instanceof FramingError error) {
            IncomingMessage origin = new IncomingMessage(conn.origin, error.excerpt(), 0, 0, false, conn.id, now);
            track(conn, handler.framingError(origin, error));
            return;
        }
        byte[] bytes = ((RawFrame) result).bytes();
        IncomingMessage origin = new IncomingMessage(conn.origin, bytes, 0, 0, false, conn.id, now);
        Admission decision = conn.authorize(handler.admit(bytes));
        if (decision instanceof Admitted admitted) {
            bind(admitted.frame().mn(), conn);
        }
        Future<Optional<byte[]>> done = handler.process(origin, decision);
        track(conn, done.onSuccess(reply -> reply.ifPresent(r -> {
            Admitted admitted = (Admitted) decision;
            send(admitted.frame().mn(), Hj212FrameHandler.replyCn(admitted.frame()), r, conn);
        })));
    }

    /** Counts a frame in storage; pauses the socket at the bound, resumes it at half. */
    private void track(GatewayConnection conn, Future<?> done) {
        conn.pending++;
        pending++;
        if (conn.pending >= config.maxPendingFrames()) {
            conn.pause();
        }
        gauges();
        done.onComplete(ar -> {
            conn.pending--;
            pending--;
            if (ar.failed()) {
                LOG.warn("HJ 212 frame from {} not stored ({}); not answered, the device resends", conn,
                        ar.cause().getMessage());
            }
            if (conn.paused && !stopping && conn.pending <= config.maxPendingFrames() / 2) {
                conn.resume();
            }
            gauges();
            if (stopping && pending == 0) {
                drained.tryComplete();
            }
        });
    }

    private void bind(String mn, GatewayConnection conn) {
        if (conn.closed) {
            return;
        }
        GatewayConnection previous = bound.put(mn, conn);
        if (previous != conn) {
            conn.mns.add(mn);
            if (previous != null) {
                previous.mns.remove(mn);
                services.metrics().connection(ConnectionEvent.REBOUND);
                LOG.info("HJ 212 device {} moved from {} to {}", mn, previous, conn);
            }
            gauges();
        }
    }

    private void send(String mn, String cn, byte[] reply, GatewayConnection origin) {
        GatewayConnection target = bound.get(mn);
        if (target == null || target.closed) {
            target = origin;
        }
        if (target.closed) {
            services.metrics().replyUndelivered(Transport.TCP);
            LOG.debug("HJ 212 reply CN={} to {} not sent: its connection is closed (the device resends)", cn, mn);
            return;
        }
        target.write(reply);
        services.metrics().reply(Transport.TCP, cn);
    }

    private void onClosed(GatewayConnection conn) {
        if (conn.closed) {
            return;
        }
        conn.closed = true;
        connections.remove(conn.id);
        conn.mns.forEach(mn -> bound.remove(mn, conn));
        services.metrics().connection(ConnectionEvent.CLOSED);
        LOG.debug("HJ 212 connection closed [{}]", conn);
        // a last frame without a line end, or a truncated one (dead-lettered)
        for (FrameResult result : conn.decoder.finish()) {
            dispatch(conn, result);
        }
        gauges();
    }

    /** Idle connections are finished and closed; split-message books are kept short. */
    private void sweep() {
        Instant now = clock.instant();
        List<GatewayConnection> idle = new ArrayList<>();
        for (GatewayConnection conn : connections.values()) {
            if (conn.pending == 0 && !conn.lastRead.plus(config.idleTimeout()).isAfter(now)) {
                idle.add(conn);
            }
        }
        for (GatewayConnection conn : idle) {
            services.metrics().connection(ConnectionEvent.IDLE_TIMEOUT);
            LOG.debug("HJ 212 connection idle for {} s, closing [{}]", config.idleTimeout().toSeconds(), conn);
            for (FrameResult result : conn.decoder.finish()) {
                dispatch(conn, result);
            }
            conn.close();
        }
        handler.expireSplits();
    }

    private void gauges() {
        int identified = 0;
        int paused = 0;
        for (GatewayConnection c : connections.values()) {
            identified += c.mns.isEmpty() ? 0 : 1;
            paused += c.paused ? 1 : 0;
        }
        openGauge = connections.size();
        identifiedGauge = identified;
        pausedGauge = paused;
        pendingGauge = pending;
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        drained = Promise.promise();
        connections.values().forEach(GatewayConnection::pause);
        if (pending == 0) {
            drained.complete();
        }
        LOG.info("HJ 212 gateway stopping: no new connections or frames; finishing {} frames in storage", pending);
        Promise<Void> closed = Promise.promise();
        if (server == null) {
            closed.complete();
        } else {
            // the close completes on the acceptor thread: come back to this verticle's event loop
            server.close().onComplete(ar -> context.runOnContext(v -> closed.complete()));
        }
        return closed.future().compose(v -> drained.future()).onComplete(ar -> {
            new ArrayList<>(connections.values()).forEach(GatewayConnection::close);
            LOG.info("HJ 212 gateway stopped");
        });
    }
}
