package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envmon.grafana.gen.Json;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import io.envmon.testkit.MqttTestClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real data for the dashboard proof: mosquitto and influxd, the built ingest service
 * ({@code ingest/target/envmon-ingest.jar}, InfluxDB v1 API, with its alert engine) on the district registry, the
 * built simulator ({@code simulator/target/envmon-simulator.jar}) replaying the district into it (see
 * {@link #replay}), three episodes and a few bad messages published through MQTT. Everything in InfluxDB is written
 * by the real service, {@code air_hourly} and {@code alert} by its alert engine; nothing is written directly.
 */
final class ReplayHarness implements AutoCloseable {

    static final String DB = "env";
    static final String SILENT_STATION = "TG-A10";
    static final String SILENT_SECTION = "XYH-01";
    static final String POLLUTED_SECTION = "WMH-04";
    static final String SILENT_OUTLET = "E002/DA002";
    /** E001's wastewater outlet (permit COD 100 mg/L, GB 8978 Grade 1); E001 is the dashboard's first enterprise. */
    static final String EXCEEDING_OUTLET = "E001/DW001";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    final Path root = Root.path();
    final Path registry = root.resolve("config/taigu.yaml");
    final MosquittoServer mqtt;
    final InfluxServer influx;
    final int httpPort = FreePorts.next();
    final Path workDir;
    JavaProcess ingest;
    /** Subscribed to the service's alert events ({@code env/alerts/#}) from before the replay on. */
    MqttTestClient alertEvents;
    long expectedReadings;
    int rejectionsSent;
    final List<String> log = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ReplayHarness() {
        mqtt = new MosquittoServer().start();
        influx = new InfluxServer().start();
        influx.createDatabase(DB);
        try {
            workDir = Files.createTempDirectory("envmon-grafana-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startIngest() {
        alertEvents = MqttTestClient.connect(mqtt.url());
        alertEvents.subscribe("env/alerts/#");
        ingest = IngestService.start(jar("envmon.ingest.jar", "ingest/target/envmon-ingest.jar"),
                IngestService.env(mqtt, influx, DB, registry, "envmon-ingest-grafana-it", httpPort), Duration.ofSeconds(40));
    }

    /**
     * The replay; returns when every simulator run has exited 0 and the episodes are published:
     * <ol>
     *   <li>26 h to 4 h ago: every point of the registry every 5 minutes;</li>
     *   <li>4 h to 2 h ago: every point every minute (HJ 212 real-time data), so the alert engine has valid hourly
     *       means (≥ 45 min of data) for its AQI records and rules. (A whole day every minute, 300 000 readings,
     *       takes the service with its alert engine longer than this test may run.)</li>
     *   <li>the last 2 h: every point every minute except {@link #SILENT_STATION}, {@link #SILENT_SECTION},
     *       {@link #SILENT_OUTLET} (devices that went silent), {@link #POLLUTED_SECTION} and
     *       {@link #EXCEEDING_OUTLET};</li>
     *   <li>three episodes published by this harness through MQTT, for the engine's water_class, flag_fault and
     *       permit_limit rules: {@link #POLLUTED_SECTION} for the last 2 h with NH3-N at 2.6 mg/L (劣V, target IV),
     *       {@link #SILENT_STATION} for the hour before it went silent with its PM2.5 monitor flagged D (fault), and
     *       {@link #EXCEEDING_OUTLET} for the last 2 h with COD around 130 mg/L (permit 100);</li>
     *   <li>the air stations over the same 26 h one year earlier, every minute (this month vs last year; every
     *       minute so that "this month so far" has last year's data even minutes after a month began).</li>
     * </ol>
     */
    void replay(Instant now) {
        Instant start = truncate(now.minus(Duration.ofHours(26)), Duration.ofMinutes(5));
        int points = pointCount(registry);
        // last year's air data is independent of the rest: it runs alongside
        Instant lastYear = now.atZone(BEIJING).minusYears(1).toInstant();
        Path airOnly = airOnlyRegistry();
        Simulation lastYearRun = startSimulation("last-year", airOnly,
                truncate(lastYear.minus(Duration.ofHours(26)), Duration.ofMinutes(1)), "1m", 1560, 60);
        expectedReadings += (long) pointCount(airOnly) * 1560;

        simulate("main", registry, start, "5m", 264, 12);
        expectedReadings += (long) points * 264;
        simulate("minutely", registry, start.plus(Duration.ofHours(22)), "1m", 120, 60);
        expectedReadings += (long) points * 120;

        Instant recent = start.plus(Duration.ofHours(24));
        List<String> left = List.of(SILENT_STATION, SILENT_SECTION, POLLUTED_SECTION, SILENT_OUTLET, EXCEEDING_OUTLET);
        Path lastTwoHours = registryWithout("last-2h", left);
        simulate("last-2h", lastTwoHours, recent, "1m", 120, 60);
        expectedReadings += (long) (points - left.size()) * 120;
        expectedReadings += publishEpisodes(recent);
        lastYearRun.finish();
    }

    /** The three episodes of {@link #replay}, as device batches; returns the number of readings sent. */
    private int publishEpisodes(Instant from) {
        StringBuilder water = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < 120; i++) {
            water.append(i == 0 ? "" : ", ").append("{\"ts\": \"").append(from.plus(Duration.ofMinutes(i)))
                    .append("\", \"values\": {\"ph\": 7.6, \"do\": 5.8, \"codmn\": 6.4, \"cod\": 24.5, ")
                    .append("\"nh3n\": ").append(2.6 + (i % 7) * 0.01).append(", \"tp\": 0.27, \"tn\": 3.4, ")
                    .append("\"turbidity\": 18, \"conductivity\": 640, \"temp\": 6.5}}");
        }
        water.append("]}");
        StringBuilder air = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < 60; i++) {
            air.append(i == 0 ? "" : ", ").append("{\"ts\": \"").append(from.plus(Duration.ofMinutes(i)))
                    .append("\", \"values\": {\"pm25\": 0, \"pm10\": 71, \"so2\": 14, \"no2\": 33, ")
                    .append("\"co\": 0.9, \"o3\": 48, \"temp\": 3.5, \"humidity\": 52, \"pressure\": 931, ")
                    .append("\"wind_speed\": 1.8, \"wind_dir\": 190}, \"flags\": {\"pm25\": \"D\"}}");
        }
        air.append("]}");
        StringBuilder outlet = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < 120; i++) {
            outlet.append(i == 0 ? "" : ", ").append("{\"ts\": \"").append(from.plus(Duration.ofMinutes(i)))
                    .append("\", \"values\": {\"cod\": ").append(128 + (i % 9)).append(", \"nh3n\": 9.6, ")
                    .append("\"ph\": 7.2, \"flow\": 14}}");
        }
        outlet.append("]}");
        try (MqttTestClient device = MqttTestClient.connect(mqtt.url())) {
            device.publish("env/water/" + POLLUTED_SECTION, water.toString(), 1);
            device.publish("env/air/" + SILENT_STATION, air.toString(), 1);
            device.publish("env/enterprise/" + EXCEEDING_OUTLET, outlet.toString(), 1);
        }
        log.add("episodes via MQTT: " + POLLUTED_SECTION + " NH3-N 2.6 mg/L for 2 h; " + SILENT_STATION
                + " PM2.5 flagged D for 1 h, then silent; " + EXCEEDING_OUTLET + " COD 128-136 mg/L (permit 100) for 2 h");
        return 300;
    }

    /** Bad messages through the broker, one per common reason; the service dead-letters and records each. */
    void publishRejections() {
        try (MqttTestClient device = MqttTestClient.connect(mqtt.url())) {
            String ts = Instant.now().minusSeconds(60).toString();
            device.publish("env/air/XX-99", "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": 35}}", 1);
            device.publish("env/air/TG-A01", "{\"ts\": \"" + ts + "\", \"values\": ", 1);
            device.publish("env/air/TG-A02", "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": -4}}", 1);
            device.publish("env/water/XYH-02", "{\"ts\": \"" + ts + "\", \"values\": {\"benzene\": 1}}", 1);
            device.publish("env/air/TG-A03", "{\"ts\": \"2099-01-01T00:00:00Z\", \"values\": {\"pm25\": 30}}", 1);
            rejectionsSent = 5;
        }
    }

    /**
     * Waits until every replayed reading is stored and every bad message rejected, nothing in flight. The ceiling is
     * generous (a busy machine is slow, not wrong); it is no speed target.
     */
    void awaitStored() {
        Awaitility.await("all " + expectedReadings + " readings stored and " + rejectionsSent + " rejected")
                .atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, Double> m = metrics();
                    return sum(m, "envmon_readings_stored_total") >= expectedReadings
                            && sum(m, "envmon_readings_rejected_total") >= rejectionsSent
                            && sum(m, "envmon_inflight_messages") == 0;
                });
    }

    /**
     * The alert engine evaluates after storage and writes its rows asynchronously: waits (generous ceiling, no quiet
     * period) until it has evaluated every stored reading ({@code envmon_alerts_queued_readings} 0), every alert event it
     * emitted ({@code envmon_alerts_events_total}) has been published on {@code env/alerts/#}, every alert published
     * has its rows in {@code alert} (by ID: two events of one alert with the same time are one row, the later one, as
     * when an hour rated again opens and resolves an alert at once), the episodes' alerts are there (water_class on {@link #POLLUTED_SECTION}, flag_fault on {@link #SILENT_STATION}, permit_limit
     * on {@link #EXCEEDING_OUTLET}'s enterprise), and every air station has {@code air_hourly} rows for the recent
     * every-minute hours. Fails, saying which of these is missing, when the engine does not write them.
     */
    void awaitAlertEngineOutput() {
        int stations = pointCount(airOnlyRegistry());
        String enterprise = EXCEEDING_OUTLET.substring(0, EXCEEDING_OUTLET.indexOf('/'));
        List<String> last = new ArrayList<>();
        try {
            Awaitility.await("the alert engine's rows").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        List<String> missing = engineOutputMissing(stations, enterprise);
                        last.clear();
                        last.addAll(missing);
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the alert engine did not write what the dashboards need within 3 minutes: "
                    + String.join("; ", last), e);
        }
    }

    /** What {@link #awaitAlertEngineOutput} still waits for; empty when everything is there. */
    private List<String> engineOutputMissing(int stations, String enterprise) {
        List<String> missing = new ArrayList<>();
        Map<String, Double> m = metrics();
        double queued = sum(m, "envmon_alerts_queued_readings");
        if (queued > 0) {
            missing.add(queued + " readings not yet evaluated");
        }
        long events = (long) sum(m, "envmon_alerts_events_total");
        List<MqttTestClient.Received> published = alertEvents.messages("env/alerts/#");
        if (events == 0 || published.size() < events) {
            missing.add(published.size() + " alert events published of " + events + " emitted");
        }
        Set<String> stored = new HashSet<>();
        influx.rows(DB, "SELECT \"alert_id\" FROM \"alert\"").forEach(r -> stored.add(String.valueOf(r.get("alert_id"))));
        Set<String> notStored = new TreeSet<>();
        for (MqttTestClient.Received r : published) {
            String id = Json.parse(r.payload()).path("id").asText();
            if (!stored.contains(id)) {
                notStored.add(id);
            }
        }
        if (!notStored.isEmpty()) {
            missing.add(notStored.size() + " published alerts without a row in alert: " + notStored);
        }
        for (String[] episode : List.of(new String[] {"water_class", POLLUTED_SECTION},
                new String[] {"flag_fault", SILENT_STATION}, new String[] {"permit_limit", enterprise})) {
            if (influx.count(DB, "SELECT count(\"state\") FROM \"alert\" WHERE \"rule\" = '" + episode[0]
                    + "' AND \"site\" = '" + episode[1] + "'") == 0) {
                missing.add("no " + episode[0] + " alert on " + episode[1]);
            }
        }
        int withRows = influx.rows(DB, "SELECT count(\"standard\") FROM \"air_hourly\" WHERE time > now() - 6h "
                + "GROUP BY \"station\"").size();
        if (withRows < stations) {
            missing.add("air_hourly rows of the last 6 h for " + withRows + " of " + stations + " stations");
        }
        return missing;
    }

    String scrape() {
        return get("/metrics");
    }

    /** Sample (name with labels) → value of the current scrape. */
    Map<String, Double> metrics() {
        Map<String, Double> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][\\w:]*(?:\\{[^}]*})?) ([0-9.eE+-]+|NaN)$").matcher(scrape());
        while (m.find()) {
            out.put(m.group(1), "NaN".equals(m.group(2)) ? Double.NaN : Double.parseDouble(m.group(2)));
        }
        return out;
    }

    static double sum(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private void simulate(String name, Path registryFile, Instant start, String interval, int count, int batch) {
        startSimulation(name, registryFile, start, interval, count, batch).finish();
    }

    /** A simulator run in progress. */
    private final class Simulation {
        private final String name;
        private final String description;
        private final JavaProcess process;
        private final long t0 = System.nanoTime();

        Simulation(String name, String description, JavaProcess process) {
            this.name = name;
            this.description = description;
            this.process = process;
        }

        /** Waits for the run to exit 0 and logs its totals. */
        void finish() {
            try (process) {
                int code = process.waitFor(Duration.ofSeconds(120));
                assertEquals(0, code, () -> "simulator run " + name + " failed:\n" + process.outputTail(30));
                log.add(String.format("simulator %-9s %s (%.1f s): %s", name, description,
                        (System.nanoTime() - t0) / 1e9,
                        process.output().lines().filter(l -> l.startsWith("done")).findFirst().orElse("?")));
            }
        }
    }

    private Simulation startSimulation(String name, Path registryFile, Instant start, String interval, int count,
                                       int batch) {
        JavaProcess process = JavaProcess.start(jar("envmon.simulator.jar", "simulator/target/envmon-simulator.jar"),
                Map.of(), "run", "--registry", registryFile.toString(), "--mqtt-url", mqtt.url(),
                "--start", start.toString(), "--interval", interval, "--count", String.valueOf(count),
                "--batch", String.valueOf(batch), "--speed", "100000", "--seed", "2026",
                "--client-id", "envmon-sim-" + name, "--quiet");
        return new Simulation(name, "registry " + registryFile.getFileName() + ", from " + start + " every " + interval
                + " x " + count, process);
    }

    /**
     * The registry without some points: station or section IDs, or {@code enterprise/outlet} (the outlet's line in
     * that enterprise's block). The file keeps one line per station, section and outlet (docs/registry.md).
     */
    private Path registryWithout(String name, List<String> points) {
        try {
            List<String> kept = new ArrayList<>();
            String enterprise = null;
            int dropped = 0;
            for (String line : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
                if (line.startsWith("  - id: ")) {
                    enterprise = line.substring("  - id: ".length()).trim();
                }
                Matcher id = Pattern.compile("^\\s*- \\{id: ([^,]+),").matcher(line);
                boolean drop = false;
                if (id.find()) {
                    String point = line.startsWith("      ") ? enterprise + "/" + id.group(1) : id.group(1);
                    drop = points.contains(point);
                }
                if (drop) {
                    dropped++;
                } else {
                    kept.add(line);
                }
            }
            if (dropped != points.size()) {
                throw new IllegalStateException("found " + dropped + " of " + points + " in " + registry);
            }
            Path file = workDir.resolve(name + ".yaml");
            Files.write(file, kept, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's air section alone (one line per station, up to the first blank line). */
    private Path airOnlyRegistry() {
        try {
            List<String> out = new ArrayList<>();
            boolean inAir = false;
            for (String line : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
                if (line.equals("air:")) {
                    inAir = true;
                } else if (inAir && line.isBlank()) {
                    break;
                }
                if (inAir) {
                    out.add(line);
                }
            }
            Path file = workDir.resolve("air-only.yaml");
            Files.write(file, out, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Monitored points of a registry file: one line per station and section, one per outlet. */
    static int pointCount(Path registryFile) {
        try {
            return (int) Files.readAllLines(registryFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.trim().startsWith("- {id:")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant truncate(Instant t, Duration step) {
        long ms = step.toMillis();
        return Instant.ofEpochMilli(t.toEpochMilli() / ms * ms);
    }

    private static Path jar(String property, String fallback) {
        String configured = System.getProperty(property);
        return configured != null ? Path.of(configured) : Root.path().resolve(fallback);
    }

    private String get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (ingest != null) {
            ingest.close();
        }
        if (alertEvents != null) {
            alertEvents.close();
        }
        mqtt.close();
        influx.close();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans up
        }
    }
}
