package io.envmon.ingest.alerts.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real local HTTP server standing in for webhook receivers: records every request (any path) and answers what
 * the test's responder says. Several handler threads, so that a held request does not block the next one.
 */
final class WebhookTestReceiver implements AutoCloseable {

    /** One received request; header names lower-cased. */
    record Received(String path, Map<String, String> headers, String body, long nanos) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String eventId() {
            return header(WebhookSignature.EVENT_ID_HEADER);
        }

        String deliveryId() {
            return header(WebhookSignature.DELIVERY_HEADER);
        }
    }

    /** The answer to one request. */
    record Answer(int status, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Received, Answer> responder = r -> Answer.of(200);

    WebhookTestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(), e -> e.getValue().get(0), (a, b) -> a));
            Received r = new Received(exchange.getRequestURI().getPath(), headers, body, System.nanoTime());
            received.add(r);
            Answer answer = responder.apply(r);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<String> eventIdsAt(String path) {
        return at(path).stream().map(Received::eventId).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
