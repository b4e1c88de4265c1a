package io.envmon.ingest.config;

import io.envmon.model.tls.PemException;
import io.envmon.model.tls.PemFiles;
import io.envmon.model.tls.TlsFiles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry of every configured TLS certificate file (docs/operations.md, "Certificate expiry"): at start-up a
 * WARN for one that expires within {@link #SOON}, an ERROR for one already expired (the service still starts: the
 * peers refuse it, and each connection says so in words), and the gauge
 * {@code envmon_tls_certificate_expiry_seconds{setting}}: when it expires, Unix time in seconds. A file of several
 * certificates (a chain, a CA bundle) counts by the first of them to expire.
 */
public final class CertificateExpiries {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiries.class);
    /** Warned about this long before. */
    public static final Duration SOON = Duration.ofDays(30);

    /** The certificate of a file that expires first. */
    public record Expiry(Setting setting, Path file, String subject, Instant notAfter) {
    }

    private CertificateExpiries() {
    }

    /** The certificate files set, each by the first of its certificates to expire (unreadable ones left out). */
    public static List<Expiry> of(IngestConfig config) {
        List<Expiry> out = new ArrayList<>();
        TlsFiles mqtt = config.mqtt().tls() == null ? TlsFiles.NONE : config.mqtt().tls();
        TlsFiles influx = config.influx().tls() == null ? TlsFiles.NONE : config.influx().tls();
        HttpTlsConfig http = config.httpTls() == null ? HttpTlsConfig.NONE : config.httpTls();
        add(out, MqttSettings.TLS_CA, mqtt.ca());
        add(out, MqttSettings.TLS_CERT, mqtt.cert());
        add(out, InfluxSettings.TLS_CA, influx.ca());
        add(out, InfluxSettings.TLS_CERT, influx.cert());
        add(out, HttpSettings.TLS_CERT, http.cert());
        add(out, HttpSettings.TLS_CLIENT_CA, http.clientCa());
        return out;
    }

    /**
     * Logs what expires soon or has expired, and registers one gauge per file.
     *
     * @return the lines logged, WARN or ERROR
     */
    public static List<String> report(IngestConfig config, MeterRegistry registry, Instant now) {
        List<String> logged = new ArrayList<>();
        for (Expiry e : of(config)) {
            Gauge.builder("envmon.tls.certificate.expiry", e.notAfter()::getEpochSecond).baseUnit("seconds")
                    .tag("setting", e.setting().env())
                    .description("When the first certificate of a configured TLS file expires, Unix time")
                    .register(registry);
            String what = e.setting().label() + ": the certificate " + e.subject() + " in '" + e.file() + "'";
            if (!e.notAfter().isAfter(now)) {
                String line = what + " expired at " + e.notAfter() + "; its peers refuse it: renew it";
                LOG.error(line);
                logged.add(line);
            } else if (e.notAfter().isBefore(now.plus(SOON))) {
                String line = what + " expires at " + e.notAfter() + ", in "
                        + Duration.between(now, e.notAfter()).toDays() + " day(s): renew it before";
                LOG.warn(line);
                logged.add(line);
            }
        }
        return logged;
    }

    private static void add(List<Expiry> out, Setting setting, Path file) {
        if (file == null) {
            return;
        }
        try {
            PemFiles.certificates(file).stream().min(Comparator.comparing(X509Certificate::getNotAfter))
                    .ifPresent(c -> out.add(new Expiry(setting, file, c.getSubjectX500Principal().getName(),
                            c.getNotAfter().toInstant())));
        } catch (PemException e) {
            // checked at start-up already (TlsChecks): a file read there but not here changed meanwhile
            LOG.warn("{}: cannot read '{}' for its expiry: {}", setting.label(), file, e.getMessage());
        }
    }
}
