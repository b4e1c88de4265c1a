package io.envmon.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's validated configuration (CONTRACT §7). Built only by {@link ConfigLoader}.
 *
 * @param hj212TcpPort the HJ 212 gateway port, or {@code null} for no gateway
 * @param hj212        the HJ 212 settings (both transports); its {@code tcpPort} is {@code hj212TcpPort}
 * @param alerts       the alert engine's, API's and webhooks' files
 * @param spool        the durable spool in front of InfluxDB
 * @param httpTls      HTTPS of the API and health server
 * @param http         the HTTP server's address and limits (its port is {@code httpPort})
 * @param cluster      several instances sharing the work (docs/scale-out.md); off by default
 */
public record IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                           Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                           Hj212ServiceConfig hj212, AlertsConfig alerts, SpoolConfig spool, HttpTlsConfig httpTls,
                           HttpServerConfig http, ClusterConfig cluster) {

    /** One instance. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                        Hj212ServiceConfig hj212, AlertsConfig alerts, SpoolConfig spool, HttpTlsConfig httpTls,
                        HttpServerConfig http) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212, alerts,
                spool, httpTls, http, ClusterConfig.disabled());
    }

    /** With the default HTTP address and limits. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                        Hj212ServiceConfig hj212, AlertsConfig alerts, SpoolConfig spool, HttpTlsConfig httpTls) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212, alerts,
                spool, httpTls, HttpServerConfig.defaults());
    }

    /** Plain HTTP. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                        Hj212ServiceConfig hj212, AlertsConfig alerts, SpoolConfig spool) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212, alerts,
                spool, HttpTlsConfig.NONE);
    }

    /** Without a spool, plain HTTP. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                        Hj212ServiceConfig hj212, AlertsConfig alerts) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212, alerts,
                SpoolConfig.disabled());
    }

    /** With the default alert settings. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew, Hj212ServiceConfig hj212) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212,
                AlertsConfig.defaults());
    }

    /** With the default HJ 212 settings. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew,
                withPort(Hj212ServiceConfig.defaults(), hj212TcpPort));
    }

    private static Hj212ServiceConfig withPort(Hj212ServiceConfig c, Integer port) {
        return new Hj212ServiceConfig(port, c.mode(), c.timeZone(), c.maxSegmentBytes(), c.idleTimeout(),
                c.maxConnections(), c.maxPendingFrames(), c.splitTimeout(), c.bindAddress(), c.maxConnectionsPerAddress(),
                c.requirePassword(), c.passwords());
    }
}
