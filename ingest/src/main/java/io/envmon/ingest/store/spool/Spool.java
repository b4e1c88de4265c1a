package io.envmon.ingest.store.spool;

import io.envmon.ingest.config.SpoolConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.SpoolMetrics;
import io.envmon.ingest.store.InfluxReadingSink;
import io.envmon.ingest.store.ReadingSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;

/**
 * The durable spool as the composition root sees it: opened (and recovered) at start-up, before anything
 * connects, then put in front of the InfluxDB sink with {@link #wrap}. Disabled ({@code ENVMON_SPOOL_MAX_BYTES=0}),
 * it returns the sink unchanged.
 */
public final class Spool {

    private final SpoolConfig config;
    private final SegmentLog log;
    private final ComponentHealth health;
    private SpoolMetrics metrics;
    private volatile SpoolingReadingSink sink;

    private Spool(SpoolConfig config, SegmentLog log, ComponentHealth health) {
        this.config = config;
        this.log = log;
        this.health = health;
    }

    /**
     * Opens the spool's folder (creating it), takes its lock and recovers what a previous run left.
     *
     * @param health set here and kept up to date: {@code /health}'s {@code spool}
     * @throws IOException when the folder cannot be created, written or locked: the caller stops start-up naming
     *                     {@code ENVMON_SPOOL_DIR}
     */
    public static Spool open(SpoolConfig config, MeterRegistry registry, ComponentHealth health) throws IOException {
        if (!config.enabled()) {
            health.up("disabled (ENVMON_SPOOL_MAX_BYTES=0)");
            return new Spool(config, null, health);
        }
        SegmentLog log = SegmentLog.open(config.dir(), segmentBytes(config.maxBytes()));
        Spool spool = new Spool(config, log, health);
        spool.metrics = new SpoolMetrics(registry, log::records, log::bytes, config.maxBytes(), spool::isFull);
        if (log.isEmpty()) {
            health.up("empty");
        } else {
            health.degraded(log.records() + " records (" + log.bytes() + " bytes) left from the last run, to drain");
        }
        return spool;
    }

    /** Records waiting for InfluxDB (0 without a spool): readings acknowledged and not yet in InfluxDB. */
    public long records() {
        return log == null ? 0 : log.records();
    }

    /** A spool that does nothing: the sink goes to InfluxDB alone. */
    public static Spool disabled() {
        return new Spool(new SpoolConfig(null, 0, null), null, new ComponentHealth(true, "disabled"));
    }

    /**
     * Puts the spool in front of {@code influx}. Call once, on the context that will use the sink (the ingest
     * context).
     */
    public ReadingSink wrap(Vertx vertx, InfluxReadingSink influx) {
        if (log == null) {
            return influx;
        }
        if (sink != null) {
            throw new IllegalStateException("the spool is already in use");
        }
        sink = new SpoolingReadingSink(vertx, influx, influx, log, config.dir(), config.maxBytes(), config.after(),
                metrics, health);
        return sink;
    }

    /** Segments of a sixteenth of the spool, between 1 and 64 MiB: few files, and space freed as the drain goes. */
    static long segmentBytes(long maxBytes) {
        return Math.max(1L << 20, Math.min(64L << 20, maxBytes / 16));
    }

    private boolean isFull() {
        SpoolingReadingSink s = sink;
        return s != null && s.isFull();
    }
}
