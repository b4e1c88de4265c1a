package io.envmon.ingest.config;

import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ParseMode;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The HJ 212 settings of the service (docs/configuration.md, docs/hj212.md): how frames are read on both
 * transports, and the TCP gateway's limits. Built only by {@link ConfigLoader}.
 *
 * @param tcpPort          the gateway's port, or {@code null} for no gateway
 * @param mode             strict (what the standards write) or lenient (also what real devices send)
 * @param timeZone         the zone of {@code DataTime} unless a device's registry entry says otherwise
 * @param maxSegmentBytes  the largest data segment accepted (the length field); {@code null}: 1024 strict, 9999 lenient
 * @param idleTimeout      a TCP connection with no bytes and nothing pending for this long is closed
 * @param maxConnections   TCP connections open at once; more are refused (closed at once)
 * @param maxPendingFrames frames of one TCP connection being stored at once; beyond it the socket is paused
 * @param splitTimeout     how long the packets of a split message are tracked waiting for the rest
 */
public record Hj212ServiceConfig(Integer tcpPort, ParseMode mode, ZoneId timeZone, Integer maxSegmentBytes,
                                 Duration idleTimeout, int maxConnections, int maxPendingFrames,
                                 Duration splitTimeout) {

    /** The defaults of docs/configuration.md, with no gateway. */
    public static Hj212ServiceConfig defaults() {
        return new Hj212ServiceConfig(null, ParseMode.LENIENT, Hj212Config.DEFAULT_ZONE, null, Duration.ofMinutes(10),
                1000, 64, Duration.ofMinutes(5));
    }

    /** The codec's settings: mode, zone and segment limit. */
    public Hj212Config codec() {
        Hj212Config base = mode == ParseMode.STRICT ? Hj212Config.strict() : Hj212Config.lenient();
        return new Hj212Config(base.mode(), timeZone, maxSegmentBytes == null ? base.maxSegmentLength() : maxSegmentBytes,
                false);
    }
}
