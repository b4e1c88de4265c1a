package io.envmon.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import io.envmon.testkit.MqttTestClient;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three ingest processes in a cluster (docs/scale-out.md) on one real Mosquitto with a shared subscription and one
 * real InfluxDB; the simulator replays four hours of the district (207 points, minute data, three scenarios with
 * expected alerts) as fast as the instances take it; the instance that evaluates the most points is SIGKILLed
 * mid-stream and restarted once the replay is over. Every reading must be stored (ledger + verify), every expected
 * alert raised and none opened twice, and the killed instance's points evaluated by the others within 30 s. The
 * restart moves units back while the others still evaluate them: the handover's leases (docs/scale-out.md#handover)
 * keep it from opening an alert twice, which it did in 3 of 10 runs before them.
 *
 * <p>In the simulator's module because it runs both packaged jars, and the ingest's is built first.
 */
class ScaleOutIT {

    private static final String DB = "env";
    private static final int INSTANCES = 3;
    /** Hours replayed: the scenarios' expected alerts need closed hours beyond their spans (as ReplayVerifyIT). */
    private static final int HOURS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MosquittoServer mqtt = new MosquittoServer().start();
    private final InfluxServer influx = new InfluxServer().start();
    private final int[] httpPorts = new int[INSTANCES];
    private final int[] clusterPorts = new int[INSTANCES];
    private final Path[] spools = new Path[INSTANCES];
    private final JavaProcess[] ingest = new JavaProcess[INSTANCES];
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> figures = new ArrayList<>();
    private static final String BUREAU = "scale-out-bureau-token-0123456789";
    @TempDir
    Path tmp;
    private Path tokens;

    @AfterEach
    void stop() {
        for (JavaProcess p : ingest) {
            if (p != null) {
                p.close();
            }
        }
        mqtt.close();
        influx.close();
    }

    @Test
    void threeInstancesShareTheReadingsAndTheAlertsAndOneKilledLosesNothingAndDoublesNothing() throws Exception {
        influx.createDatabase(DB);
        tokens = tmp.resolve("tokens.yaml");
        Files.writeString(tokens, "bureau:\n  - {name: duty-officer, token: " + BUREAU + "}\n");
        for (int i = 0; i < INSTANCES; i++) {
            httpPorts[i] = FreePorts.next();
            clusterPorts[i] = FreePorts.next();
            spools[i] = IngestService.spoolDir();
        }
        for (int i = 0; i < INSTANCES; i++) {
            ingest[i] = JavaProcess.start(ingestJar(), env(i), IngestService.javaOptions(env(i), System.getenv()),
                    List.of());
        }
        for (int i = 0; i < INSTANCES; i++) {
            ingest[i].waitForOutput("with QoS 1", Duration.ofSeconds(90));
        }
        await("three members, every unit owned").atMost(Duration.ofSeconds(60)).until(() ->
                allUp(List.of(0, 1, 2), 3));

        MqttTestClient alerts = MqttTestClient.connect(mqtt.url(), "scale-out-it-alerts", true);
        alerts.subscribe("env/alerts/#", 1);

        Path ledger = Files.createTempFile("envmon-scale-ledger", ".json");
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant from = to.minus(Duration.ofHours(HOURS));
        JavaProcess replay = JavaProcess.start(simulatorJar(), Map.of(), "replay", "--registry", registry().toString(),
                "--from", from.toString(), "--to", to.toString(), "--batch", "10", "--scenario",
                "enterprise-exceedance,device-faults,section-off-target", "--scenario-dir", scenarioDir().toString(),
                "--ledger", ledger.toString(), "--mqtt-url", mqtt.url(), "--seed", "2026", "--client-id",
                "scale-out-sim", "--quiet");

        int victim = mostPoints();
        JsonNode before = cluster(victim);
        Set<String> victimGroups = strings(before.get("groupsOwned"));
        await("a third of the readings stored").atMost(Duration.ofSeconds(120))
                .until(() -> stored() >= 207 * 60 * HOURS / 3);
        long killedAt = System.nanoTime();
        ingest[victim].sigkill();
        assertEquals(137, ingest[victim].waitFor(Duration.ofSeconds(30)));
        List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
        survivors.remove(Integer.valueOf(victim));
        await("the killed instance's points evaluated by the others").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> takenOver(survivors, victimGroups));
        double takeover = (System.nanoTime() - killedAt) / 1e9;

        assertEquals(0, replay.waitFor(Duration.ofSeconds(180)), replay.outputTail(30));
        replay.close();
        ingest[victim] = JavaProcess.start(ingestJar(), env(victim),
                IngestService.javaOptions(env(victim), System.getenv()), List.of());
        ingest[victim].waitForOutput("with QoS 1", Duration.ofSeconds(90));
        await("the restarted instance back in the cluster").atMost(Duration.ofSeconds(60))
                .until(() -> allUp(List.of(0, 1, 2), 3));

        JavaProcess verify = JavaProcess.start(simulatorJar(), Map.of(), "verify", "--ledger", ledger.toString(),
                "--influx-url", influx.url(), "--db", DB, "--influx-api", "v1", "--wait", "60s");
        int verified = verify.waitFor(Duration.ofSeconds(180));
        String report = verify.output();
        verify.close();

        // alerts: every event the instances published; an alert opened twice would show two 'open' events of
        // different times; the same event twice is a redelivery (at least once: MQTT QoS 1, and an event whose
        // publication the killed instance may not have finished is handed out again by the next owner)
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        Map<String, Set<String>> opens = new TreeMap<>();
        Set<String> distinct = new HashSet<>();
        int messages = 0;
        Map<String, String> labels = new HashMap<>();
        Map<String, List<String>> history = new HashMap<>();
        Set<String> raised = new HashSet<>();
        for (MqttTestClient.Received m : alerts.messages("env/alerts/#")) {
            JsonNode e = JSON.readTree(m.payload());
            raised.add(e.get("kind").asText() + " " + e.get("site").asText() + " " + e.get("rule").asText());
            labels.put(e.get("id").asText(), e.get("kind").asText() + "/" + e.get("site").asText() + "/"
                    + e.get("point").asText("") + " " + e.get("rule").asText() + " " + e.get("parameter").asText(""));
            history.computeIfAbsent(e.get("id").asText(), k -> new ArrayList<>()).add(e.get("state").asText() + "@"
                    + e.get("ts").asText() + (m.duplicate() ? " (dup)" : ""));
            if ("open".equals(e.get("state").asText())) {
                opens.computeIfAbsent(e.get("id").asText(), k -> new TreeSet<>()).add(e.get("ts").asText());
            }
            messages++;
            distinct.add(e.get("id").asText() + " " + e.get("state").asText() + " " + e.get("ts").asText() + " "
                    + e.path("acknowledgedBy").asText(""));
        }
        JsonNode led = JSON.readTree(ledger.toFile());
        List<String> expected = new ArrayList<>();
        led.get("expectedAlerts").forEach(a -> expected.add(a.get("kind").asText() + " " + a.get("site").asText() + " "
                + a.get("rule").asText()));
        List<String> doubled = opens.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " (" + labels.get(e.getKey()) + ": " + history.get(e.getKey()) + ")").toList();
        List<String> missed = expected.stream().filter(a -> !raised.contains(a)).toList();

        figures.add(String.format("readings: sent %d, %s", led.get("totals").get("readings").asLong(),
                line(report, "readings:")));
        figures.add(line(report, "duplicated:"));
        figures.add(String.format("alerts: expected %d, raised %d of them (%d alerts opened in all), doubled %d %s; "
                + "%d events published, %d of them the same event again", expected.size(),
                expected.size() - missed.size(), opens.size(), doubled.size(), doubled, messages,
                messages - distinct.size()));
        figures.add(String.format("takeover: the killed instance's %d groups (%s) evaluated by the others %.1f s "
                + "after SIGKILL", victimGroups.size(), victimGroups, takeover));
        for (int i = 0; i < INSTANCES; i++) {
            JsonNode c = cluster(i);
            figures.add(String.format("instance %d: %s owns %d of %d partitions, groups %s (%d points); forwarded %.0f, "
                    + "received %.0f, undelivered %.0f, rebuilds %.0f", i, c.get("member").asText(),
                    c.get("partitionsOwned").asInt(), c.get("partitions").asInt(), c.get("groupsOwned"),
                    c.get("pointsOwned").asInt(), metric(i, "envmon_cluster_readings_forwarded_total"),
                    metric(i, "envmon_cluster_readings_received_total"),
                    metric(i, "envmon_cluster_readings_undelivered_total"), metric(i, "envmon_cluster_rebuilds_total")));
            figures.add(String.format("instance %d: handovers %.0f, longest %.1f s, forced %.0f, events handed out "
                    + "again %.0f; waited for the previous owner %d times", i,
                    metric(i, "envmon_cluster_handover_seconds_count"), metric(i, "envmon_cluster_handover_seconds_max"),
                    metric(i, "envmon_cluster_handover_forced_total"), metric(i, "envmon_cluster_events_redelivered_total"),
                    ingest[i].output().lines().filter(l -> l.contains("to give it up")).count()));
        }
        System.out.println("ScaleOutIT figures:\n  " + String.join("\n  ", figures));

        assertEquals(0, verified, report);
        assertTrue(missed.isEmpty(), "expected alerts not raised: " + missed + "\n" + String.join("\n", figures));
        assertTrue(doubled.isEmpty(), "alerts opened twice: " + doubled + "\n" + String.join("\n", figures));
        int pointsOwned = 0;
        for (int i = 0; i < INSTANCES; i++) {
            pointsOwned += cluster(i).get("pointsOwned").asInt();
        }
        assertEquals(207, pointsOwned, "every point evaluated by exactly one instance");

        // the API answers for the whole cluster, whichever instance is asked (docs/scale-out.md)
        List<String> seen = new ArrayList<>(); // the last differences, for the failure's message
        try {
            await("each instance lists every open alert of the cluster").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        seen.clear();
                        Set<String> published = openByTopic(alerts);
                        for (int i = 0; i < INSTANCES; i++) {
                            Set<String> listed = openByApi(i);
                            if (!published.equals(listed)) {
                                Set<String> extra = new TreeSet<>(listed);
                                extra.removeAll(published);
                                Set<String> missing = new TreeSet<>(published);
                                missing.removeAll(listed);
                                seen.add("instance " + i + " lists " + listed.size() + " of " + published.size()
                                        + " (unanswered: " + api(i, "GET", "/api/alerts?limit=1", null).headers()
                                        .firstValue("X-Envmon-Unanswered").orElse("none") + ", its log: "
                                        + ingest[i].output().lines().filter(l -> l.contains("did not list"))
                                        .reduce((x, y) -> y).orElse("-") + ")"
                                        + "; missing " + describe(missing, labels, history) + "; not open on the topic "
                                        + describe(extra, labels, history));
                            }
                        }
                        return seen.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(String.join("\n", seen), e);
        }
        JsonNode alert = JSON.readTree(api(0, "GET", "/api/alerts?limit=1000", null).body()).get(0);
        int owner = ownerOf(alert);
        int asked = (owner + 1) % INSTANCES;
        String id = alert.get("id").asText();
        HttpResponse<String> ack = api(asked, "POST", "/api/alerts/" + id + "/ack", "{\"by\": \"scale-out-it\"}");
        assertEquals(200, ack.statusCode(), "acknowledged through instance " + asked + ", evaluated by " + owner
                + ": " + ack.body());
        assertEquals("scale-out-it", JSON.readTree(ack.body()).get("acknowledgedBy").asText());
        await("the acknowledgement published by the alert's instance").atMost(Duration.ofSeconds(10)).until(() ->
                alerts.messages("env/alerts/#").stream().anyMatch(m -> m.payload().contains(id)
                        && m.payload().contains("\"acknowledgedBy\":\"scale-out-it\"")));
        alerts.close();
    }

    private static String describe(Set<String> ids, Map<String, String> labels, Map<String, List<String>> history) {
        return ids.stream().limit(10).map(id -> id + " (" + labels.get(id) + ": " + history.get(id) + ")")
                .collect(Collectors.joining(", ", "[", ids.size() > 10 ? ", ...]" : "]"));
    }

    /** The alerts whose last event on the alert topics is not "resolved". */
    private static Set<String> openByTopic(MqttTestClient client) throws IOException {
        Map<String, JsonNode> last = new HashMap<>();
        for (MqttTestClient.Received m : client.messages("env/alerts/#")) {
            JsonNode e = JSON.readTree(m.payload());
            JsonNode known = last.get(e.get("id").asText());
            if (known == null || Instant.parse(e.get("ts").asText()).compareTo(Instant.parse(known.get("ts").asText()))
                    >= 0) {
                last.put(e.get("id").asText(), e);
            }
        }
        return last.values().stream().filter(e -> !"resolved".equals(e.get("state").asText()))
                .map(e -> e.get("id").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> openByApi(int i) throws IOException, InterruptedException {
        HttpResponse<String> r = api(i, "GET", "/api/alerts?limit=1000", null);
        if (r.statusCode() != 200) {
            return Set.of();
        }
        Set<String> ids = new TreeSet<>();
        JSON.readTree(r.body()).forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    /** The instance that evaluates an alert: the one owning its evaluation group (the default rules' groups). */
    private int ownerOf(JsonNode alert) {
        String kind = alert.get("kind").asText();
        String group = kind.equals("water") ? "water/" + alert.get("site").asText() : kind;
        for (int i = 0; i < INSTANCES; i++) {
            if (strings(cluster(i).get("groupsOwned")).contains(group)) {
                return i;
            }
        }
        throw new AssertionError("no instance owns " + group);
    }

    private HttpResponse<String> api(int i, String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[i] + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + BUREAU)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> env(int i) {
        Map<String, String> env = IngestService.env(mqtt, influx, DB, registry(), "envmon-ingest-" + i, httpPorts[i]);
        env.put("ENVMON_SPOOL_DIR", spools[i].toString());
        env.put("ENVMON_CLUSTER_ENABLED", "true");
        env.put("ENVMON_CLUSTER_HOST", "127.0.0.1");
        env.put("ENVMON_CLUSTER_PORT", String.valueOf(clusterPorts[i]));
        env.put("ENVMON_CLUSTER_MEMBERS", java.util.Arrays.stream(clusterPorts).mapToObj(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(",")));
        env.put("ENVMON_CLUSTER_FAILURE_TIMEOUT", "5s");
        env.put("ENVMON_MQTT_SHARE_GROUP", "envmon");
        env.put("ENVMON_ALERT_RULES", registry().getParent().resolve("alert-rules.yaml").toString());
        env.put("ENVMON_API_TOKENS", tokens.toString());
        env.putIfAbsent("ENVMON_JAVA_OPTS", "-Xmx384m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1");
        return env;
    }

    private boolean allUp(List<Integer> instances, int members) {
        int points = 0;
        for (int i : instances) {
            JsonNode c = cluster(i);
            if (c == null || c.get("members").size() != members) {
                return false;
            }
            points += c.get("pointsOwned").asInt();
        }
        return points == 207;
    }

    /** The survivors own every group the killed instance evaluated, and have rebuilt every unit they own. */
    private boolean takenOver(List<Integer> survivors, Set<String> groups) {
        Set<String> owned = new HashSet<>();
        for (int i : survivors) {
            JsonNode c = cluster(i);
            if (c == null || c.get("members").size() != survivors.size()
                    || metric(i, "envmon_cluster_units_evaluated") != c.get("unitsOwned").size()) {
                return false;
            }
            owned.addAll(strings(c.get("groupsOwned")));
        }
        return owned.containsAll(groups);
    }

    private int mostPoints() {
        int best = 0;
        for (int i = 1; i < INSTANCES; i++) {
            if (cluster(i).get("pointsOwned").asInt() > cluster(best).get("pointsOwned").asInt()) {
                best = i;
            }
        }
        return best;
    }

    private long stored() {
        return influx.count(DB, "SELECT count(pm25) FROM air") + influx.count(DB, "SELECT count(ph) FROM water")
                + influx.count(DB, "SELECT count(flow) FROM emission");
    }

    private JsonNode cluster(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[i]
                    + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).get("cluster");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double metric(int i, String sample) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[i] + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
            return m.find() ? Double.parseDouble(m.group(2)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String line(String report, String prefix) {
        return report.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(prefix + " ?");
    }

    private static Path registry() {
        return Path.of("..", "config", "taigu.yaml").toAbsolutePath().normalize();
    }

    private static Path scenarioDir() {
        return Path.of("..", "config", "scenarios").toAbsolutePath().normalize();
    }

    private static Path simulatorJar() {
        return Path.of(System.getProperty("envmon.simulator.jar", "target/envmon-simulator.jar"));
    }

    private static Path ingestJar() {
        return Path.of(System.getProperty("envmon.ingest.jar", "../ingest/target/envmon-ingest.jar"));
    }
}
