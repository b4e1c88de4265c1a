package io.envmon.simulator.hj212;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.FrameResult;
import io.envmon.hj212.Hj212Config;
import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HJ 212 over TCP the way data loggers do it: each device (MN) keeps its own long connection to the gateway,
 * opened on its first frame and opened again after a failure; replies come back on it and are cut into frames by
 * the codec's {@link FrameDecoder}. One reader thread per connection (a district has a few hundred loggers).
 */
public final class TcpUplink implements Hj212Uplink {

    private static final Logger log = LoggerFactory.getLogger(TcpUplink.class);
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final String host;
    private final int port;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private volatile Consumer<byte[]> onReply;
    private volatile boolean closed;

    public TcpUplink(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Parses {@code host:port}. */
    public static TcpUplink parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("'" + address + "' is not host:port");
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        return new TcpUplink(address.substring(0, colon), port);
    }

    @Override
    public void open(Consumer<byte[]> replies) throws TransportException {
        this.onReply = replies;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new TransportException("cannot connect to the HJ 212 gateway at " + describe() + ": " + e.getMessage(), e);
        }
        log.info("HJ 212 gateway at {} reachable; each device opens its own connection", describe());
    }

    @Override
    public void send(String mn, byte[] frame) throws IOException {
        Socket socket = sockets.get(mn);
        if (socket == null || socket.isClosed()) {
            socket = connect(mn);
        }
        try {
            OutputStream out = socket.getOutputStream();
            synchronized (socket) {
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            sockets.remove(mn, socket);
            quietly(socket);
            throw e;
        }
    }

    private synchronized Socket connect(String mn) throws IOException {
        Socket existing = sockets.get(mn);
        if (existing != null && !existing.isClosed()) {
            return existing;
        }
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        sockets.put(mn, socket);
        Thread reader = new Thread(() -> read(mn, socket), "hj212-" + mn);
        reader.setDaemon(true);
        reader.start();
        log.debug("device {} connected to {}", mn, describe());
        return socket;
    }

    private void read(String mn, Socket socket) {
        FrameDecoder decoder = new FrameDecoder(Hj212Config.lenient());
        byte[] buf = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (FrameResult r : decoder.feed(buf, 0, n)) {
                    if (r instanceof FrameResult.RawFrame raw) {
                        onReply.accept(raw.bytes());
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("device {}: connection lost ({})", mn, e.getMessage());
            }
        } finally {
            sockets.remove(mn, socket);
            quietly(socket);
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        closed = true;
        sockets.values().forEach(TcpUplink::quietly);
        sockets.clear();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
