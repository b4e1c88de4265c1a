package io.envmon.grafana;

import java.io.File;
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
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.gen.Json;
import io.envmon.testkit.FreePorts;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian package {@code prometheus}) scraping the ingest service every second, when one is
 * installed, so the Ingest health dashboard's PromQL runs against real samples. Not installed: the proof falls back to
 * checking the metric names against a live scrape.
 */
final class PrometheusServer implements AutoCloseable {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final Process process;
    private final int port = FreePorts.next();
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Path binary, int targetPort) {
        try {
            dir = Files.createTempDirectory("envmon-prometheus");
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: envmon-ingest
                        metrics_path: /metrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(targetPort));
            process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // not listening yet is not a failure: keep asking (the first poll came too early once, and the test failed)
        Awaitility.await("prometheus ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
                    }
                    return get("/-/ready").statusCode() == 200;
                });
    }

    /** Starts one scraping {@code 127.0.0.1:targetPort}, or empty when Prometheus is not installed. */
    static Optional<PrometheusServer> startIfInstalled(int targetPort) {
        return binary().map(b -> new PrometheusServer(b, targetPort));
    }

    private static Optional<Path> binary() {
        String override = System.getenv("ENVMON_PROMETHEUS_BIN");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        return Stream.concat(Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)),
                        Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    /** Waits until the target has been scraped successfully at least {@code scrapes} times. */
    void awaitScrapes(int scrapes) {
        Awaitility.await("prometheus scrapes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode r = query("count_over_time(up{job=\"envmon-ingest\"}[5m])", Instant.now());
                    JsonNode result = r.path("data").path("result");
                    return result.size() > 0 && result.get(0).path("value").get(1).asDouble() >= scrapes;
                });
    }

    /** {@code /api/v1/query_range}: the parsed answer; throws when Prometheus reports an error (bad PromQL). */
    JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
        String q = "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds() + "s";
        return parse(get(q), promql);
    }

    private JsonNode query(String promql, Instant at) {
        return parse(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + at.getEpochSecond()), promql);
    }

    private static JsonNode parse(HttpResponse<String> response, String promql) {
        JsonNode answer = Json.parse(response.body());
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalStateException("PromQL '" + promql + "': " + answer.path("error").asText(response.body()));
        }
        return answer;
    }

    /** Series of a range answer with at least one sample. */
    static long seriesWithSamples(JsonNode answer) {
        long n = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            if (series.path("values").size() > 0) {
                n++;
            }
        }
        return n;
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

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
