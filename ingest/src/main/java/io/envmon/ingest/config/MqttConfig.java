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
 * @param tls            the CA and client certificate files for {@code ssl://} and {@code wss://} (both connections)
 */
public record MqttConfig(String url, String username, String password, String clientId, String publisherUsername,
                         String publisherPassword, Duration sessionExpiry, int receiveMaximum, Duration keepAlive,
                         TlsFiles tls) {

    /** Without TLS files: the JVM's trusted CAs, no client certificate. */
    public MqttConfig(String url, String username, String password, String clientId, String publisherUsername,
                      String publisherPassword, Duration sessionExpiry, int receiveMaximum, Duration keepAlive) {
        this(url, username, password, clientId, publisherUsername, publisherPassword, sessionExpiry, receiveMaximum,
                keepAlive, TlsFiles.NONE);
    }
}
