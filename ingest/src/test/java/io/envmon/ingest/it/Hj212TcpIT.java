package io.envmon.ingest.it;

import static io.envmon.ingest.it.Hj212Fixtures.AIR_MN;
import static io.envmon.ingest.it.Hj212Fixtures.STACK_MN;
import static io.envmon.ingest.it.Hj212Fixtures.WATER_MN;
import static io.envmon.ingest.it.Hj212Fixtures.dataTime;
import static io.envmon.ingest.it.Hj212Fixtures.packet;
import static io.envmon.ingest.it.Hj212Fixtures.qnOf;
import static io.envmon.ingest.it.Hj212Fixtures.recentMinute;
import static io.envmon.ingest.it.Hj212Fixtures.upload;
import static io.envmon.ingest.it.Hj212Fixtures.withBadCrc;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.ingest.it.Hj212Fixtures.TcpDevice;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.MqttTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HJ 212 over the TCP gateway, end to end: a plain socket as the data logger, the ingest jar with
 * ENVMON_HJ212_TCP_PORT, real Mosquitto (dead letters) and real InfluxDB 1.x.
 */
class Hj212TcpIT {

    static final Duration REPLY = Duration.ofSeconds(60);
    static IngestHarness harness;
    static int port;
    static MqttTestClient operator;

    @BeforeAll
    static void start() {
        harness = new IngestHarness(Hj212Fixtures.REGISTRY);
        harness.devicePasswords(Hj212Fixtures.PASSWORDS);
        port = FreePorts.next();
        harness.extraEnv.put("ENVMON_HJ212_TCP_PORT", String.valueOf(port));
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
        harness.assertNoBlockedEventLoop();
        harness.close();
    }

    /** InfluxDB answers whole-number floats as JSON integers. */
    static double num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    static long count(String influxql) {
        return harness.count(influxql);
    }

    @Test
    void aRealTimeFrameBecomesAReadingAndItsReplyComesOnlyAfterStorage() throws Exception {
        Instant t = recentMinute(10);
        try (TcpDevice device = new TcpDevice(port)) {
            device.write(upload("20260101000000001", "22", "2011", AIR_MN,
                    "DataTime=" + dataTime(t) + ";a34004-Rtd=35.2,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=M"));
            long[] atReply = new long[1];
            String reply = device.awaitReply(REPLY, r -> atReply[0] = count(
                    "SELECT count(pm25) FROM air WHERE station = 'S01' AND time = " + t.toEpochMilli() + "ms"));
            assertEquals(1, atReply[0], "the point must be queryable when the 9014 arrives");
            String segment = "QN=20260101000000001;ST=91;CN=9014;PW=123456;MN=" + AIR_MN + ";Flag=4;CP=&&&&";
            assertEquals(Hj212Fixtures.text(Hj212Fixtures.frame(segment)).trim(), reply);
        }
        Map<String, Object> row = harness.influx.rows(IngestHarness.DB,
                "SELECT * FROM air WHERE time = " + t.toEpochMilli() + "ms").get(0);
        assertEquals("S01", row.get("station"));
        assertEquals(35.2, num(row, "pm25"));
        assertEquals(61.0, num(row, "pm10"));
        assertEquals("M", row.get("pm10_flag"));
        assertEquals(t.toEpochMilli(), ((Number) row.get("time")).longValue());
    }

    @Test
    void anHourlyFrameLandsInTheHourMeasurement() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        try (TcpDevice device = new TcpDevice(port)) {
            device.write(upload("20260101000000002", "31", "2061", STACK_MN, "DataTime=" + dataTime(hour)
                    + ";a21026-Avg=12.5,a21026-Min=10.0,a21026-Max=15.0,a21026-Cou=0.82,a21026-ZsAvg=14.1,"
                    + "a21026-Flag=N;a34013-Avg=8.0,a34013-Flag=N"));
            assertEquals("20260101000000002", qnOf(device.awaitReply(REPLY)));
        }
        Map<String, Object> row = harness.influx.rows(IngestHarness.DB,
                "SELECT * FROM emission_hour WHERE enterprise = 'E001' AND outlet = 'DA001'").get(0);
        assertEquals(hour.toEpochMilli(), ((Number) row.get("time")).longValue());
        assertEquals(12.5, num(row, "so2_avg"));
        assertEquals(14.1, num(row, "so2_zsavg"));
        assertEquals(0.82, num(row, "so2_cou"));
        assertEquals(8.0, num(row, "particulate_avg"));
    }

    @Test
    void splitPacketsOutOfOrderAreEachAnsweredAndMakeOneRow() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        String dt = "DataTime=" + dataTime(hour) + ";";
        String[] parts = {"a21026-Avg=10.1,a21026-Flag=N;a21002-Avg=20.2,a21002-Flag=N",
            "a34013-Avg=3.3,a34013-Flag=N;a19001-Avg=9.5,a19001-Flag=N", "a00000-Avg=50.5,a00000-Cou=181800"};
        try (TcpDevice device = new TcpDevice(port)) {
            // stop-and-wait, as a Flag=7 logger does: each packet waits for its own 9014
            for (int pno : new int[] {2, 3, 1}) {
                String qn = "2026010100000010" + pno;
                device.write(packet(qn, "31", "2061", STACK_MN, 3, pno, dt + parts[pno - 1]));
                assertEquals(qn, qnOf(device.awaitReply(REPLY)));
            }
        }
        List<Map<String, Object>> rows = harness.influx.rows(IngestHarness.DB,
                "SELECT * FROM emission_hour WHERE time = " + hour.toEpochMilli() + "ms");
        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> row = rows.get(0);
        assertEquals(10.1, num(row, "so2_avg"));
        assertEquals(20.2, num(row, "nox_avg"));
        assertEquals(3.3, num(row, "particulate_avg"));
        assertEquals(9.5, num(row, "o2_avg"));
        assertEquals(50.5 * 3600, num(row, "flow_avg"), 1e-6);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.metric(
                "envmon_hj212_split_messages_total{result=\"complete\"}") >= 1);
    }

    @Test
    void coalescedFramesAndAFrameSplitAcrossWritesAreAllTaken() throws Exception {
        Instant t = recentMinute(20);
        byte[] a = upload("20260101000000201", "21", "2011", WATER_MN, "DataTime=" + dataTime(t) + ";w01009-Rtd=7.1");
        byte[] b = upload("20260101000000202", "21", "2011", WATER_MN,
                "DataTime=" + dataTime(t.plusSeconds(60)) + ";w01009-Rtd=7.2");
        String c = new String(upload("20260101000000203", "21", "2011", WATER_MN,
                "DataTime=" + dataTime(t.plusSeconds(120)) + ";w01009-Rtd=7.3"), StandardCharsets.UTF_8);
        try (TcpDevice device = new TcpDevice(port)) {
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            device.write(both);
            device.write(c.substring(0, 5).getBytes(StandardCharsets.UTF_8));
            // no wait for anything: the pauses let the parts arrive as separate reads (they may coalesce on a busy
            // machine, which the gateway handles as well)
            Thread.sleep(100);
            device.write(c.substring(5, 80).getBytes(StandardCharsets.UTF_8));
            Thread.sleep(100);
            device.write(c.substring(80).getBytes(StandardCharsets.UTF_8));
            device.awaitReplies(3, REPLY);
            assertEquals(List.of("20260101000000201", "20260101000000202", "20260101000000203"),
                    device.replies.stream().map(Hj212Fixtures::qnOf).sorted().toList());
        }
        assertEquals(3, count("SELECT count(\"do\") FROM water WHERE section = 'W01' AND time >= "
                + t.toEpochMilli() + "ms AND time <= " + t.plusSeconds(120).toEpochMilli() + "ms"));
    }

    @Test
    void aBadCrcIsDeadLetteredAndNeverAnsweredAndGarbageIsABadFrame() throws Exception {
        Instant t = recentMinute(30);
        operator.clear();
        try (TcpDevice device = new TcpDevice(port)) {
            device.write(withBadCrc(upload("20260101000000301", "22", "2011", AIR_MN,
                    "DataTime=" + dataTime(t) + ";a34004-Rtd=99")));
            device.write("##0010garbage!!ABCD\r\n".getBytes(StandardCharsets.UTF_8));
            device.write(upload("20260101000000302", "22", "2011", AIR_MN,
                    "DataTime=" + dataTime(t.plusSeconds(60)) + ";a34004-Rtd=42"));
            assertEquals("20260101000000302", qnOf(device.awaitReply(REPLY)));
            device.drain(Duration.ofSeconds(1));
            assertEquals(1, device.replies.size(), "only the good frame is answered: " + device.replies);
        }
        List<MqttTestClient.Received> letters = operator.awaitMessages("env/deadletter", 2, Duration.ofSeconds(60));
        ObjectMapper json = new ObjectMapper();
        for (MqttTestClient.Received r : letters) {
            JsonNode letter = json.readTree(r.payload());
            assertEquals("bad_frame", letter.get("reason").asText(), r.payload());
            assertTrue(letter.get("topic").asText().startsWith("tcp:127.0.0.1:"), r.payload());
        }
        assertTrue(json.readTree(letters.get(0).payload()).get("detail").asText().contains("CRC"));
        assertEquals(0, count("SELECT count(pm25) FROM air WHERE time = " + t.toEpochMilli() + "ms"));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(detail) FROM rejected WHERE reason = "
                + "'bad_frame'") >= 2);
        assertTrue(harness.metric("envmon_hj212_frames_total{outcome=\"bad_crc\",transport=\"tcp\"}") >= 1,
                harness.metrics());
    }

    @Test
    void aWrongPasswordIsRefusedAndUnansweredAndTheGaugesShowTheConnection() throws Exception {
        Instant t = recentMinute(40);
        try (TcpDevice device = new TcpDevice(port)) {
            device.write(Hj212Fixtures.frame("QN=20260101000000401;ST=31;CN=2011;PW=000000;MN=" + STACK_MN
                    + ";Flag=5;CP=&&DataTime=" + dataTime(t) + ";a21026-Rtd=12&&"));
            device.write(upload("20260101000000402", "31", "2011", STACK_MN, "DataTime=" + dataTime(t) + ";a21026-Rtd=13"));
            assertEquals("20260101000000402", qnOf(device.awaitReply(REPLY)));
            assertTrue(harness.metric("envmon_hj212_connections{state=\"identified\"}") >= 1, harness.metrics());
            device.drain(Duration.ofMillis(500));
            assertEquals(1, device.replies.size());
        }
        assertEquals(13.0, num(harness.influx.rows(IngestHarness.DB,
                "SELECT so2 FROM emission WHERE time = " + t.toEpochMilli() + "ms").get(0), "so2"));
        assertTrue(harness.metric("envmon_hj212_frames_total{outcome=\"bad_password\",transport=\"tcp\"}") >= 1);
    }
}
