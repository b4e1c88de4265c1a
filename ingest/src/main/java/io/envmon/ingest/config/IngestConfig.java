package io.envmon.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's validated configuration (CONTRACT §7). Built only by {@link ConfigLoader}.
 *
 * @param hj212TcpPort the HJ 212 gateway port, or {@code null} for no gateway
 */
public record IngestConfig(MqttConfig mqtt, InfluxConfig influx, String topicRoot, Path registry, int httpPort,
                           Integer hj212TcpPort, int maxPayloadBytes, Duration maxClockSkew) {
}
