package io.envmon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.testkit.MosquittoServer;
import io.envmon.testkit.MqttTestClient;
import io.envmon.testkit.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run} over {@code ssl://} with {@code --mqtt-ca} (and a client certificate) against a real mosquitto. */
class TlsBrokerIT {

    static TestCertificates pki;

    @BeforeAll
    static void certificates() {
        pki = TestCertificates.generate();
    }

    @Test
    void runPublishesOverTlsWithTheCaAndAClientCertificate() {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.server(), pki.caCert(), true).start();
             MqttTestClient watcher = MqttTestClient.connect(mqtt.url())) {
            watcher.subscribe("env/air/#", 1);
            StringWriter err = new StringWriter();
            int code = command(err).execute("run", "--registry", "../config/taigu.yaml", "--mqtt-url", mqtt.tlsUrl(),
                    "--mqtt-ca", pki.caCert().toString(), "--mqtt-cert", pki.client().cert().toString(),
                    "--mqtt-key", pki.client().key().toString(), "--connections", "shared", "--count", "1",
                    // at speed 1 the run waits a whole simulated minute after its one round
                    "--speed", "600",
                    "--quiet");
            assertEquals(0, code, err.toString());
            assertTrue(watcher.awaitMessages("env/air/#", 1, Duration.ofSeconds(30)).size() >= 1);
        }
    }

    @Test
    void withoutTheCaTheUntrustedCertificateIsSaid() {
        try (MosquittoServer mqtt = new MosquittoServer().withTls(pki.server(), null, false).start()) {
            StringWriter err = new StringWriter();
            int code = command(err).execute("run", "--registry", "../config/taigu.yaml", "--mqtt-url", mqtt.tlsUrl(),
                    "--connections", "shared", "--count", "1", "--quiet");
            assertEquals(1, code, err.toString());
            assertTrue(err.toString().contains("TLS: the server's certificate is not signed by a CA this service "
                    + "trusts (--mqtt-ca"), err.toString());
        }
    }

    private static CommandLine command(StringWriter err) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
