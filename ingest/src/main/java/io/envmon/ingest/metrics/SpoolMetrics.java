package io.envmon.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The durable spool's meters on {@code /metrics} (docs/operations.md#the-durable-spool): what it holds, what went in
 * and out, and whether it is full (the alert-worthy one).
 */
public final class SpoolMetrics {

    private final Counter appendedRecords;
    private final Counter appendedPoints;
    private final Counter drainedRecords;
    private final Counter drainedPoints;
    private final Counter refusedPoints;
    private final Counter fills;
    private final Timer append;

    public SpoolMetrics(MeterRegistry registry, LongSupplier records, LongSupplier bytes, long maxBytes,
                        BooleanSupplier full) {
        Gauge.builder("envmon.spool.records", records::getAsLong)
                .description("Records (one per write: a message's readings, its dead-letter rows, alert rows) in the "
                        + "spool, waiting for InfluxDB").register(registry);
        Gauge.builder("envmon.spool.bytes", bytes::getAsLong).baseUnit("bytes")
                .description("Bytes of records in the spool").register(registry);
        Gauge.builder("envmon.spool.max", () -> maxBytes).baseUnit("bytes")
                .description("ENVMON_SPOOL_MAX_BYTES").register(registry);
        Gauge.builder("envmon.spool.full", () -> full.getAsBoolean() ? 1 : 0)
                .description("1 while the spool is full: messages are not acknowledged, the broker holds them")
                .register(registry);
        appendedRecords = Counter.builder("envmon.spool.appended.records")
                .description("Records written to the spool and forced to disk").register(registry);
        appendedPoints = Counter.builder("envmon.spool.appended.points")
                .description("Points written to the spool").register(registry);
        drainedRecords = Counter.builder("envmon.spool.drained.records")
                .description("Records drained from the spool into InfluxDB").register(registry);
        drainedPoints = Counter.builder("envmon.spool.drained.points")
                .description("Points drained from the spool into InfluxDB (rate(): the drain rate)").register(registry);
        refusedPoints = Counter.builder("envmon.spool.refused.points")
                .description("Drained points InfluxDB refused as data (kept in the spool folder's refused.lp)")
                .register(registry);
        fills = Counter.builder("envmon.spool.fills")
                .description("Times the spool became full").register(registry);
        append = Timer.builder("envmon.spool.append")
                .description("Duration of a spool append with its fsync (one group of writes)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void appended(int records, int points, Duration took) {
        appendedRecords.increment(records);
        appendedPoints.increment(points);
        append.record(took);
    }

    public void drained(int records, int points) {
        drainedRecords.increment(records);
        drainedPoints.increment(points);
    }

    public void refused(int points) {
        refusedPoints.increment(points);
    }

    public void filled() {
        fills.increment();
    }
}
