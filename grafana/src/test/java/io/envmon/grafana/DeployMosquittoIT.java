package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.gen.MosquittoAcl;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.JavaProcess;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment's broker configuration, run for real: the Debian mosquitto started with
 * deploy/mosquitto/mosquitto.conf (container paths and ports rewritten to a temporary folder and free ports), the
 * generated ACL, and passwords made by deploy/mosquitto/make-passwords.sh. Checks that an enterprise can publish only
 * its own readings and read only its own alerts, that anonymous clients are refused on the device listener, and that
 * the simulator's listener lets anonymous clients write readings and read nothing.
 */
class DeployMosquittoIT {

    private static Path dir;
    private static Process broker;
    private static int devicePort;
    private static int simulatorPort;
    private static final Map<String, String> passwords = new HashMap<>();
    private static Registry registry;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("envmon.failsafe"), "integration test: runs under Failsafe");
        Path root = Root.path();
        Path deploy = root.resolve("deploy");
        registry = RegistryFiles.load(root.resolve("config/taigu.yaml"));
        dir = Files.createTempDirectory("envmon-deploy-mosquitto");
        Files.createDirectories(dir.resolve("data"));
        Files.copy(deploy.resolve("mosquitto/acl"), dir.resolve("acl"));
        Files.copy(deploy.resolve("mosquitto/acl-simulator"), dir.resolve("acl-simulator"));
        Process script = new ProcessBuilder("bash", deploy.resolve("mosquitto/make-passwords.sh").toString(),
                dir.resolve("acl").toString(), dir.resolve("passwd").toString(),
                dir.resolve("secrets/mqtt-passwords.txt").toString()).redirectErrorStream(true).start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, script.exitValue(), "make-passwords.sh: " + out);
        for (String line : Files.readAllLines(dir.resolve("secrets/mqtt-passwords.txt"))) {
            String[] parts = line.split("\t");
            passwords.put(parts[0], parts[1]);
        }
        assertEquals(MosquittoAcl.users(Files.readString(dir.resolve("acl"))).size(), passwords.size());
        // and a PW for every HJ 212 device of the registry, "MN<TAB>PW" as ENVMON_HJ212_PASSWORDS reads it
        Map<String, String> devicePasswords = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("secrets/hj212-passwords.txt"))) {
            if (!line.startsWith("#")) {
                String[] parts = line.split("\t");
                assertTrue(parts.length == 2 && parts[1].matches("[A-Za-z0-9]{6}"), "MN<TAB>6-character PW: " + line);
                devicePasswords.put(parts[0], parts[1]);
            }
        }
        Set<String> mns = new TreeSet<>();
        registry.points().forEach(p -> registry.mn(p).ifPresent(mns::add));
        assertEquals(mns, new TreeSet<>(devicePasswords.keySet()), "a PW for every device with an mn");

        devicePort = FreePorts.next();
        simulatorPort = FreePorts.next();
        String conf = Files.readString(deploy.resolve("mosquitto/mosquitto.conf"))
                .replace("/mosquitto/config/", dir + "/")
                .replace("/mosquitto/data/", dir.resolve("data") + "/")
                .replace("listener 1883\n", "listener " + devicePort + " 127.0.0.1\n")
                .replace("listener 1884\n", "listener " + simulatorPort + " 127.0.0.1\n")
                .replace("log_dest stdout", "log_dest file " + dir.resolve("mosquitto.log"));
        if ("root".equals(System.getProperty("user.name"))) {
            conf = "user root\n" + conf; // as root mosquitto would switch to user mosquitto, who cannot read dir
        }
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        Awaitility.await("mosquitto listening").atMost(Duration.ofSeconds(60))
                .until(() -> FreePorts.isListening(devicePort) && FreePorts.isListening(simulatorPort)
                        || !broker.isAlive());
        assertTrue(broker.isAlive(), () -> "mosquitto exited: " + read(dir.resolve("mosquitto.out"))
                + read(dir.resolve("mosquitto.log")));
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.destroy();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anEnterprisePublishesOnlyItsOwnReadingsAndReadsOnlyItsOwnAlerts() throws Exception {
        Enterprise e1 = registry.enterprises().get(0);
        Enterprise e2 = registry.enterprises().get(1);
        String mnOwn = e1.outlets().stream().map(Outlet::mn).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        String mnOther = e2.outlets().stream().map(Outlet::mn).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow();
        try (Client ingest = Client.login(devicePort, MosquittoAcl.INGEST_USER);
             Client ingestPublisher = Client.login(devicePort, MosquittoAcl.INGEST_PUBLISHER_USER);
             Client enterprise = Client.login(devicePort, MosquittoAcl.enterpriseUser(e1))) {
            ingest.subscribe("env/enterprise/#");
            ingest.subscribe("env/hj212/+");
            enterprise.subscribe("env/alerts/enterprise/" + e1.id());
            enterprise.subscribeRefused("env/alerts/enterprise/" + e2.id());
            enterprise.subscribeRefused("env/enterprise/#");

            enterprise.publish("env/enterprise/" + e1.id() + "/DA001", "own");
            enterprise.publish("env/enterprise/" + e2.id() + "/DA001", "other enterprise");
            enterprise.publish("env/hj212/" + mnOwn, "own device");
            enterprise.publish("env/hj212/" + mnOther, "other enterprise's device");
            enterprise.publish("env/air/TG-A01", "an air station");
            ingestPublisher.publish("env/alerts/enterprise/" + e1.id(), "alert for e1");
            ingestPublisher.publish("env/alerts/enterprise/" + e2.id(), "alert for e2");

            ingest.await(2);
            enterprise.await(1);
            ingest.nothingMoreArrives();
            enterprise.nothingMoreArrives();
            assertEquals(Set.of("env/enterprise/" + e1.id() + "/DA001", "env/hj212/" + mnOwn), ingest.topics());
            assertEquals(Set.of("env/alerts/enterprise/" + e1.id()), enterprise.topics());
        }
    }

    @Test
    void stationsPublishOnlyTheirOwnTopicAndOperatorsOnlyRead() throws Exception {
        try (Client ingest = Client.login(devicePort, MosquittoAcl.INGEST_USER);
             Client ingestPublisher = Client.login(devicePort, MosquittoAcl.INGEST_PUBLISHER_USER);
             Client station = Client.login(devicePort, MosquittoAcl.stationUser(registry.air().get(0)));
             Client operator = Client.login(devicePort, MosquittoAcl.OPERATOR_USER)) {
            ingest.subscribe("env/air/#");
            operator.subscribe("env/alerts/#");
            operator.subscribe("env/deadletter");
            operator.subscribeRefused("env/air/#");
            station.publish("env/air/" + registry.air().get(0).id(), "own");
            station.publish("env/air/" + registry.air().get(1).id(), "another station");
            operator.publish("env/air/" + registry.air().get(0).id(), "operator");
            ingest.publish("env/deadletter", "the subscribing account publishes nothing");
            ingestPublisher.publish("env/deadletter", "dead letter");
            ingestPublisher.publish("env/alerts/air/" + registry.air().get(0).id(), "alert");
            ingest.await(1);
            operator.await(2);
            ingest.nothingMoreArrives();
            operator.nothingMoreArrives();
            assertEquals(List.of("own"), ingest.payloads());
            assertEquals(Set.of("env/deadletter", "env/alerts/air/" + registry.air().get(0).id()), operator.topics());
            assertEquals(List.of("dead letter", "alert"), operator.payloads());
        }
    }

    /**
     * Client IDs are user names (docs/deployment.md): an account that connects with the ingest service's client ID (as the compose file sets it)
     * must not take over the service's session, which holds the readings queued for it. The broker uses each
     * account's user name as its client ID, so the intruder gets its own.
     */
    @Test
    void noAccountCanTakeTheIngestServicesSessionByItsClientId() throws Exception {
        JsonNode env = composeIngestEnvironment();
        String user = env.path("ENVMON_MQTT_USERNAME").asText();
        String clientId = env.path("ENVMON_MQTT_CLIENT_ID").asText();
        String intruderUser = MosquittoAcl.enterpriseUser(registry.enterprises().get(0));
        String station = MosquittoAcl.stationUser(registry.air().get(0));
        // the service's session as it opens it: persistent, not clean
        try (Client ingest = Client.connect(devicePort, user, passwords.get(user), clientId, false);
             Client device = Client.login(devicePort, station)) {
            ingest.subscribe("env/air/#");
            try (Client intruder = Client.connect(devicePort, intruderUser, passwords.get(intruderUser), clientId,
                    true)) {
                device.publish("env/air/" + registry.air().get(0).id(), "after the intruder connected");
                ingest.await(1, Duration.ofSeconds(5));
                assertTrue(ingest.isConnected(), "the ingest service's connection is still up");
                assertTrue(intruder.isConnected(), "the intruder got a session of its own");
            }
        }
    }

    /**
     * The ingest jar with the compose file's MQTT settings against this broker: its subscribing and its publishing
     * connection log in as their own accounts, so with client IDs bound to user names neither pushes the other off
     * (with one account for both they would, every second, for ever). It stores a reading, publishes a dead letter and
     * stays healthy.
     */
    @Test
    void theIngestServiceAsDeployedKeepsBothItsConnections() throws Exception {
        JsonNode compose = composeIngestEnvironment();
        String user = compose.path("ENVMON_MQTT_USERNAME").asText();
        String publisher = compose.path("ENVMON_MQTT_PUBLISHER_USERNAME").asText();
        int httpPort = FreePorts.next();
        String station = registry.air().get(0).id();
        try (InfluxServer influx = new InfluxServer().start();
             Client operator = Client.login(devicePort, MosquittoAcl.OPERATOR_USER);
             Client device = Client.login(devicePort, MosquittoAcl.stationUser(registry.air().get(0)))) {
            influx.createDatabase("env");
            operator.subscribe("env/deadletter");
            Map<String, String> env = new HashMap<>();
            env.put("ENVMON_MQTT_URL", "tcp://127.0.0.1:" + devicePort);
            env.put("ENVMON_MQTT_USERNAME", user);
            env.put("ENVMON_MQTT_PASSWORD", passwords.get(user));
            env.put("ENVMON_MQTT_CLIENT_ID", compose.path("ENVMON_MQTT_CLIENT_ID").asText());
            env.put("ENVMON_MQTT_PUBLISHER_USERNAME", publisher);
            env.put("ENVMON_MQTT_PUBLISHER_PASSWORD", passwords.get(publisher));
            env.put("ENVMON_INFLUX_URL", influx.url());
            env.put("ENVMON_INFLUX_API", "v1");
            env.put("ENVMON_INFLUX_BUCKET", "env");
            env.put("ENVMON_REGISTRY", Root.path().resolve("config/taigu.yaml").toString());
            env.put("ENVMON_ALERT_RULES", Root.path().resolve("config/alert-rules.yaml").toString());
            env.put("ENVMON_HTTP_PORT", String.valueOf(httpPort));
            String jar = System.getProperty("envmon.ingest.jar");
            try (JavaProcess ingest = IngestService.start(jar != null ? Path.of(jar)
                    : Root.path().resolve("ingest/target/envmon-ingest.jar"), env, Duration.ofSeconds(40))) {
                Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
                device.publish("env/air/" + station, "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": 35.2}}");
                device.publish("env/air/" + station, "not json");
                operator.await(1);
                assertTrue(operator.payloads().get(0).contains("\"reason\":\"malformed\""), operator.payloads().get(0));
                Awaitility.await("the reading stored").atMost(Duration.ofSeconds(60)).until(() -> influx.count("env",
                        "SELECT count(pm25) FROM air WHERE station = '" + station + "' AND time = "
                                + ts.toEpochMilli() + "ms") == 1);
                // connections that push each other off do so every second or two: /health would drop to 503
                Awaitility.await("healthy throughout").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                        .until(() -> health(httpPort) == 200);
                assertFalse(ingest.output().contains("MQTT connection lost"), ingest.outputTail(30));
                String brokerLog = read(dir.resolve("mosquitto.log"));
                assertFalse(brokerLog.contains("Client " + user + " already connected")
                        || brokerLog.contains("Client " + publisher + " already connected"), brokerLog);
            }
        }
    }

    @Test
    void noAnonymousNoWrongPasswordOnTheDeviceListener() {
        assertThrows(MqttException.class, () -> Client.connect(devicePort, null, null).close());
        assertThrows(MqttException.class, () -> Client.connect(devicePort, MosquittoAcl.INGEST_USER, "wrong").close());
    }

    @Test
    void theSimulatorListenerTakesAnonymousReadingsAndGivesNothing() throws Exception {
        try (Client ingest = Client.login(devicePort, MosquittoAcl.INGEST_USER);
             Client simulator = Client.connect(simulatorPort, null, null)) {
            ingest.subscribe("env/air/#");
            ingest.subscribe("env/enterprise/#");
            simulator.subscribeRefused("env/#");
            simulator.publish("env/air/TG-A01", "simulated");
            simulator.publish("env/enterprise/E001/DA001", "simulated");
            simulator.publish("env/deadletter", "not a device topic");
            ingest.publish("env/air/TG-A02", "echo");
            ingest.await(2);
            ingest.nothingMoreArrives();
            assertEquals(Set.of("env/air/TG-A01", "env/enterprise/E001/DA001"), ingest.topics());
            assertTrue(simulator.topics().isEmpty());
        }
    }

    /** The simulator's devices log in with the passwords make-passwords.sh handed out, one user per site. */
    @Test
    void theSimulatorLogsEverySiteInAsItsOwnUser() throws Exception {
        try (Client ingest = Client.login(devicePort, MosquittoAcl.INGEST_USER)) {
            ingest.subscribe("env/air/#");
            ingest.subscribe("env/water/#");
            ingest.subscribe("env/enterprise/#");
            try (JavaProcess simulator = simulator(dir.resolve("secrets/mqtt-passwords.txt"))) {
                assertEquals(0, simulator.waitFor(Duration.ofSeconds(90)), simulator.outputTail(20));
            }
            int points = registry.points().size();
            ingest.await(2 * points);
            assertEquals(points, ingest.topics().size(), "every station, section and outlet came through");
        }
    }

    @Test
    void aSiteWithAWrongPasswordStopsTheSimulatorWithItsUserNamed() throws Exception {
        Path wrong = dir.resolve("wrong-passwords.txt");
        String user = MosquittoAcl.enterpriseUser(registry.enterprises().get(0));
        Files.write(wrong, passwords.entrySet().stream()
                .map(e -> e.getKey() + "\t" + (e.getKey().equals(user) ? "not-the-password" : e.getValue())).toList());
        try (JavaProcess simulator = simulator(wrong)) {
            assertEquals(1, simulator.waitFor(Duration.ofSeconds(90)), simulator.outputTail(20));
            assertTrue(simulator.output().contains("as user " + user), simulator.outputTail(20));
        }
    }

    private static JavaProcess simulator(Path credentials) {
        String jar = System.getProperty("envmon.simulator.jar");
        Path root = Root.path();
        return JavaProcess.start(jar != null ? Path.of(jar) : root.resolve("simulator/target/envmon-simulator.jar"),
                Map.of(), "run", "--registry", root.resolve("config/taigu.yaml").toString(),
                "--mqtt-url", "tcp://127.0.0.1:" + devicePort, "--credentials", credentials.toString(),
                "--speed", "60", "--count", "2", "--quiet");
    }

    /** The ingest service's environment in deploy/docker-compose.yml. */
    private static JsonNode composeIngestEnvironment() {
        return ProvisioningTest.yaml(Root.path().resolve("deploy/docker-compose.yml"))
                .path("services").path("ingest").path("environment");
    }

    /** The first request to a freshly started service can take seconds on a loaded machine: a ceiling, not a limit. */
    private static int health(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A Paho v5 client that records what it receives. */
    private static final class Client implements AutoCloseable {
        private final MqttClient client;
        private final List<String[]> received = new CopyOnWriteArrayList<>();

        private Client(MqttClient client) {
            this.client = client;
        }

        static Client login(int port, String user) throws MqttException {
            return connect(port, user, passwords.get(user));
        }

        static Client connect(int port, String user, String password) throws MqttException {
            return connect(port, user, password, "deploy-it-" + UUID.randomUUID(), true);
        }

        static Client connect(int port, String user, String password, String clientId, boolean cleanStart)
                throws MqttException {
            MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(cleanStart);
            o.setConnectionTimeout(5);
            if (user != null) {
                o.setUserName(user);
                o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            c.connect(o);
            return new Client(c);
        }

        void subscribe(String filter) throws MqttException {
            IMqttToken token = client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                            (topic, message) -> received.add(new String[] {topic,
                                    new String(message.getPayload(), StandardCharsets.UTF_8)})});
            for (int code : token.getReasonCodes()) {
                assertTrue(code < 0x80, "subscription to " + filter + " refused: " + code);
            }
        }

        /**
         * A subscription the ACL does not allow: Mosquitto 2.0 grants it in the SUBACK and then delivers nothing on it
         * (the ACL is checked per message), which the tests check through what arrives.
         */
        void subscribeRefused(String filter) throws MqttException {
            client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                            (topic, message) -> received.add(new String[] {topic,
                                    new String(message.getPayload(), StandardCharsets.UTF_8)})});
        }

        /** Publishes with QoS 1; a refusal by the ACL is not an error here (what arrives is checked). */
        void publish(String topic, String payload) {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            try {
                client.publish(topic, m);
            } catch (MqttException refused) {
                // Mosquitto answers an unauthorised QoS 1 publication with PUBACK "not authorized" (0x87)
            }
        }

        void await(int count) {
            await(count, Duration.ofSeconds(30));
        }

        /**
         * What should not arrive has had time to: the count stays as it is for half a second (a slow machine can make
         * this miss a late message, never fail on a right one); a message arriving meanwhile fails it.
         */
        void nothingMoreArrives() {
            int now = received.size();
            Awaitility.await("no message after the " + now + " expected").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(30)).until(() -> received.size() == now);
        }

        void await(int count, Duration atMost) {
            Awaitility.await().atMost(atMost).until(() -> received.size() >= count);
        }

        boolean isConnected() {
            return client.isConnected();
        }

        Set<String> topics() {
            Set<String> out = new java.util.HashSet<>();
            received.forEach(r -> out.add(r[0]));
            return out;
        }

        List<String> payloads() {
            return received.stream().map(r -> r[1]).toList();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }
}
