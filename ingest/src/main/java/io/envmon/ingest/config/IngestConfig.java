package io.envmon.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's validated configuration (CONTRACT §7). Built only by {@link ConfigLoader}.
 *
 * @param hj212TcpPort the HJ 212 gateway port, or {@code null} for no gateway
 * @param hj212        the HJ 212 settings (both transports); its {@code tcpPort} is {@code hj212TcpPort}
 * @param alerts       the alert engine's, API's and webhooks' files
 * @param httpTls      HTTPS of the API and health server
 */
public record IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                           Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew,
                           Hj212ServiceConfig hj212, AlertsConfig alerts, HttpTlsConfig httpTls) {

    /** Plain HTTP. */
    public IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                        Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew, Hj212ServiceConfig hj212,
                        AlertsConfig alerts) {
        this(mqtt, influx, topicRoot, registry, httpPort, hj212TcpPort, maxPayloadBytes, maxClockSkew, hj212, alerts,
                HttpTlsConfig.NONE);
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
                c.maxConnections(), c.maxPendingFrames(), c.splitTimeout());
    }
}
