package io.envmon.ingest.hj212;

import io.envmon.hj212.FrameEncoder;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.ReadingRecorder;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A registry with MNs, an in-memory sink and dead-letter list, and the HJ 212 store and admission on top. */
final class Hj212TestKit {

    static final String AIR_MN = "14070301501205";
    static final String WATER_MN = "14070302076511";
    static final String STACK_MN = "010000A8900016F000169DC0";
    static final String WASTE_MN = "010000A8900016F000169DC1";
    static final String URUMQI_MN = "14070301501299";

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: TG-A01, name: 太谷区政府, mn: "14070301501205"}
              - {id: TG-A02, name: 师范学院, mn: "14070301501299", hj212: {timeZone: Asia/Urumqi, units: {a34004: ng/m3}}}
              - {id: TG-A03, name: 没有MN}
            water:
              - {id: XYH-01, name: 象峪河, targetClass: II, mn: "14070302076511"}
            enterprises:
              - id: E001
                name: 某玛钢铸造有限公司
                outlets:
                  - {id: DA001, type: stack, referenceO2: 9, mn: "010000A8900016F000169DC0", hj212: {password: "123456"}}
                  - {id: DW001, type: wastewater, mn: "010000A8900016F000169DC1", hj212: {units: {flow: m3/h}}}
            """, "test");
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

    final List<StorePoint> stored = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final IngestMetrics metrics = new IngestMetrics();
    final Hj212Metrics hj212Metrics = new Hj212Metrics(metrics.meterRegistry());
    final MutableClock clock = new MutableClock(NOW);
    /** When set, writes wait for it: to see that nothing is answered before storage. */
    Promise<Void> gate;

    final ReadingSink sink = new ReadingSink() {
        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            if (gate == null) {
                stored.addAll(points);
                return Future.succeededFuture(WriteOutcome.ALL_STORED);
            }
            return gate.future().map(v -> {
                stored.addAll(points);
                return WriteOutcome.ALL_STORED;
            });
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    };

    final ReadingRecorder recorder = new ReadingRecorder(sink, d -> {
        deadLetters.add(d);
        return Future.succeededFuture();
    }, metrics, clock);
    final RecordingHj212Store store = new RecordingHj212Store(recorder, sink, Duration.ofMinutes(5), hj212Metrics,
            metrics, clock);
    final Hj212Admission admission = new Hj212Admission(new Hj212Codec(Hj212Config.lenient()),
            new Hj212Devices(REGISTRY, Hj212Config.DEFAULT_ZONE));

    Hj212FrameHandler handler(Hj212Metrics.Transport transport) {
        return new Hj212FrameHandler(transport, admission, store, Duration.ofMinutes(5), hj212Metrics, clock);
    }

    /** The MQTT path over this kit's handler, replying through {@code replies}; without the TCP gateway's services. */
    /** The value of one of the HJ 212 counters, 0 when it was never counted. */
    double count(String name, String... tags) {
        Counter c = metrics.meterRegistry().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    Hj212MqttIngress mqttIngress(String topicRoot, int maxPayloadBytes, Hj212MqttIngress.ReplyPublisher replies) {
        return new Hj212MqttIngress(topicRoot, maxPayloadBytes, handler(Hj212Metrics.Transport.MQTT), replies, metrics,
                hj212Metrics, clock, null);
    }

    List<StorePoint> rows(String measurement) {
        return stored.stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A frame around a segment: {@code ##LLLL<segment>CRC\r\n}. */
    static byte[] frame(String segment) {
        return FrameEncoder.frame(segment);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A 2017 upload segment. */
    static String upload(String qn, String st, String cn, String mn, int flag, String cp) {
        return "QN=" + qn + ";ST=" + st + ";CN=" + cn + ";PW=123456;MN=" + mn + ";Flag=" + flag + ";CP=&&" + cp + "&&";
    }
}
