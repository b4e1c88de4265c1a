package io.envmon.model.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of a client (MQTT, InfluxDB, the simulator) built from {@link TlsFiles}: whom to trust and which
 * certificate to show. Hostname verification stays with the client library (Paho and OkHttp both check the server's
 * subject alternative names against the URL's host).
 *
 * @param trustManager the trust decisions, which OkHttp wants besides the socket factory
 */
public record ClientTls(SSLContext context, X509TrustManager trustManager) {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    /**
     * @throws PemException when a file is missing, unreadable or not PEM, or the key does not belong to the
     *                      certificate; the message names the file
     */
    public static ClientTls load(TlsFiles files) throws PemException {
        if ((files.cert() == null) != (files.key() == null)) {
            throw new PemException("a client certificate needs its key and the other way round");
        }
        try {
            X509TrustManager trust = trustManager(files.ca() == null ? null : PemFiles.certificates(files.ca()));
            KeyManagerFactory keys = null;
            if (files.cert() != null) {
                List<X509Certificate> chain = PemFiles.certificates(files.cert());
                PrivateKey key = PemFiles.privateKey(files.key());
                PemFiles.checkPair(key, chain.get(0), files.key(), files.cert());
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, IN_MEMORY);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {trust}, null);
            return new ClientTls(context, trust);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PemException("cannot build the TLS context: " + e.getMessage());
        }
    }

    public SSLSocketFactory socketFactory() {
        return context.getSocketFactory();
    }

    /** Trusts exactly {@code cas}, or the JVM's default CAs when {@code null}. */
    private static X509TrustManager trustManager(List<X509Certificate> cas)
            throws GeneralSecurityException, java.io.IOException {
        KeyStore store = null;
        if (cas != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM offers no X.509 trust manager");
    }
}
