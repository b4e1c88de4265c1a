package io.envmon.ingest.hj212;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.Hj212Config;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One data logger's TCP connection to the gateway: its stream framer, the frames it has in storage, whether its
 * socket is paused, and the MNs currently bound to it. Used on the gateway's event loop only.
 */
final class GatewayConnection {

    final long id;
    /** {@code tcp:{address}:{port}}: the pseudo-topic of this connection's frames in dead letters and logs. */
    final String origin;
    private final NetSocket socket;
    final FrameDecoder decoder;
    final Set<String> mns = new HashSet<>();
    int pending;
    boolean paused;
    boolean closed;
    Instant lastRead;

    GatewayConnection(long id, NetSocket socket, Hj212Config codec, Instant now) {
        this.id = id;
        this.socket = socket;
        this.origin = "tcp:" + socket.remoteAddress().host() + ":" + socket.remoteAddress().port();
        this.decoder = new FrameDecoder(codec);
        this.lastRead = now;
    }

    void pause() {
        if (!paused && !closed) {
            paused = true;
            socket.pause();
        }
    }

    void resume() {
        if (paused && !closed) {
            paused = false;
            socket.resume();
        }
    }

    void write(byte[] bytes) {
        socket.write(Buffer.buffer(bytes));
    }

    void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return origin + " #" + id;
    }
}
