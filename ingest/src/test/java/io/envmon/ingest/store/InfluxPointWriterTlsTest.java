package io.envmon.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.config.InfluxConfig;
import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import io.envmon.model.tls.ClientTls;
import io.envmon.model.tls.TlsFiles;
import io.envmon.testkit.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ENVMON_INFLUX_TLS_*: the CA and the client certificate reach OkHttp, and a refused handshake is said in words.
 * Against a Vert.x HTTPS server that requires client certificates (influxd 1.x cannot; a proxy in front of it can); the
 * real influxd over HTTPS is in TlsIT.
 */
class InfluxPointWriterTlsTest {

    static TestCertificates pki;
    Vertx vertx;
    HttpServer server;
    final AtomicInteger writes = new AtomicInteger();

    @BeforeAll
    static void certificates() {
        pki = TestCertificates.generate();
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pki.server().cert().toString())
                        .setKeyPath(pki.server().key().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.caCert().toString()))
                .setClientAuth(ClientAuth.REQUIRED);
        server = vertx.createHttpServer(options).requestHandler(request -> request.body().onComplete(body -> {
            writes.incrementAndGet();
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    InfluxConfig config(TlsFiles tls) {
        return new InfluxConfig("https://127.0.0.1:" + server.actualPort(), InfluxApi.V1, null, "env", null,
                null, null, 1000, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1), 1, tls);
    }

    static StorePoint point() {
        return StorePoint.millis("air", Map.of("station", "TG-A01"), Map.of("pm25", 35.2), 1_764_288_000_000L);
    }

    @Test
    void writesWithTheCaAndTheClientCertificate() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(
                new TlsFiles(pki.caCert(), pki.client().cert(), pki.client().key())))) {
            writer.write(List.of(point()));
            assertEquals(1, writes.get());
            assertTrue(writer.ping());
        }
    }

    @Test
    void withoutTheClientCertificateTheRefusalIsSaid() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(new TlsFiles(pki.caCert(), null, null)))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> writer.write(List.of(point())));
            WriteError error = WriteErrorClassifier.classify(thrown);
            assertEquals(WriteError.Kind.TRANSIENT, error.kind());
            // as an alert (TLS 1.2) or as a closed socket (TLS 1.3, where the server checks after the handshake)
            assertTrue(error.message().startsWith("TLS: "), error.message());
            assertTrue(error.message().contains("client certificate"), error.message());
            assertEquals(0, writes.get());
        }
    }

    @Test
    void withoutTheCaTheUntrustedCertificateIsSaidWithTheSettingToFix() {
        try (InfluxPointWriter writer = new InfluxPointWriter(config(TlsFiles.NONE))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> writer.write(List.of(point())));
            String expected = "TLS: the server's certificate is not signed by a CA this service trusts "
                    + "(ENVMON_INFLUX_TLS_CA";
            assertTrue(WriteErrorClassifier.classify(thrown).message().startsWith(expected),
                    WriteErrorClassifier.classify(thrown).message());
            IllegalStateException ping = assertThrows(IllegalStateException.class, writer::ping);
            assertTrue(ping.getMessage().startsWith(expected), ping.getMessage());
            IllegalStateException query = assertThrows(IllegalStateException.class, () -> writer.query("SHOW DATABASES"));
            assertTrue(query.getMessage().startsWith(expected), query.getMessage());
        }
    }
}
