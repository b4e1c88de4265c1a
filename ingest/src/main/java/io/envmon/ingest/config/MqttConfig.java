package io.envmon.ingest.config;

import io.envmon.model.tls.TlsFiles;
import java.time.Duration;

/**
 * How the service connects to the broker: a subscribing connection (client ID {@code clientId}) and a publishing
 * one ({@code clientId-pub}), see PahoMqttConnection.
 *
 * @param publisherUsername the publishing connection's user name: {@code username} unless set apart, for a broker
 *                          that uses each user name as client ID (deploy/mosquitto), where the two connections need
 *                          two accounts or they replace each other
 * @param publisherPassword the publishing connection's password
 * @param sessionExpiry  how long the broker keeps the session (and queues readings) while the service is away
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may have in flight to us: the
 *                       window that bounds memory and throughput (docs/operations.md)
 * @param inflightBytes  the most payload bytes held unacknowledged at once: the window's bound for large
 *                       (batched) messages, so the heap needed does not grow with the Receive Maximum
 * @param tls            the CA and client certificate files for {@code ssl://} and {@code wss://} (both connections)
 */
public record MqttConfig(String url, String username, String password, String clientId, String publisherUsername,
                         String publisherPassword, Duration sessionExpiry, int receiveMaximum, long inflightBytes,
                         Duration keepAlive, TlsFiles tls) {
}
