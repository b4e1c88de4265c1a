package io.envmon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free loopback port with a temporary configuration and
 * data folder, scraping one target's {@code /metrics} every {@link #SCRAPE_INTERVAL}; for the tests that run the
 * dashboards' PromQL against real samples. Started within 60 s or not at all; stopped (SIGTERM, SIGKILL after 10 s)
 * and its folder deleted on {@link #close()}, or with the JVM.
 * <pre>{@code
 * Path binary = RequiredTools.require("prometheus", PrometheusServer.OVERRIDE_ENV, "prometheus", "the PromQL panels");
 * try (PrometheusServer prometheus = new PrometheusServer(binary, servicePort).start()) {
 *     prometheus.awaitScrapes(5);
 *     JsonNode answer = prometheus.queryRange("rate(envmon_messages_received_total[4s])", from, to, step);
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    /** Environment variable that may hold the full path of the {@code prometheus} program. */
    public static final String OVERRIDE_ENV = "ENVMON_PROMETHEUS_BIN";
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final String JOB = "envmon-ingest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final int targetPort;
    private final int port;
    private final ServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Chooses a free port and creates the temporary folder; does not start Prometheus. */
    public PrometheusServer(Path binary, int targetPort) {
        this.binary = binary;
        this.targetPort = targetPort;
        this.port = FreePorts.next();
        this.server = new ServerProcess("prometheus", port, Duration.ofSeconds(60), Duration.ofSeconds(10),
                "prometheus.out", this::prepare, this::ready, () -> ChildProcess.tail(server().output(), 30));
    }

    /**
     * Starts Prometheus and waits until it reports ready.
     *
     * @return this
     * @throws IllegalStateException when it exits or is not ready within 60 s; the message holds its log's tail
     */
    public PrometheusServer start() {
        server.start();
        return this;
    }

    /** Waits (at most 60 s) until the target has been scraped successfully at least {@code scrapes} times. */
    public void awaitScrapes(int scrapes) {
        Awaitility.await("prometheus has scraped 127.0.0.1:" + targetPort + " " + scrapes + " times")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode result = query("sum_over_time(up{job=\"" + JOB + "\"}[10m])", Instant.now())
                            .path("data").path("result");
                    return result.size() > 0 && result.get(0).path("value").get(1).asDouble() >= scrapes;
                });
    }

    /** {@code /api/v1/query_range}: the parsed answer; throws when Prometheus reports an error (bad PromQL). */
    public JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
        return parse(get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds()
                + "s"), promql);
    }

    /** {@code /api/v1/query} at one instant: the parsed answer; throws when Prometheus reports an error. */
    public JsonNode query(String promql, Instant at) {
        return parse(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + at.getEpochSecond()), promql);
    }

    /** Series of a range answer with at least one sample. */
    public static long seriesWithSamples(JsonNode answer) {
        long n = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            if (series.path("values").size() > 0) {
                n++;
            }
        }
        return n;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops Prometheus and deletes its folder. */
    @Override
    public void close() {
        server.close();
    }

    private ServerProcess server() {
        return server;
    }

    private List<String> prepare() {
        Path config = server.dir().resolve("prometheus.yml");
        try {
            Files.writeString(config, """
                    global:
                      scrape_interval: %ds
                    scrape_configs:
                      - job_name: %s
                        metrics_path: /metrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(SCRAPE_INTERVAL.toSeconds(), JOB, targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + server.dir().resolve("data"),
                "--web.listen-address=127.0.0.1:" + port);
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false; // not listening yet
        }
    }

    private static JsonNode parse(HttpResponse<String> response, String promql) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("PromQL '" + promql + "': not JSON: " + response.body(), e);
        }
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalStateException("PromQL '" + promql + "': " + answer.path("error").asText(response.body()));
        }
        return answer;
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
