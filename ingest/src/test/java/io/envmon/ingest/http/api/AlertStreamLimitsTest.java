package io.envmon.ingest.http.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.AlertOutlet;
import io.envmon.ingest.config.HttpServerConfig;
import io.envmon.ingest.http.HttpVerticle;
import io.envmon.ingest.metrics.IngestMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert stream's bounds (docs/api.md, "Limits of the stream") on a real server and plain sockets: a client that
 * never reads is dropped once its buffer is full, and one token holds a limited number of streams.
 */
class AlertStreamLimitsTest {

    static final Duration CEILING = Duration.ofSeconds(60);
    static final int BUFFER = 16 * 1024;

    final Vertx vertx = Vertx.vertx();
    final IngestMetrics metrics = new IngestMetrics();
    final List<Socket> sockets = new ArrayList<>();
    int port;

    @BeforeEach
    void start() throws Exception {
        HttpServerConfig limits = new HttpServerConfig("127.0.0.1", Duration.ofMinutes(1), Duration.ofSeconds(10), 100,
                BUFFER, 2);
        AlertStreamResource stream = new AlertStreamResource(vertx, limits, metrics.meterRegistry());
        // who calls is the X-Test-Token header here: ApiAuth's token check is tested with the whole API
        java.util.function.Consumer<Router> api = router -> {
            router.route("/api/*").handler(rc -> {
                ApiRequests.authenticated(rc, new Principal(rc.request().getHeader("X-Test-Token"), null));
                rc.next();
            });
            stream.mount(router);
        };
        HttpVerticle http = new HttpVerticle(0, limits, metrics, Map.of(), List.of(api));
        vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = http.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Opens a stream for {@code token}; the socket's receive buffer is small, so an unread stream backs up soon. */
    Socket open(String token) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(50);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + AlertStreamResource.PATH + " HTTP/1.1\r\nHost: test\r\nX-Test-Token: " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Reads what is there: the text, or null once the server closed the connection. */
    static String read(Socket s) {
        byte[] buf = new byte[65536];
        try {
            InputStream in = s.getInputStream();
            int n = in.read(buf);
            return n < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "";
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads whatever has come, as long as more keeps coming; true once the server has closed the connection. */
    static boolean readToEnd(Socket s) {
        for (String part = read(s); part != null; part = read(s)) {
            if (part.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Reads until {@code text} has come, or fails after the ceiling. */
    static String readUntil(Socket s, String text) {
        StringBuilder got = new StringBuilder();
        await().atMost(CEILING).until(() -> {
            String part = read(s);
            if (part != null) {
                got.append(part);
            }
            return got.indexOf(text) >= 0;
        });
        return got.toString();
    }

    double count(String name) {
        var counter = metrics.meterRegistry().find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Alert events of about 8 KiB, as the alert service publishes them. */
    void publish(int events) {
        String body = new AlertEventCodec().encode(new AlertEvent("a-" + System.nanoTime(), "air", "TG-A01", null,
                "aqi_hourly", Severity.WARNING, AlertState.OPEN, "aqi", 160.0, 150.0, null, "1h",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"), "x".repeat(8000), null,
                null));
        for (int i = 0; i < events; i++) {
            vertx.eventBus().publish(AlertOutlet.EVENTS_ADDRESS, body,
                    new DeliveryOptions().addHeader(AlertOutlet.AUDIENCE_HEADER, "all"));
        }
    }

    /** Before, the service buffered every event for a client that never read, without end. */
    @Test
    void aClientThatNeverReadsIsDroppedWhenItsBufferIsFull() throws Exception {
        Socket stuck = assertOpened(open("stuck"));
        Socket reader = assertOpened(open("reader"));
        AtomicLong readerBytes = new AtomicLong();
        Thread drain = new Thread(() -> {
            byte[] buf = new byte[65536];
            try (InputStream in = reader.getInputStream()) {
                reader.setSoTimeout(0);
                for (int n; (n = in.read(buf)) >= 0; ) {
                    readerBytes.addAndGet(n);
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "stream-reader");
        drain.setDaemon(true);
        drain.start();
        await().atMost(CEILING).pollInterval(Duration.ofMillis(100)).until(() -> {
            publish(50);
            return count("envmon.api.stream.dropped") >= 1;
        });
        assertEquals(1, count("envmon.api.stream.dropped"), "only the client that does not read");
        // what the kernel had buffered for the stuck client comes first: read it as fast as it comes, then the end
        await().atMost(CEILING).until(() -> readToEnd(stuck));
        long before = readerBytes.get();
        publish(1);
        await().atMost(CEILING).until(() -> readerBytes.get() >= before + 8000);
        await().atMost(CEILING).until(() -> metrics.meterRegistry().find("envmon.api.streams").gauge().value() == 1);
    }

    /** Before, one token could open streams until the server ran out of connections. */
    @Test
    void aTokenHoldsAtMostItsStreams() throws IOException {
        Socket first = assertOpened(open("bureau-1"));
        assertOpened(open("bureau-1"));
        String third = readUntil(open("bureau-1"), "}");
        assertTrue(third.startsWith("HTTP/1.1 429"), third);
        assertTrue(third.contains("ENVMON_API_MAX_STREAMS_PER_TOKEN"), third);
        assertEquals(1, count("envmon.api.stream.refused"));
        assertOpened(open("bureau-2"));

        first.close();
        await().atMost(CEILING).until(() -> metrics.meterRegistry().find("envmon.api.streams").gauge().value() == 2);
        assertOpened(open("bureau-1"));
    }

    static Socket assertOpened(Socket s) {
        String head = readUntil(s, "envmon alert stream for");
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        return s;
    }
}
