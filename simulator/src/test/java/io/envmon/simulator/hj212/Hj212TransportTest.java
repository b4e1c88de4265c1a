package io.envmon.simulator.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.DecodeResult;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ReplyEncoder;
import io.envmon.hj212.mapping.DevicePasswords;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The simulated devices' HJ 212 side with a fake uplink: frames out, 9014 in, resends, and who is left out. */
class Hj212TransportTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: A1, name: a, mn: "14070301000001"}
              - {id: A2, name: b}
            enterprises:
              - id: E1
                name: e
                outlets:
                  - {id: DA001, type: stack, mn: "010000A8900016F000169DC0", hj212: {password: "654321"}}
              - id: E2
                name: f
                outlets:
                  - {id: DW001, type: wastewater}
            """, "test");

    /** Records frames; answers each with its 9014 unless told to stay silent. */
    static final class FakeUplink implements Hj212Uplink {
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile boolean silent;
        Consumer<byte[]> onReply;

        @Override
        public void open(Consumer<byte[]> replies) {
            this.onReply = replies;
        }

        @Override
        public void send(String mn, byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
            if (!silent) {
                DecodeResult r = new Hj212Codec(Hj212Config.strict()).decode(frame);
                onReply.accept(ReplyEncoder.replyFor(((DecodeResult.Decoded) r).frame()).orElseThrow());
            }
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }

    final Registry points = Hj212Devices.withMnOnly(REGISTRY);
    final FakeUplink uplink = new FakeUplink();

    Hj212Transport transport(Duration timeout) throws Exception {
        Hj212Transport t = new Hj212Transport(uplink, new Hj212Devices(points), 10, timeout, 3, Clock.systemUTC());
        t.connect();
        return t;
    }

    static byte[] json(Reading... readings) {
        ReadingCodec codec = new ReadingCodec();
        String text = readings.length == 1 ? codec.encode(readings[0]) : codec.encodeBatch(List.of(readings));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyPointsWithAnMnAreSimulated() {
        assertEquals(List.of("A1", "E1/DA001"), points.points().stream().map(MonitoredPoint::label).toList());
        assertEquals(4, REGISTRY.points().size());
    }

    @Test
    void eachReadingIsAFrameAcknowledgedByIts9014() throws Exception {
        Hj212Transport t = transport(Duration.ofSeconds(10));
        MonitoredPoint stack = points.points().get(1);
        Instant ts = Instant.parse("2026-11-28T01:59:00Z");
        CompletableFuture<Void> done = t.publish(stack, "ignored", json(new Reading(ts, Map.of("so2", 12.0)),
                new Reading(ts.plusSeconds(60), Map.of("so2", 13.0))));
        done.get(30, TimeUnit.SECONDS);
        assertEquals(2, uplink.frames.size());
        assertTrue(uplink.frames.get(0).contains(";ST=31;CN=2011;PW=654321;MN=010000A8900016F000169DC0;Flag=5;"
                + "CP=&&DataTime=20261128095900;a21026-Rtd=12,a21026-Flag=N&&"), uplink.frames.get(0));
        List<String> qns = new ArrayList<>();
        uplink.frames.forEach(f -> qns.add(f.substring(f.indexOf("QN=") + 3, f.indexOf(';'))));
        assertEquals(2, qns.stream().distinct().count(), "a QN per frame");
        assertEquals(new Hj212Transport.Totals(2, 2, 0, 0), t.totals());
        assertEquals(0, t.close(Duration.ofSeconds(1)));
    }

    @Test
    void aFrameWithoutReplyIsResentThenGivenUp() throws Exception {
        uplink.silent = true;
        Hj212Transport t = transport(Duration.ofMillis(50));
        CompletableFuture<Void> done = t.publish(points.points().get(0), "ignored",
                json(new Reading(Instant.parse("2026-11-28T01:59:00Z"), Map.of("pm25", 35.0))));
        // what had been sent when the frame was given up: not before its resends, however slow the machine
        CompletableFuture<Integer> sentWhenGivenUp = done.handle((v, e) -> uplink.frames.size());
        ExecutionException failure = assertThrows(ExecutionException.class, () -> done.get(30, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause(), failure.toString());
        assertEquals(4, sentWhenGivenUp.get(30, TimeUnit.SECONDS), "given up after the first send and 3 resends");
        assertEquals(4, uplink.frames.size(), "the first send and 3 resends");
        assertEquals(1, uplink.frames.stream().distinct().count(), "a resend is the same frame");
        assertEquals(new Hj212Transport.Totals(1, 0, 3, 1), t.totals());
        t.close(Duration.ZERO);
    }

    /** The service requires a password of every device by default: the simulator sends the deployment's. */
    @Test
    void aDeviceSendsThePasswordOfThePasswordsFileElseTheRegistrysElseTheDefault() throws Exception {
        Registry both = Hj212Devices.withMnOnly(RegistryFiles.parse("""
                air:
                  - {id: A1, name: a, mn: "14070301000001"}
                  - {id: A3, name: c, mn: "14070301000003", hj212: {password: "654321"}}
                  - {id: A4, name: d, mn: "14070301000004"}
                """, "test"));
        DevicePasswords file = DevicePasswords.parse("14070301000001 Xk3pQ9\n14070301000003 Zr8mW2\n", "test");
        Hj212Transport t = new Hj212Transport(uplink, new Hj212Devices(both, Hj212Config.DEFAULT_ZONE, file), 10,
                Duration.ofSeconds(10), 3, Clock.systemUTC());
        t.connect();
        for (MonitoredPoint p : both.points()) {
            t.publish(p, "ignored", json(new Reading(Instant.parse("2026-11-28T01:59:00Z"), Map.of("pm25", 35.0))))
                    .get(30, TimeUnit.SECONDS);
        }
        assertTrue(uplink.frames.get(0).contains(";PW=Xk3pQ9;MN=14070301000001;"), uplink.frames.get(0));
        assertTrue(uplink.frames.get(1).contains(";PW=Zr8mW2;MN=14070301000003;"), "the file wins: " + uplink.frames.get(1));
        assertTrue(uplink.frames.get(2).contains(";PW=" + Hj212Transport.DEFAULT_PASSWORD + ";MN=14070301000004;"),
                uplink.frames.get(2));
        t.close(Duration.ofSeconds(1));
    }
}
