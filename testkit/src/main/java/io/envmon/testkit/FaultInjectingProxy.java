package io.envmon.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy on a free loopback port in front of a real server (InfluxDB), which injects faults on request:
 * it answers 503 itself, or holds each request for a delay before forwarding it. The real server stays behind it
 * and stores what gets through: a fault injector, not a mock.
 *
 * <pre>
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(influx.url())) {
 *     env.put("ENVMON_INFLUX_URL", proxy.url());
 *     proxy.failWith503();  ...  proxy.delay(Duration.ofSeconds(3));  ...  proxy.pass();
 * }
 * </pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What the proxy does with the next request. */
    public sealed interface Mode {
    }

    /** Forwards as is. */
    public record Pass() implements Mode {
    }

    /** Answers 503 without forwarding. */
    public record Unavailable() implements Mode {
    }

    /** Waits, then forwards. */
    public record Delay(Duration delay) implements Mode {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<Mode> mode = new AtomicReference<>(new Pass());
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();

    private FaultInjectingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy forwarding to {@code targetUrl} (e.g. {@code http://127.0.0.1:8086}), in pass mode. */
    public static FaultInjectingProxy start(String targetUrl) {
        try {
            return new FaultInjectingProxy(URI.create(targetUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void pass() {
        mode.set(new Pass());
    }

    public void failWith503() {
        mode.set(new Unavailable());
    }

    public void delay(Duration delay) {
        mode.set(new Delay(delay));
    }

    /** Requests forwarded to the real server (delayed ones included). */
    public long forwarded() {
        return forwarded.get();
    }

    /** Requests answered 503 by the proxy. */
    public long refused() {
        return refused.get();
    }

    /** Requests held back before being forwarded. */
    public long delayed() {
        return delayed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Mode now = mode.get();
            if (now instanceof Unavailable) {
                refused.incrementAndGet();
                byte[] text = "{\"error\":\"injected 503\"}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(503, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            if (now instanceof Delay d) {
                delayed.incrementAndGet();
                try {
                    TimeUnit.MILLISECONDS.sleep(d.delay().toMillis()); // the injected fault itself, not a wait in a test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1); // the real server is down: what a reverse proxy answers
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        forwarded.incrementAndGet();
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
