package io.envmon.ingest.config;

import io.envmon.model.tls.PemException;
import io.envmon.model.tls.PemFiles;
import io.envmon.model.tls.TlsFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks the PEM files of the TLS settings at start-up (docs/configuration.md, "TLS"): each must exist, be readable
 * and hold what it should, and a key must belong to its certificate. Every problem names its setting.
 */
final class TlsChecks {

    private final Function<Setting, String> raw;
    private final List<String> problems;

    TlsChecks(Function<Setting, String> raw, List<String> problems) {
        this.raw = raw;
        this.problems = problems;
    }

    /**
     * The files of a TLS client, or {@link TlsFiles#NONE}.
     *
     * @param url        the connection's URL setting: the files are only used with one of {@code tlsSchemes}
     */
    TlsFiles client(Setting ca, Setting cert, Setting key, Setting url, List<String> tlsSchemes) {
        Path caFile = path(ca);
        if (caFile != null) {
            certificates(ca, caFile);
        }
        Path[] pair = pair(cert, key);
        TlsFiles files = new TlsFiles(caFile, pair[0], pair[1]);
        String value = raw.apply(url);
        String scheme = value == null || !value.contains(":") ? "" : value.substring(0, value.indexOf(':'))
                .toLowerCase(Locale.ROOT);
        if (!files.isEmpty() && !tlsSchemes.contains(scheme)) {
            Setting set = caFile != null ? ca : cert;
            problems.add(set.label() + ": is set but " + url.label() + " is '" + value + "', which does not use TLS "
                    + "(use " + String.join("://, ", tlsSchemes) + "://)");
        }
        return files;
    }

    /** The HTTP server's TLS settings: none set, or a certificate and its key (and maybe a client CA). */
    HttpTlsConfig server(Setting cert, Setting key, Setting clientCa) {
        Path[] pair = pair(cert, key);
        Path caFile = path(clientCa);
        if (caFile != null) {
            certificates(clientCa, caFile);
            if (pair[0] == null) {
                problems.add(clientCa.label() + ": client certificates need HTTPS: set " + cert.label() + " and "
                        + key.label() + " too");
            }
        }
        return new HttpTlsConfig(pair[0], pair[1], caFile);
    }

    /** A certificate and its key, both or neither, checked to belong together. */
    private Path[] pair(Setting cert, Setting key) {
        Path certFile = path(cert);
        Path keyFile = path(key);
        if ((certFile == null) != (keyFile == null)) {
            Setting missing = certFile == null ? cert : key;
            Setting given = certFile == null ? key : cert;
            problems.add(missing.label() + ": must be set when " + given.label() + " is (a certificate and its key)");
        }
        List<X509Certificate> chain = certFile == null ? null : certificates(cert, certFile);
        PrivateKey privateKey = null;
        if (keyFile != null) {
            try {
                privateKey = PemFiles.privateKey(keyFile);
            } catch (PemException e) {
                problems.add(key.label() + ": " + e.getMessage());
            }
        }
        if (chain != null && privateKey != null) {
            try {
                PemFiles.checkPair(privateKey, chain.get(0), keyFile, certFile);
            } catch (PemException e) {
                problems.add(key.label() + ": " + e.getMessage());
            }
        }
        return new Path[] {certFile, keyFile};
    }

    private List<X509Certificate> certificates(Setting s, Path file) {
        try {
            return PemFiles.certificates(file);
        } catch (PemException e) {
            problems.add(s.label() + ": " + e.getMessage());
            return null;
        }
    }

    private Path path(Setting s) {
        String value = raw.apply(s);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
