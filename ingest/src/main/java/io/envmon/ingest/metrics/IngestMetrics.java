package io.envmon.ingest.metrics;

import io.envmon.model.RejectReason;
import io.envmon.model.SiteKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's counters and gauges, exposed as Prometheus text on {@code /metrics}. Names are part of the
 * operator-facing contract (docs/metrics.md): every reason and kind is registered at start so dashboards
 * see zeros rather than gaps.
 */
public final class IngestMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter messagesReceived;
    private final Counter messagesAcknowledged;
    private final Map<SiteKind, Counter> readingsReceived = new EnumMap<>(SiteKind.class);
    private final Map<SiteKind, Counter> readingsStored = new EnumMap<>(SiteKind.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> writeFailures = new ConcurrentHashMap<>();
    private final Timer writeLatency;
    private final Counter pointsWritten;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong newestStoredEpochMillis = new AtomicLong();

    public IngestMetrics() {
        messagesReceived = Counter.builder("envmon.messages.received")
                .description("MQTT messages received on device topics").register(registry);
        messagesAcknowledged = Counter.builder("envmon.messages.acknowledged")
                .description("MQTT messages acknowledged to the broker after storage or dead-lettering").register(registry);
        for (SiteKind kind : SiteKind.values()) {
            readingsReceived.put(kind, Counter.builder("envmon.readings.received").tag("kind", kind.topicSegment())
                    .description("Readings decoded from device messages").register(registry));
            readingsStored.put(kind, Counter.builder("envmon.readings.stored").tag("kind", kind.topicSegment())
                    .description("Readings durably written to InfluxDB").register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("envmon.readings.rejected").tag("reason", reason.code())
                    .description("Messages or readings rejected and dead-lettered, by reason").register(registry));
        }
        writeLatency = Timer.builder("envmon.influx.write").description("Duration of InfluxDB batch writes")
                .publishPercentiles(0.5, 0.99).register(registry);
        pointsWritten = Counter.builder("envmon.influx.points.written")
                .description("Points written to InfluxDB (readings and rejected rows)").register(registry);
        Gauge.builder("envmon.ingest.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Time from MQTT arrival to durable storage, for the latest batch").register(registry);
        Gauge.builder("envmon.reading.age", newestStoredEpochMillis,
                        v -> v.get() == 0 ? 0 : (System.currentTimeMillis() - v.get()) / 1000.0)
                .baseUnit("seconds").description("Age of the newest stored reading's event time").register(registry);
    }

    public void inflightGauge(Supplier<Number> inflight) {
        Gauge.builder("envmon.inflight.messages", inflight).description("Messages received but not yet acknowledged")
                .register(registry);
    }

    public void inflightHighWaterGauge(Supplier<Number> max) {
        Gauge.builder("envmon.inflight.messages.max", max)
                .description("Most messages held unacknowledged at once since start (bounded by the Receive Maximum)")
                .register(registry);
    }

    public void inflightBytesHighWaterGauge(Supplier<Number> max) {
        Gauge.builder("envmon.inflight.bytes.max", max).baseUnit("bytes")
                .description("Most payload bytes held unacknowledged at once since start (bounded by "
                        + "ENVMON_MQTT_INFLIGHT_BYTES)")
                .register(registry);
    }

    public void upGauge(String component, Supplier<Boolean> up) {
        Gauge.builder("envmon.up", () -> up.get() ? 1 : 0).tag("component", component)
                .description("1 when the component is reachable").register(registry);
    }

    public void messageReceived() {
        messagesReceived.increment();
    }

    public void messageAcknowledged() {
        messagesAcknowledged.increment();
    }

    public void readingReceived(SiteKind kind) {
        readingsReceived.get(kind).increment();
    }

    public void readingStored(SiteKind kind, long eventMillis) {
        readingsStored.get(kind).increment();
        newestStoredEpochMillis.accumulateAndGet(eventMillis, Math::max);
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void batchWritten(int points, Duration took) {
        pointsWritten.increment(points);
        writeLatency.record(took);
    }

    public void writeFailed(String kind) {
        writeFailures.computeIfAbsent(kind, k -> Counter.builder("envmon.influx.write.failures").tag("kind", k)
                .description("Failed InfluxDB write attempts, by classification").register(registry)).increment();
    }

    public void lag(Duration arrivalToStored) {
        lagMillis.set(arrivalToStored.toMillis());
    }

    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }

    public String scrape() {
        return registry.scrape();
    }

    /** The registry behind {@code /metrics}, for components that keep their own meters (HJ 212: Hj212Metrics). */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return registry;
    }
}
