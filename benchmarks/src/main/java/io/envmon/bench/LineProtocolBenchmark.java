package io.envmon.bench;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.pipeline.JsonMessageDecoder;
import io.envmon.ingest.pipeline.PointMapper;
import io.envmon.ingest.pipeline.ReadingValidator;
import io.envmon.ingest.pipeline.CheckedMessage;
import io.envmon.ingest.store.LineProtocol;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingest path of one JSON device message up to the text sent to InfluxDB, with the service's own public
 * classes: {@link JsonMessageDecoder#decode} (size, topic, registry, {@code ReadingCodec}, {@link ReadingValidator})
 * → {@link PointMapper#reading} (the CONTRACT §4 schema, a {@link StorePoint}) → {@link LineProtocol#append},
 * which {@code InfluxPointWriter.write} uses to build one request body per batch. Left out: the MQTT callback, the
 * batching sink and the HTTP request.
 *
 * <ul>
 *   <li>{@link #oneReading}: {@code {"ts":"2026-01-05T08:00:00Z","values":{"pm25":35.2,"pm10":60.1}}} on
 *       {@code env/air/P-1}.</li>
 *   <li>{@link #batchOf50}: one message {@code {"readings":[…]}} of 50 such readings (CONTRACT §2 batches),
 *       divide by 50 for the cost per reading.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LineProtocolBenchmark {

    private static final String TOPIC = "env/air/P-1";
    private static final Instant TS = Instant.parse("2026-01-05T08:00:00Z");

    private JsonMessageDecoder decoder;
    private final PointMapper mapper = new PointMapper();
    private IncomingMessage one;
    private IncomingMessage fifty;

    @Setup
    public void setUp() {
        // the service's defaults: topic root env, 64 KiB payloads, 5 min clock skew; the clock 3 s after the readings
        Clock clock = Clock.fixed(TS.plusSeconds(3), ZoneOffset.UTC);
        decoder = new JsonMessageDecoder("env", SyntheticDistrict.air(10).registry(), 65_536,
                new ReadingValidator(Duration.ofMinutes(5)), new IngestMetrics(), clock);
        one = message("{\"ts\":\"" + TS + "\",\"values\":{\"pm25\":35.2,\"pm10\":60.1}}");
        StringJoiner batch = new StringJoiner(",", "{\"readings\":[", "]}");
        for (int i = 0; i < 50; i++) {
            // the batch of a data logger catching up: 50 minutes, the newest at TS
            batch.add("{\"ts\":\"" + TS.minusSeconds(60L * (49 - i)) + "\",\"values\":{\"pm25\":" + (30 + i * 0.1)
                    + ",\"pm10\":" + (55 + i * 0.2) + "}}");
        }
        fifty = message(batch.toString());
        check(oneReading(), 1);
        check(batchOf50(), 50);
    }

    @Benchmark
    public String oneReading() {
        return lineProtocol(decoder.decode(one));
    }

    @Benchmark
    public String batchOf50() {
        return lineProtocol(decoder.decode(fifty));
    }

    private String lineProtocol(CheckedMessage sorted) {
        StringBuilder body = new StringBuilder(64 * sorted.accepted().size());
        for (Reading reading : sorted.accepted()) {
            LineProtocol.append(body, mapper.reading(sorted.point(), reading));
        }
        return body.toString();
    }

    private static IncomingMessage message(String json) {
        return new IncomingMessage(TOPIC, json.getBytes(StandardCharsets.UTF_8), 1, 1, false, 1, TS.plusSeconds(3));
    }

    /** Fails the set-up if the messages would be rejected: a benchmark of the dead-letter path would mislead. */
    private static void check(String lines, int expected) {
        long count = lines.isEmpty() ? 0 : lines.lines().count();
        if (count != expected) {
            throw new IllegalStateException("expected " + expected + " lines of line protocol, got " + count + ": " + lines);
        }
        System.out.printf("%n# %d line(s), the first: %s%n", count, lines.lines().findFirst().orElse(""));
    }
}
