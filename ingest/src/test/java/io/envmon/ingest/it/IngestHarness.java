package io.envmon.ingest.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.envmon.testkit.FreePorts;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real mosquitto and influxd on free loopback ports, and the built ingest jar started as a process the way an
 * operator starts it ({@code java -jar} with ENVMON_* variables). Everything stops on {@link #close()}.
 */
final class IngestHarness implements AutoCloseable {

    static final String DB = "env";
    static final String REGISTRY = """
            air:
              - {id: S01, name: 测试站一}
              - {id: S02, name: 测试站二}
              - {id: S03, name: 测试站三}
              - {id: S04, name: 测试站四}
              - {id: S05, name: 测试站五}
            water:
              - {id: W01, name: 象峪河测试断面, river: 象峪河, targetClass: III}
              - {id: W02, name: 乌马河测试断面, river: 乌马河, targetClass: IV}
            enterprises:
              - id: E001
                name: 测试玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DW001, type: wastewater, limits: {cod: 100, nh3n: 15, ph: [6, 9]}}
              - id: E002
                name: 测试砖瓦有限公司
                industry: brick_kiln
                outlets:
                  - {id: DA001, type: stack, referenceO2: 8.6, limits: {particulate: 30, so2: 300, nox: 200}}
            """;

    final MosquittoServer mqtt;
    final InfluxServer influx;
    final Path registry;
    final int httpPort = FreePorts.next();
    /** The service's spool folder, the same across restarts of the service (as on a server). */
    final Path spoolDir = IngestService.spoolDir();
    /** Event times in the recent past, one second apart per reading number, so every reading is a distinct point. */
    final Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    JavaProcess ingest;
    /** Settings added to (or replacing) {@link #env()}'s, e.g. ENVMON_HJ212_TCP_PORT; set before starting ingest. */
    final Map<String, String> extraEnv = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    IngestHarness() {
        this(REGISTRY);
    }

    /** With another registry (e.g. one whose points have HJ 212 MNs). */
    IngestHarness(String registryYaml) {
        mqtt = new MosquittoServer().start();
        influx = new InfluxServer().start();
        influx.createDatabase(DB);
        try {
            registry = Files.createTempFile("envmon-it-registry", ".yaml");
            Files.writeString(registry, registryYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> env() {
        Map<String, String> env = IngestService.env(mqtt, influx, DB, registry, "envmon-ingest-it", httpPort);
        env.put("ENVMON_SPOOL_DIR", spoolDir.toString());
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Writes an API tokens file (docs/api.md) for the service: one bureau token, and one token per enterprise (ID →
     * token, named {@code e001-manager} and so on). @return its path, for {@code ENVMON_API_TOKENS}
     */
    static Path apiTokens(String bureauName, String bureauToken, Map<String, String> enterpriseTokens) {
        StringBuilder yaml = new StringBuilder("bureau:\n  - {name: " + bureauName + ", token: " + bureauToken + "}\n");
        if (!enterpriseTokens.isEmpty()) {
            yaml.append("enterprises:\n");
            new java.util.TreeMap<>(enterpriseTokens).forEach((id, token) -> yaml.append("  ").append(id)
                    .append(":\n    - {name: ").append(id.toLowerCase(java.util.Locale.ROOT)).append("-manager, token: ")
                    .append(token).append("}\n"));
        }
        try {
            Path file = Files.createTempFile("envmon-it-tokens", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("envmon.ingest.jar", "target/envmon-ingest.jar"));
    }

    /**
     * Writes an HJ 212 device passwords file ({@code MN PW} lines, as deploy/mosquitto/make-passwords.sh writes it)
     * and points ENVMON_HJ212_PASSWORDS at it; set before starting ingest.
     */
    void devicePasswords(String lines) {
        try {
            Path file = Files.createTempFile("envmon-it-hj212-passwords", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, lines);
            extraEnv.put("ENVMON_HJ212_PASSWORDS", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts ingest and waits until it has subscribed. */
    JavaProcess startIngest() {
        return startIngest(Map.of());
    }

    /**
     * Starts ingest with some settings changed, and waits until it has subscribed: a few seconds when the machine is
     * idle; the ceiling is for a machine shared with other builds, where a JVM start can take half a minute.
     */
    JavaProcess startIngest(Map<String, String> overrides) {
        Map<String, String> env = env();
        env.putAll(overrides);
        ingest = IngestService.start(jar(), env, Duration.ofSeconds(90));
        return ingest;
    }

    /** The body of a reading for number {@code n}: event time {@code base + n s}. */
    String reading(int n, String parameter, double value) {
        return "{\"ts\": \"" + base.plusSeconds(n) + "\", \"values\": {\"" + parameter + "\": " + value + "}, \"seq\": " + n + "}";
    }

    /** An InfluxQL time condition covering readings number {@code from} (inclusive) to {@code to} (exclusive). */
    String readings(int from, int to) {
        return "time >= " + base.plusSeconds(from).toEpochMilli() + "ms AND time < " + base.plusSeconds(to).toEpochMilli() + "ms";
    }

    long count(String influxql) {
        return influx.count(DB, influxql);
    }

    int healthStatus() {
        return get("/health").statusCode();
    }

    /** The JSON body of {@code /health}. */
    String healthBody() {
        return get("/health").body();
    }

    String metrics() {
        return get("/metrics").body();
    }

    /** A Prometheus sample's value, e.g. {@code envmon_readings_rejected_total{reason="malformed"}}; 0 if absent. */
    double metric(String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** GET with a bearer token (null: none). */
    HttpResponse<String> api(String token, String path) {
        return send(token, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET());
    }

    /** POST a JSON body with a bearer token. */
    HttpResponse<String> apiPost(String token, String path, String body) {
        return send(token, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(String token, HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Vert.x's blocked-thread checker must stay silent: a warning means an event loop was blocked. */
    void assertNoBlockedEventLoop() {
        assertFalse(ingest.output().contains("has been blocked"), () -> "blocked thread warning:\n" + ingest.outputTail(60));
    }

    @Override
    public void close() {
        if (ingest != null) {
            ingest.close();
        }
        mqtt.close();
        influx.close();
        try {
            Files.deleteIfExists(registry);
        } catch (IOException ignored) {
            // a temp file: the OS cleans up
        }
    }
}
