package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.tls.PemFiles;
import io.envmon.testkit.TestCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured certificate that expires within 30 days is warned about at start, and its expiry is a gauge. */
class CertificateExpiriesTest extends ConfigLoaderFixture {

    static TestCertificates pki;

    @BeforeAll
    static void certificates() {
        pki = TestCertificates.generate(); // leaves and CAs valid for 30 days; one leaf expired
    }

    IngestConfig config() throws Exception {
        env.put("ENVMON_MQTT_URL", "ssl://127.0.0.1:8883");
        env.put("ENVMON_MQTT_TLS_CERT", pki.client().cert().toString());
        env.put("ENVMON_MQTT_TLS_KEY", pki.client().key().toString());
        env.put("ENVMON_HTTP_TLS_CERT", pki.expiredServer().cert().toString());
        env.put("ENVMON_HTTP_TLS_KEY", pki.expiredServer().key().toString());
        return load();
    }

    static Instant notAfter(Path pem) throws Exception {
        return PemFiles.certificates(pem).get(0).getNotAfter().toInstant();
    }

    @Test
    void aCertificateExpiringWithin30DaysIsWarnedAboutAnExpiredOneIsAnErrorAndEachIsAGauge() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Instant now = Instant.now();
        List<String> logged = CertificateExpiries.report(config(), registry, now);

        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("ENVMON_MQTT_TLS_CERT (mqtt.tls.cert): the certificate CN=envmon-ingest"),
                logged.get(0));
        assertTrue(logged.get(0).contains("expires at") && logged.get(0).contains("day(s): renew it"), logged.get(0));
        assertTrue(logged.get(1).startsWith("ENVMON_HTTP_TLS_CERT (http.tls.cert): the certificate CN=localhost"),
                logged.get(1));
        assertTrue(logged.get(1).contains("expired at"), logged.get(1));

        assertEquals(notAfter(pki.client().cert()).getEpochSecond(), registry.get("envmon.tls.certificate.expiry")
                .tag("setting", "ENVMON_MQTT_TLS_CERT").gauge().value());
        assertEquals(notAfter(pki.expiredServer().cert()).getEpochSecond(), registry
                .get("envmon.tls.certificate.expiry").tag("setting", "ENVMON_HTTP_TLS_CERT").gauge().value());
    }

    @Test
    void nothingIsSaidOfACertificateWithMoreThan30DaysLeft() throws Exception {
        // seen from 40 days ago, the 30-day certificate has 70 days left, the one expired yesterday 39
        assertEquals(List.of(), CertificateExpiries.report(config(), new SimpleMeterRegistry(),
                Instant.now().minus(Duration.ofDays(40))));
    }
}
