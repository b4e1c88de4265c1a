package io.envmon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made with the {@code openssl} command at test time, in a temporary folder deleted with the JVM:
 * a CA, a server certificate for {@code 127.0.0.1} and {@code localhost}, a client certificate (EC key), an expired
 * server certificate of the same CA, and a server certificate of another CA (untrusted). The same commands as
 * docs/deployment.md ("TLS"), so the documented recipe is the tested one.
 * <pre>{@code
 * TestCertificates pki = TestCertificates.generate();
 * try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.server(), pki.caCert(), true).start()) { ... }
 * }</pre>
 */
public final class TestCertificates {

    /** A certificate (PEM, the leaf first) and its private key (PEM, PKCS#8). */
    public record Identity(Path cert, Path key) {
    }

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path openssl;

    private TestCertificates(Path dir, Path openssl) {
        this.dir = dir;
        this.openssl = openssl;
    }

    /**
     * Generates everything (a few seconds at most).
     *
     * @throws AssertionError when openssl is not installed (see {@link RequiredTools})
     * @throws IllegalStateException when an openssl command fails (the message holds its output)
     */
    public static TestCertificates generate() {
        Path openssl = RequiredTools.require("openssl", "ENVMON_OPENSSL_BIN", "openssl", "TLS");
        Path dir;
        try {
            dir = Files.createTempDirectory("envmon-pki-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the test certificates", e);
        }
        ShutdownCleanup.registerDirectory(dir);
        TestCertificates pki = new TestCertificates(dir, openssl);
        pki.ca("ca", "envmon test CA");
        pki.ca("other-ca", "some other CA");
        pki.leaf("server", "ca", "localhost", "rsa", 30, true);
        pki.leaf("client", "ca", "envmon-ingest", "ec", 30, false);
        pki.leaf("expired", "ca", "localhost", "rsa", -1, true);
        pki.leaf("untrusted", "other-ca", "localhost", "rsa", 30, true);
        return pki;
    }

    /** The folder holding every file. */
    public Path directory() {
        return dir;
    }

    /** The CA that signed {@link #server()}, {@link #client()} and {@link #expiredServer()}. */
    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    /** A CA that signed only {@link #untrustedServer()}. */
    public Path otherCaCert() {
        return dir.resolve("other-ca.crt");
    }

    /** Valid 30 days, subject alternative names IP 127.0.0.1 and DNS localhost. */
    public Identity server() {
        return identity("server");
    }

    /** A client certificate (extended key usage clientAuth) with an EC key. */
    public Identity client() {
        return identity("client");
    }

    /** Like {@link #server()} but its validity ended a day before it began (so it is expired now). */
    public Identity expiredServer() {
        return identity("expired");
    }

    /** Like {@link #server()} but signed by {@link #otherCaCert()}. */
    public Identity untrustedServer() {
        return identity("untrusted");
    }

    /** An SSL context trusting only {@link #caCert()}, for JDK HTTP clients in tests. */
    public SSLContext trustingCa() {
        return trusting(caCert());
    }

    /** An SSL context trusting only the CA certificates in {@code pem}. */
    public static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + pem + ": " + e.getMessage(), e);
        }
    }

    private Identity identity(String name) {
        return new Identity(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    private void ca(String name, String commonName) {
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "30", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /** {@code days} -1: openssl sets "not after" a day before "not before" (now), so the certificate is expired. */
    private void leaf(String name, String ca, String commonName, String keyType, int days, boolean server) {
        List<String> newKey = keyType.equals("ec")
                ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-newkey", "rsa:2048");
        List<String> req = new ArrayList<>(List.of("req", "-new"));
        req.addAll(newKey);
        req.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName));
        run(req.toArray(String[]::new));
        String extensions = "basicConstraints=CA:FALSE\n" + (server
                ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                : "extendedKeyUsage=clientAuth\n");
        try {
            Files.writeString(dir.resolve(name + ".ext"), extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", String.valueOf(days), "-extfile", name + ".ext", "-out", name + ".crt");
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("openssl.out");
        ChildProcess process = ChildProcess.start(command, dir, Map.of(), output);
        if (!process.waitFor(OPENSSL_TIMEOUT)) {
            process.kill();
            throw new IllegalStateException("openssl did not finish within " + OPENSSL_TIMEOUT + ": " + command);
        }
        if (process.exitCode() != 0) {
            throw new IllegalStateException("openssl failed (" + process.exitCode() + "): " + String.join(" ", command)
                    + "\n" + ChildProcess.tail(output, 20));
        }
    }
}
