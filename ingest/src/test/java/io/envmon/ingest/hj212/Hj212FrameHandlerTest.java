package io.envmon.ingest.hj212;

import static io.envmon.ingest.hj212.Hj212TestKit.AIR_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.STACK_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.URUMQI_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.WASTE_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.frame;
import static io.envmon.ingest.hj212.Hj212TestKit.text;
import static io.envmon.ingest.hj212.Hj212TestKit.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.FrameResult;
import io.envmon.hj212.Hj212Config;
import io.envmon.ingest.hj212.Hj212Metrics.Transport;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.store.StorePoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HJ 212 flow with an in-memory sink: what is stored, what is dead-lettered, what is answered, and when. */
class Hj212FrameHandlerTest {

    final Hj212TestKit kit = new Hj212TestKit();
    final Hj212FrameHandler handler = kit.handler(Transport.MQTT);

    Future<Optional<byte[]>> send(byte[] frame) {
        IncomingMessage origin = new IncomingMessage("env/hj212/x", frame, 1, 1, false, 1, Hj212TestKit.NOW);
        return handler.process(origin, handler.admit(frame));
    }

    Optional<String> reply(byte[] frame) {
        Future<Optional<byte[]>> done = send(frame);
        assertTrue(done.succeeded(), () -> String.valueOf(done.cause()));
        return done.result().map(Hj212TestKit::text);
    }

    static Instant beijing(String local) {
        return java.time.LocalDateTime.parse(local).atZone(Hj212Config.DEFAULT_ZONE).toInstant();
    }

    @Test
    void realTimeDataIsStoredLikeAJsonReadingAndAnsweredWith9014() {
        String qn = "20261128095900001";
        Optional<String> reply = reply(frame(upload(qn, "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=M")));
        StorePoint p = kit.rows("air").get(0);
        assertEquals(Map.of("station", "TG-A01"), p.tags());
        assertEquals(Map.of("pm25", 35.2, "pm10", 61.0, "pm10_flag", "M"), p.fields());
        assertEquals(beijing("2026-11-28T09:59:00").toEpochMilli(), p.time());
        String segment = "QN=" + qn + ";ST=91;CN=9014;PW=123456;MN=" + AIR_MN + ";Flag=4;CP=&&&&";
        assertEquals(text(frame(segment)), reply.orElseThrow());
        assertTrue(kit.deadLetters.isEmpty());
        assertEquals(1, kit.count("envmon.hj212.frames", "transport", "mqtt", "outcome", "accepted"));
    }

    @Test
    void theReplyWaitsForStorage() {
        kit.gate = Promise.promise();
        Future<Optional<byte[]>> done = send(frame(upload("20261128095900002", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2")));
        assertFalse(done.isComplete(), "answered before the data was stored");
        assertTrue(kit.stored.isEmpty());
        kit.gate.complete();
        assertTrue(done.succeeded());
        assertTrue(done.result().isPresent());
        assertEquals(1, kit.rows("air").size());
    }

    @Test
    void aFailedStoreIsNotAnswered() {
        kit.gate = Promise.promise();
        Future<Optional<byte[]>> done = send(frame(upload("20261128095900003", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2")));
        kit.gate.fail("sink is closed");
        assertTrue(done.failed());
    }

    @Test
    void aFrameWithoutAnswerFlagIsStoredAndNotAnswered() {
        assertTrue(reply(frame(upload("20261128095900004", "22", "2011", AIR_MN, 4,
                "DataTime=20261128095900;a34004-Rtd=35.2"))).isEmpty());
        assertEquals(1, kit.rows("air").size());
    }

    @Test
    void aBadCrcIsDeadLetteredAsBadFrameAndNeverAnswered() {
        String good = text(frame(upload("20261128095900005", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2")));
        String crc = good.substring(good.length() - 6, good.length() - 2);
        String broken = good.substring(0, good.length() - 6) + (crc.equals("0000") ? "0001" : "0000") + "\r\n";
        assertTrue(reply(broken.getBytes()).isEmpty());
        assertEquals("bad_frame", kit.deadLetters.get(0).reason().code());
        assertTrue(kit.deadLetters.get(0).detail().contains("CRC"), kit.deadLetters.get(0).detail());
        // the frame as sent, its password masked (CONTRACT §3: a dead letter never carries a secret)
        assertEquals(broken.trim().replace("PW=123456;", "PW=***;"), kit.deadLetters.get(0).payload().trim());
        assertTrue(kit.rows("air").isEmpty());
        assertEquals(1, kit.rows("rejected").size());
        assertEquals(1, kit.count("envmon.hj212.frames", "transport", "mqtt", "outcome", "bad_crc"));
    }

    @Test
    void unparseableFramesAreBadFrames() {
        assertTrue(reply("##0010garbage!!ABCD".getBytes()).isEmpty());
        assertTrue(reply(frame("QN=1;ST=22;CN=2011;PW=1;Flag=5;CP=&&DataTime=20261128095900&&")).isEmpty()); // no MN
        assertEquals(List.of("bad_frame", "bad_frame"), kit.deadLetters.stream().map(d -> d.reason().code()).toList());
    }

    @Test
    void anUnknownMnIsAnUnknownSiteAndNotAnswered() {
        assertTrue(reply(frame(upload("20261128095900006", "22", "2011", "99999999999999", 5,
                "DataTime=20261128095900;a34004-Rtd=35.2"))).isEmpty());
        assertEquals("unknown_site", kit.deadLetters.get(0).reason().code());
        assertTrue(kit.deadLetters.get(0).detail().contains("99999999999999"));
    }

    @Test
    void theRegisteredPasswordIsChecked() {
        String wrong = "QN=20261128095900007;ST=31;CN=2011;PW=000000;MN=" + STACK_MN
                + ";Flag=5;CP=&&DataTime=20261128095900;a21026-Rtd=12&&";
        assertTrue(reply(frame(wrong)).isEmpty());
        assertEquals("unknown_site", kit.deadLetters.get(0).reason().code());
        assertFalse(kit.deadLetters.get(0).detail().contains("000000"), "the wrong password is not echoed");
        assertTrue(reply(frame(upload("20261128095900008", "31", "2011", STACK_MN, 5,
                "DataTime=20261128095900;a21026-Rtd=12"))).isPresent());
        assertEquals(1, kit.rows("emission").size());
    }

    @Test
    void hourlyDataGoesToTheHourMeasurementAtTheStartOfTheHour() {
        Optional<String> reply = reply(frame(upload("20261128090500001", "31", "2061", STACK_MN, 5,
                "DataTime=20261128080000;a21026-Avg=12.5,a21026-Min=10,a21026-Max=15,a21026-Cou=0.82,"
                        + "a21026-ZsAvg=14.1,a21026-Flag=N;a00000-Avg=12.5,a00000-Cou=45000,a00000-Flag=D")));
        assertTrue(reply.isPresent());
        StorePoint p = kit.rows("emission_hour").get(0);
        assertEquals(Map.of("enterprise", "E001", "outlet", "DA001"), p.tags());
        assertEquals(beijing("2026-11-28T08:00:00").toEpochMilli(), p.time());
        assertEquals(12.5, p.fields().get("so2_avg"));
        assertEquals(10.0, p.fields().get("so2_min"));
        assertEquals(15.0, p.fields().get("so2_max"));
        assertEquals(0.82, p.fields().get("so2_cou"));
        assertEquals(14.1, p.fields().get("so2_zsavg"));
        assertEquals(12.5 * 3600, (Double) p.fields().get("flow_avg"), 1e-9); // m³/s → m³/h
        assertEquals(45000.0, p.fields().get("flow_cou")); // cumulative, as sent
        assertEquals("D", p.fields().get("flow_flag"));
        assertFalse(p.fields().containsKey("so2_flag"));
        assertEquals(1, kit.count("envmon.hj212.aggregates.stored", "period", "hour"));
        assertTrue(kit.rows("emission").isEmpty());
    }

    @Test
    void minuteAndDailyDataHaveTheirOwnMeasurements() {
        reply(frame(upload("20261128095000001", "32", "2051", WASTE_MN, 5,
                "DataTime=20261128094000;w01018-Avg=31.5;w00000-Avg=20")));
        reply(frame(upload("20261128010000001", "32", "2031", WASTE_MN, 5,
                "DataTime=20261127000000;w01018-Avg=30.1")));
        assertEquals(31.5, kit.rows("emission_minute").get(0).fields().get("cod_avg"));
        assertEquals(20.0, kit.rows("emission_minute").get(0).fields().get("flow_avg"), "unit override m3/h");
        assertEquals(beijing("2026-11-27T00:00:00").toEpochMilli(), kit.rows("emission_day").get(0).time());
    }

    @Test
    void convertedRealTimeValuesAreKeptBesideTheReading() {
        reply(frame(upload("20261128095900009", "31", "2011", STACK_MN, 5,
                "DataTime=20261128095900;a34013-Rtd=8.1,a34013-ZsRtd=9.7;a19001-Rtd=10.2")));
        assertEquals(Map.of("particulate", 8.1, "o2", 10.2), kit.rows("emission").get(0).fields());
        StorePoint zs = kit.rows("emission_zs").get(0);
        assertEquals(Map.of("particulate", 9.7), zs.fields());
        assertEquals(kit.rows("emission").get(0).time(), zs.time());
        assertEquals(kit.rows("emission").get(0).tags(), zs.tags());
    }

    @Test
    void unknownCodesAreKeptInHj212Unmapped() {
        reply(frame(upload("20261128095900010", "31", "2011", STACK_MN, 5,
                "DataTime=20261128095900;a34013-Rtd=8.1;a99999-Rtd=1.5,a99999-Flag=N;a21026-Rtd=abc")));
        assertEquals(Map.of("particulate", 8.1), kit.rows("emission").get(0).fields());
        List<StorePoint> unmapped = kit.rows("hj212_unmapped");
        assertEquals(2, unmapped.size());
        StorePoint vendor = unmapped.stream().filter(p -> p.tags().get("code").equals("a99999")).findFirst().orElseThrow();
        assertEquals(Map.of("enterprise", "E001", "outlet", "DA001", "mn", STACK_MN, "cn", "2011", "code", "a99999"),
                vendor.tags());
        assertEquals(Map.of("Rtd", "1.5", "Flag", "N"), vendor.fields());
        StorePoint notANumber = unmapped.stream().filter(p -> p.tags().get("code").equals("a21026")).findFirst()
                .orElseThrow();
        assertEquals("abc", notANumber.fields().get("Rtd"));
        assertTrue(((String) notANumber.fields().get("problem")).contains("not a number"));
        assertTrue(kit.deadLetters.isEmpty());
    }

    @Test
    void frameWithoutMonitoringDataKeepsItsCodesAndPlainFields() {
        reply(frame(upload("20261128095900011", "32", "2021", WASTE_MN, 5, "DataTime=20261128095900;SB1-RS=1")));
        reply(frame(upload("20261128095900012", "32", "2081", WASTE_MN, 5, "RestartTime=20261128095000")));
        List<StorePoint> rows = kit.rows("hj212_unmapped");
        assertEquals(Map.of("RS", "1"), rows.get(0).fields());
        assertEquals("SB1", rows.get(0).tags().get("code"));
        assertEquals(Map.of("RestartTime", "20261128095000"), rows.get(1).fields());
        assertFalse(rows.get(1).tags().containsKey("code"));
        assertEquals(Hj212TestKit.NOW.toEpochMilli(), rows.get(1).time(), "no DataTime: the arrival time");
    }

    @Test
    void rejectedContentIsDeadLetteredAndStillAnswered() {
        assertTrue(reply(frame(upload("20261128095900013", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=-5"))).isPresent());
        assertTrue(reply(frame(upload("20261128095900014", "22", "2011", AIR_MN, 5,
                "DataTime=20991128095900;a34004-Rtd=5"))).isPresent());
        assertTrue(reply(frame(upload("20261128095900015", "22", "2011", AIR_MN, 5, "a34004-Rtd=5"))).isPresent());
        assertTrue(reply(frame(upload("20261128095900016", "31", "2061", STACK_MN, 5,
                "DataTime=20261128080000;a21026-Avg=-3"))).isPresent());
        assertEquals(List.of("out_of_range", "bad_timestamp", "bad_timestamp", "out_of_range"),
                kit.deadLetters.stream().map(d -> d.reason().code()).toList());
        assertTrue(kit.rows("air").isEmpty());
        assertTrue(kit.rows("emission_hour").isEmpty());
    }

    @Test
    void aTimeCalibrationRequestIsAnsweredWith9013() {
        Optional<String> reply = reply(frame(upload("20261128095900017", "22", "1013", AIR_MN, 5, "")));
        assertEquals(text(frame("QN=20261128095900017;ST=91;CN=9013;PW=123456;MN=" + AIR_MN + ";Flag=4;CP=&&&&")),
                reply.orElseThrow());
        assertEquals("9013", Hj212FrameHandler.replyCn(((Hj212Admission.Admitted) handler.admit(
                frame(upload("1", "22", "1013", AIR_MN, 5, "")))).frame()));
    }

    @Test
    void hj212V2025AndV2005FramesGetTheirOwnReplyForms() {
        String r2025 = reply(frame(upload("20261128095900018", "22", "2011", AIR_MN, 9,
                "DataTime=20261128095900;a34004-Rtd=35"))).orElseThrow();
        assertTrue(r2025.contains(";CN=9014;PW=123456;MN=" + AIR_MN + ";Flag=8;CP=&&&&"), r2025);
        String r2005 = reply(frame("ST=32;CN=2011;PW=123456;MN=" + WASTE_MN + ";Flag=1;CP=&&DataTime=20261128095900;"
                + "011-Rtd=30.5&&")).orElseThrow();
        assertTrue(r2005.contains("ST=91;CN=9014;PW=123456;MN=" + WASTE_MN + ";CP=&&CN=2011&&"), r2005);
        assertEquals(30.5, kit.rows("emission").get(0).fields().get("cod"));
    }

    @Test
    void theDevicesZoneAndUnitsFromTheRegistryAreUsed() {
        reply(frame(upload("20261128075900001", "22", "2011", URUMQI_MN, 5,
                "DataTime=20261128075900;a34004-Rtd=35000")));
        StorePoint p = kit.rows("air").get(0);
        assertEquals(java.time.LocalDateTime.parse("2026-11-28T07:59:00").atZone(java.time.ZoneId.of("Asia/Urumqi"))
                .toInstant().toEpochMilli(), p.time());
        assertEquals(35.0, p.fields().get("pm25"), "ng/m³ → µg/m³");
    }

    @Test
    void splitPacketsAreEachStoredAndAnsweredInAnyOrder() {
        String base = "ST=31;CN=2061;PW=123456;MN=" + STACK_MN + ";Flag=7;PNUM=3;";
        String[] parts = {
            "a21026-Avg=10.1,a21026-Flag=N;a21002-Avg=20.2",
            "a34013-Avg=3.3;a19001-Avg=9.5",
            "a00000-Avg=50.5,a00000-Cou=181800",
        };
        for (int pno : new int[] {3, 1, 2}) {
            String qn = "2026112809050000" + pno;
            String reply = reply(frame("QN=" + qn + ";" + base + "PNO=" + pno + ";CP=&&DataTime=20261128080000;"
                    + parts[pno - 1] + "&&")).orElseThrow();
            assertTrue(reply.contains("QN=" + qn + ";ST=91;CN=9014;"), reply);
            assertTrue(reply.contains(";Flag=4;"), "no split bit in the reply: " + reply);
        }
        List<StorePoint> rows = kit.rows("emission_hour");
        assertEquals(3, rows.size());
        assertEquals(1, rows.stream().map(StorePoint::time).distinct().count(), "one DataTime: one row in InfluxDB");
        assertEquals(1, rows.stream().map(StorePoint::tags).distinct().count());
        assertEquals(Map.of("so2_avg", 10.1, "nox_avg", 20.2), rows.get(1).fields());
        assertEquals(1, kit.count("envmon.hj212.split.messages", "result", "complete"));
    }

    @Test
    void anIncompleteSplitMessageIsCountedAfterTheTimeout() {
        reply(frame("QN=1;ST=31;CN=2061;PW=123456;MN=" + STACK_MN + ";Flag=7;PNUM=2;PNO=1;"
                + "CP=&&DataTime=20261128080000;a21026-Avg=10.1&&"));
        assertEquals(1, handler.pendingSplits());
        kit.clock.advance(java.time.Duration.ofSeconds(299));
        handler.expireSplits();
        assertEquals(1, handler.pendingSplits());
        kit.clock.advance(java.time.Duration.ofSeconds(1));
        handler.expireSplits();
        assertEquals(0, handler.pendingSplits());
        assertEquals(1, kit.count("envmon.hj212.split.messages", "result", "incomplete"));
        assertEquals(1, kit.rows("emission_hour").size(), "the packet that came is stored");
    }

    @Test
    void framingErrorsAreBadFrames() {
        FrameDecoder decoder = new FrameDecoder(Hj212Config.lenient());
        List<FrameResult> results = decoder.feed("##12ab\r\n".getBytes());
        FrameResult.FramingError error = (FrameResult.FramingError) results.get(0);
        Future<Void> done = handler.framingError(new IncomingMessage("tcp:127.0.0.1:5555", error.excerpt(), 0, 0,
                false, 1, Hj212TestKit.NOW), error);
        assertTrue(done.succeeded());
        assertEquals("bad_frame", kit.deadLetters.get(0).reason().code());
        assertEquals("tcp:127.0.0.1:5555", kit.deadLetters.get(0).topic());
        assertTrue(kit.deadLetters.get(0).detail().contains("bad_length_field"), kit.deadLetters.get(0).detail());
    }
}
