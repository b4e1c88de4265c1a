package io.envmon.ingest.it;

import static io.envmon.ingest.it.Hj212Fixtures.dataTime;
import static io.envmon.ingest.it.Hj212Fixtures.frame;
import static io.envmon.ingest.it.Hj212Fixtures.qnOf;
import static io.envmon.ingest.it.Hj212Fixtures.recentMinute;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.ingest.it.Hj212Fixtures.TcpDevice;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HJ 212 device passwords, required by default (docs/hj212.md, "Device passwords"), against real Mosquitto, InfluxDB
 * and the ingest jar. The registry sets no password, as config/taigu.yaml does; the deployment's passwords file
 * (ENVMON_HJ212_PASSWORDS) gives the stack outlet one, the wastewater outlet has none. Before, any frame with a
 * registered MN was taken: an impostor's values were stored, and the real device's 9014 went to the impostor's
 * connection (the MN is bound to the newest connection that sent it).
 */
class Hj212PasswordIT {

    static final String STACK_MN = "010000A8900016F000169DC0";
    static final String WASTE_MN = "010000A8900016F000169DC1";
    static final String STACK_PW = "Tq7vR2";
    static final String REGISTRY = """
            enterprises:
              - id: E001
                name: 测试玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: 15, mn: "010000A8900016F000169DC0", limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DW001, type: wastewater, mn: "010000A8900016F000169DC1", limits: {cod: 100, nh3n: 15, ph: [6, 9]}}
            """;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static IngestHarness harness;
    static int tcpPort;
    static MqttTestClient operator;

    @BeforeAll
    static void start() {
        harness = new IngestHarness(REGISTRY);
        harness.devicePasswords("# MN PW, as deploy/mosquitto/make-passwords.sh writes them\n" + STACK_MN + "\t" + STACK_PW
                + "\n");
        tcpPort = FreePorts.next();
        harness.extraEnv.put("ENVMON_HJ212_TCP_PORT", String.valueOf(tcpPort));
        harness.startIngest();
        harness.ingest.waitForOutput("HJ 212 gateway listening", Duration.ofSeconds(30));
        operator = MqttTestClient.connect(harness.mqtt.url());
        operator.subscribe("env/deadletter");
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (harness != null) {
            harness.assertNoBlockedEventLoop();
            harness.close();
        }
    }

    static byte[] stackFrame(String qn, String pw, Instant t, double so2) {
        return frame("QN=" + qn + ";ST=31;CN=2011;PW=" + pw + ";MN=" + STACK_MN + ";Flag=5;CP=&&DataTime=" + dataTime(t)
                + ";a21026-Rtd=" + so2 + ",a21026-Flag=N&&");
    }

    double frames(String outcome) {
        return harness.metric("envmon_hj212_frames_total{outcome=\"" + outcome + "\",transport=\"tcp\"}");
    }

    @Test
    void anImpostorNeitherStoresItsValuesNorTakesTheRealDevicesReply() throws IOException {
        Instant t = recentMinute(30);
        Instant attack = recentMinute(31);
        try (TcpDevice real = new TcpDevice(tcpPort); TcpDevice impostor = new TcpDevice(tcpPort)) {
            // InfluxDB away: the real device's frame waits in storage while the impostor sends
            harness.influx.stop();
            real.write(stackFrame("20260101000000001", STACK_PW, t, 50));
            await("the real frame taken").atMost(WAIT).until(() -> frames("accepted") >= 1);
            impostor.write(stackFrame("20260101000000002", "123456", attack, 900));
            await("the impostor's frame decided").atMost(WAIT)
                    .until(() -> frames("accepted") + frames("bad_password") >= 2);
            harness.influx.start();

            assertEquals("20260101000000001", qnOf(real.awaitReply(WAIT)), "the real device's 9014, on its connection");
            impostor.drain(Duration.ofSeconds(2));
            assertEquals(List.of(), impostor.replies, "nothing for the impostor");
        }
        assertEquals(1.0, frames("bad_password"));
        await("the real value stored").atMost(WAIT).until(() -> harness.count("SELECT count(so2) FROM emission WHERE "
                + "enterprise = 'E001' AND outlet = 'DA001' AND time = " + t.toEpochMilli() + "ms") == 1);
        assertEquals(0, harness.count("SELECT count(so2) FROM emission WHERE enterprise = 'E001' AND outlet = 'DA001' "
                + "AND time = " + attack.toEpochMilli() + "ms"), "the impostor's value is not stored");
        JsonNode letter = deadLetter("tcp:", "unknown_site");
        assertTrue(letter.get("payload").asText().contains("PW=***"), "the guess is masked: " + letter);
    }

    @Test
    void aDeviceWithNoPasswordIsRefusedOnBothTransports() throws IOException {
        Instant t = recentMinute(40);
        String segment = "ST=32;CN=2011;PW=123456;MN=" + WASTE_MN + ";Flag=5;CP=&&DataTime=" + dataTime(t)
                + ";w01018-Rtd=30.5,w01018-Flag=N&&";
        try (TcpDevice logger = new TcpDevice(tcpPort)) {
            logger.write(frame("QN=20260101000000101;" + segment));
            JsonNode letter = deadLetter("tcp:", "unauthorized");
            assertTrue(letter.get("detail").asText().contains("has no password configured"), letter.toString());
            logger.drain(Duration.ofSeconds(1));
            assertEquals(List.of(), logger.replies, "a refused frame is not answered");
        }
        try (MqttTestClient device = MqttTestClient.connect(harness.mqtt.url())) {
            device.publish("env/hj212/" + WASTE_MN, frame("QN=20260101000000102;" + segment), 1, false);
            deadLetter("env/hj212/" + WASTE_MN, "unauthorized");
        }
        assertEquals(0, harness.count("SELECT count(cod) FROM emission WHERE enterprise = 'E001' AND outlet = 'DW001'"));
        assertTrue(harness.metric("envmon_hj212_frames_total{outcome=\"no_password\",transport=\"mqtt\"}") >= 1);
        assertTrue(harness.ingest.output().contains("1 of 2 HJ 212 devices have no password"),
                "the start-up warning names them");
    }

    /** Waits for a dead letter with this reason whose topic starts with {@code topicPrefix}. */
    static JsonNode deadLetter(String topicPrefix, String reason) {
        await(reason + " dead letter from " + topicPrefix).atMost(WAIT).until(() -> letters(topicPrefix).stream()
                .anyMatch(l -> l.get("reason").asText().equals(reason)));
        return letters(topicPrefix).stream().filter(l -> l.get("reason").asText().equals(reason)).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> letters(String topicPrefix) {
        return operator.messages("env/deadletter").stream().map(r -> {
            try {
                return JSON.readTree(r.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(l -> l.get("topic").asText().startsWith(topicPrefix)).toList();
    }
}
