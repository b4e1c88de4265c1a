package io.envmon.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The durable spool (docs/operations.md#the-durable-spool).
 *
 * @param dir      the folder of the spool's files ({@code ENVMON_SPOOL_DIR})
 * @param maxBytes what the spool may hold before writes wait; 0: no spool ({@code ENVMON_SPOOL_MAX_BYTES})
 * @param after    how long a write may go unconfirmed by InfluxDB before writes are spooled ({@code ENVMON_SPOOL_AFTER})
 */
public record SpoolConfig(Path dir, long maxBytes, Duration after) {

    public static final String DEFAULT_DIR = "/var/lib/envmon/spool";
    public static final String DEFAULT_MAX_BYTES = "1GiB";
    public static final String DEFAULT_AFTER = "5s";

    /** No spool: writes wait for InfluxDB, the broker holds the backlog. */
    public static SpoolConfig disabled() {
        return new SpoolConfig(null, 0, Duration.ofSeconds(5));
    }

    public boolean enabled() {
        return maxBytes > 0;
    }
}
