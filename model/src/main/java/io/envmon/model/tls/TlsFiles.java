package io.envmon.model.tls;

import java.nio.file.Path;

/**
 * The PEM files of one TLS client (docs/configuration.md, "TLS"); each may be {@code null}.
 *
 * @param ca   the CA certificates to trust instead of the JVM's default ones; {@code null}: the JVM's
 * @param cert the client certificate (the leaf first, then intermediates) sent when the server asks for one
 * @param key  the client certificate's private key (PKCS#8 or PKCS#1, unencrypted)
 */
public record TlsFiles(Path ca, Path cert, Path key) {

    /** No file: the JVM's trusted CAs and no client certificate. */
    public static final TlsFiles NONE = new TlsFiles(null, null, null);

    public boolean isEmpty() {
        return ca == null && cert == null && key == null;
    }
}
