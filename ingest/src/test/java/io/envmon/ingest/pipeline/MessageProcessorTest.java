package io.envmon.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.RejectReason;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions of the pipeline, with an in-memory sink and dead-letter publisher (no broker, no database). */
class MessageProcessorTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: TG-A01, name: 太谷区监测站}
            water:
              - {id: XYH-01, name: 象峪河断面, river: 象峪河, targetClass: III}
            enterprises:
              - id: E001
                name: 某玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, limits: {particulate: 30}}
                  - {id: DW001, type: wastewater, limits: {cod: 50, ph: [6, 9]}}
            """, "test");
    static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    final List<StorePoint> stored = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final IngestMetrics metrics = new IngestMetrics();
    Map<Integer, String> refuse = Map.of();

    final ReadingSink sink = new ReadingSink() {
        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            for (int i = 0; i < points.size(); i++) {
                if (!refuse.containsKey(i) || points.get(i).measurement().equals("rejected")) {
                    stored.add(points.get(i));
                }
            }
            return Future.succeededFuture(points.get(0).measurement().equals("rejected")
                    ? WriteOutcome.ALL_STORED : new WriteOutcome(refuse));
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    };

    final MessageProcessor processor = processor(1024);

    /** The service's JSON path (as IngestWiring wires it) over this test's sink and dead-letter list. */
    private MessageProcessor processor(int maxPayloadBytes) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DeadLetterPublisher publisher = d -> {
            deadLetters.add(d);
            return Future.succeededFuture();
        };
        return new MessageProcessor(new JsonMessageDecoder("env", REGISTRY, maxPayloadBytes,
                new ReadingValidator(Duration.ofMinutes(5)), metrics, clock),
                new ReadingRecorder(sink, publisher, metrics, clock), metrics);
    }

    void process(String topic, String payload) {
        Future<Void> done = processor.process(new IncomingMessage(topic, payload.getBytes(StandardCharsets.UTF_8),
                1, 1, false, 1, NOW));
        assertTrue(done.succeeded(), () -> String.valueOf(done.cause()));
    }

    List<StorePoint> readings() {
        return stored.stream().filter(p -> !p.measurement().equals("rejected")).toList();
    }

    List<StorePoint> rejectedRows() {
        return stored.stream().filter(p -> p.measurement().equals("rejected")).toList();
    }

    @Test
    void aValidReadingBecomesOnePointWithTheContractsTagsFieldsAndTimestamp() {
        process("env/air/TG-A01", """
                {"ts": "2026-11-28T08:00:00+08:00", "values": {"pm25": 35.2, "pm10": 61.0}, "flags": {"pm10": "M", "pm25": "N"}, "seq": 7}""");
        StorePoint p = readings().get(0);
        assertEquals("air", p.measurement());
        assertEquals(Map.of("station", "TG-A01"), p.tags());
        assertEquals(Map.of("pm25", 35.2, "pm10", 61.0, "pm10_flag", "M"), p.fields());
        assertEquals(Instant.parse("2026-11-28T00:00:00Z").toEpochMilli(), p.time());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void enterpriseReadingsAreTaggedWithEnterpriseAndOutlet() {
        process("env/enterprise/E001/DW001", "{\"ts\": 1764288000000, \"values\": {\"cod\": 31.5, \"ph\": 7.2}}");
        StorePoint p = readings().get(0);
        assertEquals("emission", p.measurement());
        assertEquals(Map.of("enterprise", "E001", "outlet", "DW001"), p.tags());
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed         | env/air/TG-A01              | not json
            malformed         | env/air/TG-A01              | {"ts": 1764288000000, "values": {}}
            malformed         | env/air/TG-A01              | {"ts": 1764288000000, "values": {"pm25": "35"}}
            malformed         | env/air/TG-A01              | {"values": {"pm25": 35}}
            malformed         | env/air/TG-A01              | [1, 2]
            bad_topic         | env/air                     | {}
            bad_topic         | env/air/TG-A01/extra        | {}
            bad_topic         | env/enterprise/E001         | {}
            bad_topic         | env/air/bad id              | {}
            unknown_site      | env/air/TG-A99              | {}
            unknown_site      | env/enterprise/E001/DA999   | {}
            unknown_site      | env/water/TG-A01            | {}
            unknown_parameter | env/air/TG-A01              | {"ts": 1764288000000, "values": {"pm2.5": 35}}
            unknown_parameter | env/enterprise/E001/DW001   | {"ts": 1764288000000, "values": {"nox": 35}}
            unknown_parameter | env/air/TG-A01              | {"ts": 1764288000000, "values": {"pm25": 35}, "flags": {"benzene": "M"}}
            out_of_range      | env/air/TG-A01              | {"ts": 1764288000000, "values": {"pm25": -1}}
            out_of_range      | env/water/XYH-01            | {"ts": 1764288000000, "values": {"ph": 14.5}}
            out_of_range      | env/air/TG-A01              | {"ts": 1764288000000, "values": {"pm25": 1e400}}
            bad_timestamp     | env/air/TG-A01              | {"ts": "yesterday", "values": {"pm25": 35}}
            bad_timestamp     | env/air/TG-A01              | {"ts": "2026-11-28T08:00:00", "values": {"pm25": 35}}
            bad_timestamp     | env/air/TG-A01              | {"ts": "2026-11-28T00:06:00Z", "values": {"pm25": 35}}
            """)
    void everyRejectionIsDeadLetteredRecordedAndCounted(String reason, String topic, String payload) {
        process(topic, payload);
        assertTrue(readings().isEmpty());
        assertEquals(1, deadLetters.size());
        DeadLetter d = deadLetters.get(0);
        assertEquals(reason, d.reason().code(), d.detail());
        assertEquals(topic, d.topic());
        assertEquals(payload, d.payload());
        assertNull(d.index());
        assertEquals(1, rejectedRows().size());
        assertEquals(Map.of("reason", reason), rejectedRows().get(0).tags());
        assertEquals(1.0, metrics.rejectedCount(d.reason()));
    }

    @Test
    void anOversizedPayloadIsRejectedAsTooLargeWithAnExcerpt() {
        String payload = "{\"ts\": 1764288000000, \"values\": {\"pm25\": 35}, \"pad\": \"" + "x".repeat(2000) + "\"}";
        process("env/air/TG-A01", payload);
        assertEquals(RejectReason.TOO_LARGE, deadLetters.get(0).reason());
        assertTrue(deadLetters.get(0).payload().length() <= DeadLetterCodec.PAYLOAD_EXCERPT_BYTES);
    }

    @Test
    void inABatchEachReadingIsJudgedOnItsOwnAndValidOnesAreStored() {
        process("env/air/TG-A01", """
                {"readings": [
                  {"ts": 1764288000000, "values": {"pm25": 30}},
                  {"ts": "never", "values": {"pm25": 31}},
                  {"ts": 1764288060000, "values": {"pm25": 32}},
                  {"ts": 1764288120000, "values": {"pm25": -5}}
                ]}""");
        assertEquals(2, readings().size());
        assertEquals(List.of(1, 3), deadLetters.stream().map(DeadLetter::index).toList());
        assertEquals(List.of(RejectReason.BAD_TIMESTAMP, RejectReason.OUT_OF_RANGE),
                deadLetters.stream().map(DeadLetter::reason).toList());
    }

    @Test
    void aBatchOfMoreThanAThousandReadingsIsMalformed() {
        StringBuilder batch = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < 1001; i++) {
            batch.append(i == 0 ? "" : ",").append("{}");
        }
        MessageProcessor roomy = processor(65536);
        roomy.process(new IncomingMessage("env/air/TG-A01", batch.append("]}").toString().getBytes(StandardCharsets.UTF_8),
                1, 1, false, 1, NOW));
        assertEquals(RejectReason.MALFORMED, deadLetters.get(0).reason());
        assertTrue(deadLetters.get(0).detail().contains("1001"));
    }

    @Test
    void aPointTheDatabaseRefusesIsDeadLetteredAsStoreRejected() {
        refuse = Map.of(1, "partial write: field type conflict");
        process("env/air/TG-A01", """
                {"readings": [{"ts": 1764288000000, "values": {"pm25": 30}}, {"ts": 1764288060000, "values": {"pm25": 31}}]}""");
        assertEquals(1, readings().size());
        assertEquals(RejectReason.STORE_REJECTED, deadLetters.get(0).reason());
        assertEquals(1, deadLetters.get(0).index());
        assertTrue(deadLetters.get(0).detail().contains("field type conflict"));
    }
}
