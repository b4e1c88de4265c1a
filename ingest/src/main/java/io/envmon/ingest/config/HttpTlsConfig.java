package io.envmon.ingest.config;

import java.nio.file.Path;

/**
 * HTTPS of the API and health server (docs/configuration.md, "TLS"): off when {@code cert} is {@code null}.
 *
 * @param cert     the server's certificate chain (PEM, the leaf first)
 * @param key      its private key (PEM, unencrypted)
 * @param clientCa when set, every client must show a certificate signed by one of these CAs (PEM)
 */
public record HttpTlsConfig(Path cert, Path key, Path clientCa) {

    /** Plain HTTP. */
    public static final HttpTlsConfig NONE = new HttpTlsConfig(null, null, null);

    public boolean enabled() {
        return cert != null;
    }
}
