package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.tls.ClientTls;
import io.envmon.model.tls.TlsFiles;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import io.envmon.testkit.MqttTestClient;
import io.envmon.testkit.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against real servers with certificates made at test time: Mosquitto with a TLS listener that requires a client
 * certificate, influxd over HTTPS, and the service's own HTTPS; an untrusted and an expired server certificate are
 * named in the log and in /health (docs/operations.md, "TLS problems").
 */
class TlsIT {

    static final String DB = "env";
    static final Duration START = Duration.ofSeconds(60);

    static TestCertificates pki;
    @TempDir
    static Path dir;
    static Path registry;

    @BeforeAll
    static void setUp() throws IOException {
        pki = TestCertificates.generate();
        registry = Files.writeString(dir.resolve("registry.yaml"), "air:\n  - {id: S01, name: 测试站一}\n");
    }

    @Test
    void storesReadingsOverTlsReconnectsWithLoggedCausesAndServesHttpsToClientCertificates() throws Exception {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.server(), pki.caCert(), true).start();
             InfluxServer influx = new InfluxServer().withTls(pki.server(), pki.caCert()).start()) {
            influx.createDatabase(DB);
            int httpPort = FreePorts.next();
            Map<String, String> env = env(mqtt, influx, httpPort);
            env.put("ENVMON_MQTT_URL", mqtt.tlsUrl());
            env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
            env.put("ENVMON_MQTT_TLS_CERT", pki.client().cert().toString());
            env.put("ENVMON_MQTT_TLS_KEY", pki.client().key().toString());
            env.put("ENVMON_INFLUX_TLS_CA", pki.caCert().toString());
            env.put("ENVMON_HTTP_TLS_CERT", pki.server().cert().toString());
            env.put("ENVMON_HTTP_TLS_KEY", pki.server().key().toString());
            env.put("ENVMON_HTTP_TLS_CLIENT_CA", pki.caCert().toString());
            try (JavaProcess ingest = IngestService.start(jar(), env, START);
                 MqttTestClient device = MqttTestClient.connect(mqtt.url())) {
                Instant ts = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
                device.publish("env/air/S01", reading(ts, 35), 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> stored(influx) == 1);

                // the API over HTTPS, only to clients with a certificate of the CA
                SSLContext withCertificate = ClientTls.load(
                        new TlsFiles(pki.caCert(), pki.client().cert(), pki.client().key())).context();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(withCertificate, "https", httpPort).statusCode() == 200);
                assertThrows(IOException.class, () -> get(pki.trustingCa(), "https", httpPort),
                        "HTTPS without a client certificate");
                assertThrows(IOException.class, () -> get(SSLContext.getDefault(), "http", httpPort), "plain HTTP");

                // the broker goes away: each failed attempt is logged with its cause; then it is back
                mqtt.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> ingest.output().contains(
                        "MQTT subscriber connection to " + mqtt.tlsUrl() + " failed (attempt 1): cannot connect"));
                mqtt.start();
                await().atMost(Duration.ofSeconds(90)).until(() -> ingest.output().contains(
                        "MQTT subscriber connection to " + mqtt.tlsUrl() + " is back after"));
                device.reconnect();
                device.publish("env/air/S01", reading(ts.plusSeconds(60), 36), 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> stored(influx) == 2);
                assertFalse(ingest.output().contains("Untranslated"), ingest::output);
            }
        }
    }

    @Test
    void untrustedServerCertificatesAreNamedWithTheSettingToFix() throws Exception {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.untrustedServer(), null, false).start();
             InfluxServer influx = new InfluxServer().withTls(pki.untrustedServer(), pki.otherCaCert()).start()) {
            int httpPort = FreePorts.next();
            Map<String, String> env = env(mqtt, influx, httpPort);
            env.put("ENVMON_MQTT_URL", mqtt.tlsUrl());
            env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
            env.put("ENVMON_INFLUX_TLS_CA", pki.caCert().toString());
            // every failed attempt, the repeats too (at DEBUG)
            env.put("ENVMON_LOG_LEVEL", "DEBUG");
            try (JavaProcess ingest = JavaProcess.start(jar(), env, IngestService.javaOptions(env, System.getenv()),
                    java.util.List.of())) {
                String untrusted = "TLS: the server's certificate is not signed by a CA this service trusts";
                ingest.waitForOutput("failed (attempt 1): " + untrusted + " (ENVMON_MQTT_TLS_CA", START);
                ingest.waitForOutput("failed (attempt 2): " + untrusted, Duration.ofSeconds(30));
                ingest.waitForOutput("InfluxDB is not reachable: ping failed: " + untrusted
                        + " (ENVMON_INFLUX_TLS_CA", Duration.ofSeconds(30));
                HttpResponse<String> health = get(SSLContext.getDefault(), "http", httpPort);
                assertEquals(503, health.statusCode());
                assertTrue(health.body().contains(untrusted), health.body());
                assertFalse(ingest.output().contains("Untranslated"), ingest::output);
            }
        }
    }

    @Test
    void expiredServerCertificatesAreNamed() throws Exception {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.expiredServer(), null, false).start();
             InfluxServer influx = new InfluxServer().withTls(pki.expiredServer(), pki.caCert()).start()) {
            Map<String, String> env = env(mqtt, influx, FreePorts.next());
            env.put("ENVMON_MQTT_URL", mqtt.tlsUrl());
            env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
            env.put("ENVMON_INFLUX_TLS_CA", pki.caCert().toString());
            try (JavaProcess ingest = JavaProcess.start(jar(), env, IngestService.javaOptions(env, System.getenv()),
                    java.util.List.of())) {
                String expired = "TLS: the server's certificate has expired (NotAfter: ";
                ingest.waitForOutput("MQTT subscriber connection to " + mqtt.tlsUrl() + " failed (attempt 1): "
                        + expired, START);
                ingest.waitForOutput("InfluxDB is not reachable: ping failed: " + expired, Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void aBrokerThatWantsAClientCertificateSaysSoWhenItGetsNone() throws Exception {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.server(), pki.caCert(), true).start();
             InfluxServer influx = new InfluxServer().start()) {
            Map<String, String> env = env(mqtt, influx, FreePorts.next());
            env.put("ENVMON_MQTT_URL", mqtt.tlsUrl());
            env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
            try (JavaProcess ingest = JavaProcess.start(jar(), env, IngestService.javaOptions(env, System.getenv()),
                    java.util.List.of())) {
                ingest.waitForOutput("MQTT subscriber connection to " + mqtt.tlsUrl() + " failed (attempt 1): TLS: ",
                        START);
                await().atMost(Duration.ofSeconds(10)).until(() -> ingest.output().lines()
                        .filter(l -> l.contains("MQTT subscriber connection to " + mqtt.tlsUrl() + " failed"))
                        .allMatch(l -> l.contains("client certificate")));
                assertFalse(ingest.output().contains("Untranslated"), ingest::output);
            }
        }
    }

    @Test
    void aKeyOfAnotherCertificateStopsStartUpNamingTheSetting() {
        Map<String, String> env = Map.of("ENVMON_REGISTRY", registry.toString(), "ENVMON_INFLUX_API", "v1",
                "ENVMON_HTTP_TLS_CERT", pki.server().cert().toString(),
                "ENVMON_HTTP_TLS_KEY", pki.client().key().toString());
        try (JavaProcess ingest = JavaProcess.start(jar(), env, IngestService.javaOptions(env, System.getenv()),
                java.util.List.of())) {
            assertEquals(2, ingest.waitFor(START));
            assertTrue(ingest.output().contains("ENVMON_HTTP_TLS_KEY (http.tls.key): "), ingest::output);
        }
    }

    private static Map<String, String> env(MosquittoServer mqtt, InfluxServer influx, int httpPort) {
        Map<String, String> env = IngestService.env(mqtt, influx, DB, registry, "envmon-tls-it", httpPort);
        // the tests that start the jar themselves (not through IngestService.start) need a spool folder of their own
        // too: the default one is shared with every other run on the machine, and locked by whichever runs first
        env.put("ENVMON_SPOOL_DIR", IngestService.spoolDir().toString());
        return env;
    }

    private static long stored(InfluxServer influx) {
        return influx.count(DB, "SELECT count(pm25) FROM air WHERE station = 'S01'");
    }

    private static String reading(Instant ts, double pm25) {
        return "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": " + pm25 + "}}";
    }

    private static HttpResponse<String> get(SSLContext tls, String scheme, int port)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path jar() {
        return Path.of(System.getProperty("envmon.ingest.jar", "target/envmon-ingest.jar"));
    }
}
