package io.envmon.ingest.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.config.HttpServerConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.IngestMetrics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's limits (docs/operations.md, "Limits") on a real Vert.x server and plain sockets on loopback:
 * slow requests, idle connections, the connection cap and the bind address.
 */
class HttpVerticleLimitsTest {

    static final Duration CEILING = Duration.ofSeconds(30);

    final Vertx vertx = Vertx.vertx();
    final IngestMetrics metrics = new IngestMetrics();
    final List<Client> clients = new ArrayList<>();
    HttpVerticle http;

    void start(HttpServerConfig config) throws Exception {
        http = new HttpVerticle(0, config, metrics, Map.of("mqtt", new ComponentHealth(true, "ok")), List.of());
        vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static HttpServerConfig limits(Duration idle, Duration read, int maxConnections) {
        return new HttpServerConfig("127.0.0.1", idle, read, maxConnections, 256 * 1024, 16);
    }

    @AfterEach
    void stop() throws Exception {
        for (Client c : clients) {
            c.socket.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A plain socket speaking HTTP/1.1 by hand. */
    final class Client {
        final Socket socket;
        final StringBuilder received = new StringBuilder();

        Client() throws IOException {
            this("127.0.0.1");
        }

        Client(String host) throws IOException {
            socket = new Socket(InetAddress.getByName(host), http.actualPort());
            socket.setSoTimeout(50);
            clients.add(this);
        }

        void send(String text) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends a byte, and reads: true once the server has closed the connection. */
        boolean trickleAndCheckClosed(char c) {
            try {
                send(String.valueOf(c));
            } catch (IOException e) {
                return true;
            }
            return poll() < 0;
        }

        int poll() {
            byte[] buf = new byte[8192];
            try {
                InputStream in = socket.getInputStream();
                int n = in.read(buf);
                if (n > 0) {
                    received.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                }
                return n;
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (IOException e) {
                return -1;
            }
        }

        /** GET /health on this connection, kept alive; waits for the whole answer. */
        String health() throws IOException {
            int from = received.length();
            send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
            await().atMost(CEILING).until(() -> poll() >= 0 && complete(received.substring(from)));
            return received.substring(from);
        }

        /** A whole response: its head, and as many bytes of body as its Content-Length says. */
        private static boolean complete(String response) {
            int head = response.indexOf("\r\n\r\n");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                    .matcher(response);
            return head >= 0 && length.find() && response.length() - head - 4 >= Integer.parseInt(length.group(1));
        }
    }

    double metric(String name) {
        var counter = metrics.meterRegistry().find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Before, a header sent a byte at a time held its connection forever: Vert.x's idle timer counts every byte. */
    @Test
    void aRequestHeaderSentAByteAtATimeIsCut() throws Exception {
        start(limits(Duration.ofMinutes(1), Duration.ofSeconds(1), 100));
        Client slow = new Client();
        slow.send("GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: ");
        await().atMost(CEILING).pollInterval(Duration.ofMillis(100)).until(() -> slow.trickleAndCheckClosed('a'));
        assertEquals(1, metric("envmon.http.connections.timed.out"));
        assertTrue(new Client().health().startsWith("HTTP/1.1 200"), "others are served");
    }

    @Test
    void aSlowBodyIsCutToo() throws Exception {
        start(limits(Duration.ofMinutes(1), Duration.ofSeconds(1), 100));
        Client slow = new Client();
        slow.send("POST /health HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n");
        await().atMost(CEILING).pollInterval(Duration.ofMillis(100)).until(() -> slow.trickleAndCheckClosed('a'));
    }

    @Test
    void aKeptAliveConnectionServesRequestsThenIsClosedWhenNoneComes() throws Exception {
        start(limits(Duration.ofMinutes(1), Duration.ofSeconds(1), 100));
        Client client = new Client();
        assertTrue(client.health().startsWith("HTTP/1.1 200"));
        assertTrue(client.health().startsWith("HTTP/1.1 200"), "a second request on the same connection");
        await().atMost(CEILING).until(() -> client.poll() < 0);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(limits(Duration.ofSeconds(1), Duration.ofHours(1), 100));
        Client silent = new Client();
        await().atMost(CEILING).until(() -> silent.poll() < 0);
        assertEquals(0, metric("envmon.http.connections.timed.out"), "closed by the idle timeout, not the read timeout");
    }

    /** Before, there was no cap: clients could take every file descriptor, and /health and the gateway stopped. */
    @Test
    void connectionsOverTheCapAreClosed() throws Exception {
        start(limits(Duration.ofMinutes(1), Duration.ofMinutes(1), 2));
        Client one = new Client();
        Client two = new Client();
        one.health();
        two.health();
        Client three = new Client();
        await().atMost(CEILING).until(() -> three.poll() < 0);
        assertEquals(1, metric("envmon.http.connections.refused"));
        assertTrue(two.health().startsWith("HTTP/1.1 200"), "the connections within the cap are served");
        one.socket.close();
        await().atMost(CEILING).until(() -> metrics.meterRegistry().find("envmon.http.connections").gauge().value() == 1);
        assertTrue(new Client().health().startsWith("HTTP/1.1 200"), "a closed connection frees its place");
    }

    @Test
    void itListensOnTheBindAddressOnly() throws Exception {
        start(new HttpServerConfig("127.0.0.2", Duration.ofMinutes(1), Duration.ofSeconds(10), 100, 1024, 1));
        assertTrue(new Client("127.0.0.2").health().startsWith("HTTP/1.1 200"));
        assertThrows(ConnectException.class, () -> new Client("127.0.0.1"));
    }
}
