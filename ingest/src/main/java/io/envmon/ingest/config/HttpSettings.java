package io.envmon.ingest.config;

import java.time.Duration;

/** The HTTP server's and the API's settings, {@code ENVMON_HTTP_*} and {@code ENVMON_API_*} limits (docs/configuration.md). */
final class HttpSettings {

    static final Setting PORT = new Setting("http.port", "ENVMON_HTTP_PORT", "8080", false);
    static final Setting TLS_CERT = new Setting("http.tls.cert", "ENVMON_HTTP_TLS_CERT", null, false);
    static final Setting TLS_KEY = new Setting("http.tls.key", "ENVMON_HTTP_TLS_KEY", null, false);
    static final Setting TLS_CLIENT_CA = new Setting("http.tls.clientCa", "ENVMON_HTTP_TLS_CLIENT_CA", null, false);
    static final Setting BIND_ADDRESS = new Setting("http.bindAddress", "ENVMON_HTTP_BIND_ADDRESS", "127.0.0.1", false);
    static final Setting IDLE_TIMEOUT = new Setting("http.idleTimeout", "ENVMON_HTTP_IDLE_TIMEOUT", "60s", false);
    static final Setting READ_TIMEOUT = new Setting("http.readTimeout", "ENVMON_HTTP_READ_TIMEOUT", "10s", false);
    static final Setting MAX_CONNECTIONS = new Setting("http.maxConnections", "ENVMON_HTTP_MAX_CONNECTIONS", "1000", false);
    static final Setting API_STREAM_BUFFER = new Setting("api.streamBufferBytes", "ENVMON_API_STREAM_BUFFER_BYTES",
            String.valueOf(256 * 1024), false);
    static final Setting API_MAX_STREAMS = new Setting("api.maxStreamsPerToken", "ENVMON_API_MAX_STREAMS_PER_TOKEN", "16", false);

    private HttpSettings() {
    }

    static int port(SettingValues v) {
        return v.integer(PORT, 0, 65535);
    }

    static HttpTlsConfig tls(SettingValues v) {
        return v.tls().server(TLS_CERT, TLS_KEY, TLS_CLIENT_CA);
    }

    /** The address and limits (the port and TLS apart: {@link #port}, {@link #tls}). */
    static HttpServerConfig server(SettingValues v) {
        return new HttpServerConfig(v.address(BIND_ADDRESS),
                v.duration(IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                v.duration(READ_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                v.integer(MAX_CONNECTIONS, 1, 1_000_000),
                v.integer(API_STREAM_BUFFER, 1024, 64 * 1024 * 1024),
                v.integer(API_MAX_STREAMS, 1, 100_000));
    }
}
