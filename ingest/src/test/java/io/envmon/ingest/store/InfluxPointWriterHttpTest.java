package io.envmon.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.envmon.ingest.config.InfluxConfig;
import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request shapes envmon sends for each API version and how InfluxDB 2.x error answers are classified,
 * against a fake HTTP server (the real InfluxDB 1.6 path is covered by the integration tests).
 */
class InfluxPointWriterHttpTest {

    record Seen(String method, String path, String query, String authorization, String body) {
    }

    HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile int status = 204;
    volatile String errorBody = "";
    volatile Map<String, String> headers = Map.of();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body));
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = errorBody.getBytes(StandardCharsets.UTF_8);
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    InfluxConfig config(InfluxApi api, String bucket, String token, String user, String password) {
        return new InfluxConfig("http://127.0.0.1:" + server.getAddress().getPort(), api, "bureau", bucket, token,
                user, password, 1000, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    static StorePoint point() {
        return StorePoint.millis("air", Map.of("station", "TG-A01"), Map.of("pm25", 35.2), 1_764_288_000_000L);
    }

    @Test
    void v2WriteCarriesOrgBucketPrecisionAndToken() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V2, "env", "s3cret", null, null))) {
            writer.write(List.of(point()));
        }
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v2/write", request.path());
        assertTrue(request.query().contains("org=bureau"), request.query());
        assertTrue(request.query().contains("bucket=env"), request.query());
        assertTrue(request.query().contains("precision=ms"), request.query());
        assertEquals("Token s3cret", request.authorization());
        assertEquals("air,station=TG-A01 pm25=35.2 1764288000000", request.body().trim());
    }

    @Test
    void v1WriteIsMappedOntoSlashWriteWithDatabaseRetentionAndBasicAuth() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V1, "env/autogen", null, "envmon", "pw"))) {
            writer.write(List.of(point()));
        }
        Seen request = seen.get(0);
        assertEquals("/write", request.path());
        assertTrue(request.query().contains("db=env"), request.query());
        assertTrue(request.query().contains("rp=autogen"), request.query());
        assertTrue(request.query().contains("precision=ms"), request.query());
        assertTrue(!request.query().contains("bucket") && !request.query().contains("org="), request.query());
        assertTrue(request.authorization().startsWith("Basic "), request.authorization());
    }

    @Test
    void v1WithoutCredentialsSendsNoAuthorization() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V1, "env", null, null, null))) {
            writer.write(List.of(point()));
        }
        assertEquals(null, seen.get(0).authorization());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, DATA",
            "401, AUTH",
            "403, AUTH",
            "404, NOT_FOUND",
            "413, TOO_LARGE",
            "422, DATA",
            "429, OVERLOADED",
            "500, TRANSIENT",
            "503, OVERLOADED"})
    void v2ErrorAnswersAreClassified(int code, WriteError.Kind expected) {
        status = code;
        errorBody = "{\"code\":\"some_code\",\"message\":\"what InfluxDB said\"}";
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V2, "env", "t", null, null))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> writer.write(List.of(point())));
            WriteError error = WriteErrorClassifier.classify(thrown);
            assertEquals(expected, error.kind());
            assertEquals(code, error.status());
            assertTrue(error.message().contains("what InfluxDB said"), error.message());
        }
    }

    @Test
    void retryAfterOf429IsHonoured() {
        status = 429;
        headers = Map.of("Retry-After", "7");
        errorBody = "{\"code\":\"too many requests\",\"message\":\"slow down\"}";
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V2, "env", "t", null, null))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> writer.write(List.of(point())));
            assertEquals(Duration.ofSeconds(7), WriteErrorClassifier.classify(thrown).retryAfter());
        }
    }

    @Test
    void anUnreachableServerIsTransient() {
        server.stop(0);
        try (InfluxPointWriter writer = new InfluxPointWriter(config(InfluxApi.V2, "env", "t", null, null))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> writer.write(List.of(point())));
            assertEquals(WriteError.Kind.TRANSIENT, WriteErrorClassifier.classify(thrown).kind());
        }
    }
}
