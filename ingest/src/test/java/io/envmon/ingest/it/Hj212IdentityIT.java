package io.envmon.ingest.it;

import static io.envmon.ingest.it.Hj212Fixtures.dataTime;
import static io.envmon.ingest.it.Hj212Fixtures.qnOf;
import static io.envmon.ingest.it.Hj212Fixtures.recentMinute;
import static io.envmon.ingest.it.Hj212Fixtures.upload;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity (docs/hj212.md, "Transports"; {@code unauthorized} in docs/contract.md): an enterprise must not write another enterprise's data by putting the other's MN into its
 * HJ 212 frames. Over MQTT the broker's ACL vouches only for the topic, so the frame's MN must be the topic's; over
 * TCP a connection belongs to the account (enterprise, station, section) of its first admitted frame. Anything else
 * is dead-lettered {@code unauthorized}, never stored, never answered. Real Mosquitto, InfluxDB and ingest jar.
 */
class Hj212IdentityIT {

    static final String E1_STACK_MN = "010000A8900016F000169DC0";
    static final String E1_WASTE_MN = "010000A8900016F000169DC1";
    static final String E2_STACK_MN = "010000A8900016F000169DD2";
    static final String REGISTRY = """
            enterprises:
              - id: E001
                name: 测试玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: 15, mn: "010000A8900016F000169DC0", limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DW001, type: wastewater, mn: "010000A8900016F000169DC1", limits: {cod: 100, nh3n: 15, ph: [6, 9]}}
              - id: E002
                name: 测试砖瓦有限公司
                industry: brick_kiln
                outlets:
                  - {id: DA002, type: stack, referenceO2: 8.6, mn: "010000A8900016F000169DD2", limits: {particulate: 30, so2: 300, nox: 200}}
            """;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static IngestHarness harness;
    static int tcpPort;
    static MqttTestClient device;
    static MqttTestClient operator;

    @BeforeAll
    static void start() {
        harness = new IngestHarness(REGISTRY);
        harness.devicePasswords(E1_STACK_MN + " 123456\n" + E1_WASTE_MN + " 123456\n" + E2_STACK_MN + " 123456\n");
        tcpPort = FreePorts.next();
        harness.extraEnv.put("ENVMON_HJ212_TCP_PORT", String.valueOf(tcpPort));
        harness.startIngest();
        harness.ingest.waitForOutput("HJ 212 gateway listening", Duration.ofSeconds(30));
        device = MqttTestClient.connect(harness.mqtt.url());
        device.subscribe("env/hj212/+/down");
        operator = MqttTestClient.connect(harness.mqtt.url());
        operator.subscribe("env/deadletter");
    }

    @AfterAll
    static void stop() {
        for (MqttTestClient c : new MqttTestClient[] {device, operator}) {
            if (c != null) {
                c.close();
            }
        }
        if (harness != null) {
            harness.assertNoBlockedEventLoop();
            harness.close();
        }
    }

    @Test
    void anotherEnterprisesFramesOnAnEnterprisesTopicAreUnauthorizedAndTheOwnFramesAllStored() {
        String topic = "env/hj212/" + E1_STACK_MN;
        int rounds = 10;
        // the attack's minutes: 20..29 minutes ago, E001's own frames at the same minutes (another series)
        for (int i = 0; i < rounds; i++) {
            Instant t = recentMinute(20 + i);
            device.publish(topic, stackFrame("202601010000001" + pad(i), E1_STACK_MN, t, 50), 1, false);
            device.publish(topic, stackFrame("202601010000002" + pad(i), E2_STACK_MN, t, 900), 1, false);
        }

        List<JsonNode> letters = deadLetters(rounds, "env/hj212/");
        await("E001's frames stored").atMost(WAIT).until(() -> harness.count(
                "SELECT count(so2) FROM emission WHERE enterprise = 'E001' AND outlet = 'DA001' AND time >= "
                        + recentMinute(29).toEpochMilli() + "ms AND time <= " + recentMinute(20).toEpochMilli() + "ms")
                == rounds);
        for (JsonNode letter : letters) {
            assertEquals("unauthorized", letter.get("reason").asText(), letter.toString());
            assertEquals(topic, letter.get("topic").asText(), letter.toString());
            assertTrue(letter.get("detail").asText().contains(E2_STACK_MN), letter.toString());
            assertTrue(letter.get("payload").asText().contains("MN=" + E2_STACK_MN), letter.toString());
        }
        assertEquals(List.of(), e002Rows(recentMinute(29), recentMinute(20)), "nothing of E002 stored");
        assertEquals(rounds, device.awaitMessages(topic + "/down", rounds, WAIT).size(), "E001's frames answered");
        assertEquals(List.of(), device.messages("env/hj212/" + E2_STACK_MN + "/down"), "E002's frames not answered");
        assertTrue(harness.metric("envmon_readings_rejected_total{reason=\"unauthorized\"}") >= rounds);

        // the control: E002's own frame on its own topic is E002's data
        Instant own = recentMinute(50);
        device.publish("env/hj212/" + E2_STACK_MN, stackFrame("20260101000000300", E2_STACK_MN, own, 60), 1, false);
        await("E002's own frame stored").atMost(WAIT).until(() -> e002Rows(own, own).size() == 1);
    }

    @Test
    void aGatewayConnectionThatSwitchesToAnotherEnterprisesMnIsRefusedForThatFrame() throws IOException {
        Instant first = recentMinute(40);
        Instant attack = recentMinute(41);
        Instant third = recentMinute(42);
        try (TcpDevice logger = new TcpDevice(tcpPort)) {
            logger.write(stackFrame("20260101000000401", E1_STACK_MN, first, 50));
            assertEquals("20260101000000401", qnOf(logger.awaitReply(WAIT)));
            logger.write(stackFrame("20260101000000402", E2_STACK_MN, attack, 900));
            // another outlet of the same enterprise on the same connection is fine (one logger, several MNs)
            logger.write(upload("20260101000000403", "32", "2011", E1_WASTE_MN,
                    "DataTime=" + dataTime(third) + ";w01018-Rtd=30.5,w01018-Flag=N"));
            assertEquals("20260101000000403", qnOf(logger.awaitReply(WAIT)), "the refused frame got no reply");

            JsonNode letter = deadLetters(1, "tcp:").get(0);
            assertEquals("unauthorized", letter.get("reason").asText(), letter.toString());
            assertTrue(letter.get("topic").asText().startsWith("tcp:127.0.0.1:"), letter.toString());
            assertTrue(letter.get("detail").asText().contains(E2_STACK_MN), letter.toString());
        }
        assertEquals(List.of(), e002Rows(attack, attack), "nothing of E002 stored");
        assertEquals(1, harness.count("SELECT count(cod) FROM emission WHERE enterprise = 'E001' AND outlet = 'DW001'"
                + " AND time = " + third.toEpochMilli() + "ms"));

        // the control: E002's own logger on its own connection is E002's
        Instant own = recentMinute(51);
        try (TcpDevice logger = new TcpDevice(tcpPort)) {
            logger.write(stackFrame("20260101000000404", E2_STACK_MN, own, 60));
            assertEquals("20260101000000404", qnOf(logger.awaitReply(WAIT)));
        }
        assertEquals(1, e002Rows(own, own).size());
    }

    /** A real-time stack frame (CN=2011) asking for a reply, with an SO2 value. */
    static byte[] stackFrame(String qn, String mn, Instant t, double so2) {
        return upload(qn, "31", "2011", mn, "DataTime=" + dataTime(t) + ";a21026-Rtd=" + so2 + ",a21026-Flag=N");
    }

    static String pad(int i) {
        return String.format("%02d", i);
    }

    /** Every row of any measurement tagged enterprise E002 between two instants (inclusive). */
    static List<Map<String, Object>> e002Rows(Instant from, Instant to) {
        return harness.influx.rows(IngestHarness.DB, "SELECT * FROM /.*/ WHERE enterprise = 'E002' AND time >= "
                + from.toEpochMilli() + "ms AND time <= " + to.toEpochMilli() + "ms");
    }

    /** Waits for {@code count} dead letters whose topic starts with {@code topicPrefix}; returns them parsed. */
    static List<JsonNode> deadLetters(int count, String topicPrefix) {
        await("dead letters from " + topicPrefix).atMost(WAIT).until(() -> letters(topicPrefix).size() >= count);
        return letters(topicPrefix);
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
