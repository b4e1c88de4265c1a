package io.envmon.ingest.hj212;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.Hj212Config;
import io.envmon.ingest.hj212.Hj212Admission.Admission;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One data logger's TCP connection to the gateway: its stream framer, the frames it has in storage, whether its
 * socket is paused, the MNs currently bound to it, and whose devices it sends for. Used on the gateway's event loop
 * only.
 */
final class GatewayConnection {

    final long id;
    /** {@code tcp:{address}:{port}}: the pseudo-topic of this connection's frames in dead letters and logs. */
    final String origin;
    /** The source address, for the per-address limit. */
    final String address;
    private final NetSocket socket;
    final FrameDecoder decoder;
    final Set<String> mns = new HashSet<>();
    /** Whose devices this connection sends for ({@link #authorize}); {@code null} until its first admitted frame. */
    private String owner;
    int pending;
    boolean paused;
    boolean closed;
    /** When the connection opened or last sent a complete frame: what its idle timeout counts from. */
    Instant lastFrame;

    GatewayConnection(long id, NetSocket socket, Hj212Config codec, Instant now) {
        this.id = id;
        this.socket = socket;
        this.address = socket.remoteAddress().host();
        this.origin = "tcp:" + address + ":" + socket.remoteAddress().port();
        this.decoder = new FrameDecoder(codec);
        this.lastFrame = now;
    }

    /**
     * The first admitted frame ties the connection to its device's owner (enterprise, station or section); a later
     * frame of another owner's device is {@code unauthorized}. Without this, a logger could store its frames as
     * another enterprise's by switching MN mid-connection. A logger may still send for several outlets of its own
     * enterprise, and the connection stays open: its own frames still count.
     */
    Admission authorize(Admission decision) {
        if (!(decision instanceof Admitted admitted)) {
            return decision;
        }
        String frameOwner = admitted.device().owner();
        if (owner == null) {
            owner = frameOwner;
            return decision;
        }
        return frameOwner.equals(owner) ? decision : Hj212Admission.unauthorized(admitted, "belongs to "
                + frameOwner + ", but this connection sent first for " + owner
                + ": a connection sends for one enterprise, station or section only");
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
