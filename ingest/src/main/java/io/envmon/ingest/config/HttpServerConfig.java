package io.envmon.ingest.config;

import java.time.Duration;

/**
 * How the HTTP server (health, metrics, API) listens and what it lets one client hold (docs/configuration.md,
 * docs/operations.md "Limits"). Built only by {@link ConfigLoader}.
 *
 * @param bindAddress        the address listened on: loopback unless the API must be reached from elsewhere
 * @param idleTimeout        a connection with no byte in or out for this long is closed
 * @param readTimeout        a request (line, headers, body) must arrive whole within this time of the connection
 *                           opening or of its previous response, else the connection is closed
 * @param maxConnections     connections open at once; more are closed as they come
 * @param streamBufferBytes  bytes an alert-stream client may leave unread in the service; beyond, it is dropped
 * @param maxStreamsPerToken alert streams one token may hold open; more are answered 429
 */
public record HttpServerConfig(String bindAddress, Duration idleTimeout, Duration readTimeout, int maxConnections,
                               int streamBufferBytes, int maxStreamsPerToken) {

    /** The defaults of docs/configuration.md. */
    public static HttpServerConfig defaults() {
        return new HttpServerConfig("127.0.0.1", Duration.ofSeconds(60), Duration.ofSeconds(10), 1000, 256 * 1024, 16);
    }
}
