package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS settings: good PEM files are taken, bad ones stop start-up with a message naming the setting. */
class ConfigLoaderTlsTest extends ConfigLoaderFixture {

    static TestCertificates pki;

    @BeforeAll
    static void certificates() {
        pki = TestCertificates.generate();
    }

    @Test
    void takesTheFilesOfEveryConnection() {
        env.put("ENVMON_MQTT_URL", "ssl://127.0.0.1:8883");
        env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
        env.put("ENVMON_MQTT_TLS_CERT", pki.client().cert().toString());
        env.put("ENVMON_MQTT_TLS_KEY", pki.client().key().toString());
        env.put("ENVMON_INFLUX_URL", "https://127.0.0.1:8086");
        env.put("ENVMON_INFLUX_TLS_CA", pki.caCert().toString());
        env.put("ENVMON_HTTP_TLS_CERT", pki.server().cert().toString());
        env.put("ENVMON_HTTP_TLS_KEY", pki.server().key().toString());
        env.put("ENVMON_HTTP_TLS_CLIENT_CA", pki.caCert().toString());
        IngestConfig config = load();
        assertEquals(pki.client().key(), config.mqtt().tls().key());
        assertEquals(pki.caCert(), config.influx().tls().ca());
        assertTrue(config.httpTls().enabled());
        assertEquals(pki.caCert(), config.httpTls().clientCa());
    }

    @Test
    void theFileKeysAreNestedUnderTls() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                mqtt:
                  url: wss://broker.example/mqtt
                  tls:
                    ca: %s
                http:
                  tls:
                    cert: %s
                    key: %s
                """.formatted(pki.caCert(), pki.server().cert(), pki.server().key()));
        IngestConfig config = ConfigLoader.load(file, env);
        assertEquals(pki.caCert(), config.mqtt().tls().ca());
        assertEquals(pki.server().key(), config.httpTls().key());
        assertTrue(config.influx().tls().isEmpty());
    }

    @Test
    void noTlsSettingMeansPlainConnections() {
        IngestConfig config = load();
        assertTrue(config.mqtt().tls().isEmpty());
        assertTrue(config.influx().tls().isEmpty());
        assertFalse(config.httpTls().enabled());
    }

    @Test
    void aMissingFileNamesItsSetting() {
        env.put("ENVMON_MQTT_URL", "ssl://127.0.0.1:8883");
        env.put("ENVMON_MQTT_TLS_CA", dir.resolve("nowhere.pem").toString());
        assertProblem("ENVMON_MQTT_TLS_CA (mqtt.tls.ca): file '", "does not exist");
    }

    @Test
    void anUnreadableFileNamesItsSetting() throws IOException {
        Path key = Files.copy(pki.client().key(), dir.resolve("client.key"));
        assertTrue(key.toFile().setReadable(false, false));
        // root reads any file: then this case cannot be made here
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(key), "running as root");
        env.put("ENVMON_MQTT_URL", "ssl://127.0.0.1:8883");
        env.put("ENVMON_MQTT_TLS_CERT", pki.client().cert().toString());
        env.put("ENVMON_MQTT_TLS_KEY", key.toString());
        assertProblem("ENVMON_MQTT_TLS_KEY (mqtt.tls.key): file '", "is not readable");
    }

    @Test
    void aFileThatIsNotPemNamesItsSetting() throws IOException {
        env.put("ENVMON_INFLUX_URL", "https://127.0.0.1:8086");
        env.put("ENVMON_INFLUX_TLS_CA", Files.writeString(dir.resolve("ca.pem"), "not a certificate\n").toString());
        assertProblem("ENVMON_INFLUX_TLS_CA (influx.tls.ca): file '", "holds no PEM certificate");
    }

    @Test
    void aKeyGivenAsCertificateNamesItsSetting() {
        env.put("ENVMON_HTTP_TLS_CERT", pki.server().key().toString());
        env.put("ENVMON_HTTP_TLS_KEY", pki.server().key().toString());
        assertProblem("ENVMON_HTTP_TLS_CERT (http.tls.cert): file '", "holds no PEM certificate");
    }

    @Test
    void aCertificateGivenAsKeyNamesItsSetting() {
        env.put("ENVMON_HTTP_TLS_CERT", pki.server().cert().toString());
        env.put("ENVMON_HTTP_TLS_KEY", pki.server().cert().toString());
        assertProblem("ENVMON_HTTP_TLS_KEY (http.tls.key): file '", "holds no PEM private key");
    }

    @Test
    void aKeyOfAnotherCertificateNamesTheKeySetting() {
        env.put("ENVMON_MQTT_URL", "ssl://127.0.0.1:8883");
        env.put("ENVMON_MQTT_TLS_CERT", pki.client().cert().toString());
        env.put("ENVMON_MQTT_TLS_KEY", pki.server().key().toString());
        assertProblem("ENVMON_MQTT_TLS_KEY (mqtt.tls.key): the private key in '", "does not belong to the certificate");
        env.put("ENVMON_MQTT_TLS_CERT", pki.server().cert().toString());
        env.put("ENVMON_MQTT_TLS_KEY", pki.expiredServer().key().toString());
        assertProblem("ENVMON_MQTT_TLS_KEY (mqtt.tls.key): the private key in '", "does not belong to the certificate");
    }

    @Test
    void aCertificateNeedsItsKey() {
        env.put("ENVMON_INFLUX_URL", "https://127.0.0.1:8086");
        env.put("ENVMON_INFLUX_TLS_CERT", pki.client().cert().toString());
        assertProblem("ENVMON_INFLUX_TLS_KEY (influx.tls.key): must be set when ENVMON_INFLUX_TLS_CERT", "");
    }

    @Test
    void tlsFilesForAPlainUrlAreAMistake() {
        env.put("ENVMON_MQTT_TLS_CA", pki.caCert().toString());
        assertProblem("ENVMON_MQTT_TLS_CA (mqtt.tls.ca): is set but ENVMON_MQTT_URL (mqtt.url) is 'tcp://", "ssl://");
    }

    @Test
    void clientCertificatesOfTheApiNeedHttps() {
        env.put("ENVMON_HTTP_TLS_CLIENT_CA", pki.caCert().toString());
        assertProblem("ENVMON_HTTP_TLS_CLIENT_CA (http.tls.clientCa): client certificates need HTTPS", "");
    }

    private void assertProblem(String start, String contains) {
        ConfigException e = refused();
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(start) && p.contains(contains)), e::getMessage);
    }
}
