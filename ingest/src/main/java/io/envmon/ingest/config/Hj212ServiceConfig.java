package io.envmon.ingest.config;

import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ParseMode;
import io.envmon.hj212.mapping.DevicePasswords;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The HJ 212 settings of the service (docs/configuration.md, docs/hj212.md): how frames are read and devices
 * authenticated on both transports, and the TCP gateway's limits. Built only by {@link ConfigLoader}.
 *
 * @param tcpPort                  the gateway's port, or {@code null} for no gateway
 * @param mode                     strict (what the standards write) or lenient (also what real devices send)
 * @param timeZone                 the zone of {@code DataTime} unless a device's registry entry says otherwise
 * @param maxSegmentBytes          the largest data segment accepted (the length field); {@code null}: 1024 strict,
 *                                 9999 lenient
 * @param idleTimeout              a TCP connection with no complete frame and nothing pending for this long is closed
 * @param maxConnections           TCP connections open at once; more are refused (closed at once)
 * @param maxPendingFrames         frames of one TCP connection being stored at once; beyond it the socket is paused
 * @param splitTimeout             how long the packets of a split message are tracked waiting for the rest
 * @param bindAddress              the address the gateway listens on
 * @param maxConnectionsPerAddress TCP connections open at once from one source address; more are refused
 * @param requirePassword          whether a device with no password configured has its frames refused
 * @param passwords                device passwords from {@code ENVMON_HJ212_PASSWORDS}; they win over the registry's
 */
public record Hj212ServiceConfig(Integer tcpPort, ParseMode mode, ZoneId timeZone, Integer maxSegmentBytes,
                                 Duration idleTimeout, int maxConnections, int maxPendingFrames,
                                 Duration splitTimeout, String bindAddress, int maxConnectionsPerAddress,
                                 boolean requirePassword, DevicePasswords passwords) {

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;

    /** With the default address, per-address limit and password rule, and no passwords file. */
    public Hj212ServiceConfig(Integer tcpPort, ParseMode mode, ZoneId timeZone, Integer maxSegmentBytes,
                              Duration idleTimeout, int maxConnections, int maxPendingFrames, Duration splitTimeout) {
        this(tcpPort, mode, timeZone, maxSegmentBytes, idleTimeout, maxConnections, maxPendingFrames, splitTimeout,
                DEFAULT_BIND_ADDRESS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, true, DevicePasswords.none());
    }

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
