package io.envmon.simulator.cli;

import io.envmon.model.tls.ClientTls;
import io.envmon.model.tls.PemException;
import io.envmon.model.tls.TlsFiles;
import io.envmon.simulator.transport.MqttSettings;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which broker and how to publish to it, shared by {@code run}, {@code replay} and {@code load}. */
public final class BrokerOptions {

    @Option(names = "--mqtt-url", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker URL (default: ${DEFAULT-VALUE}); tcp://, ssl://, ws:// or wss://.")
    String mqttUrl;

    @Option(names = "--mqtt-ca", paramLabel = "FILE",
            description = "PEM file of the CAs to trust for ssl:// and wss:// (default: the JVM's).")
    Path mqttCa;

    @Option(names = "--mqtt-cert", paramLabel = "FILE",
            description = "PEM client certificate for a broker that asks for one (with --mqtt-key).")
    Path mqttCert;

    @Option(names = "--mqtt-key", paramLabel = "FILE",
            description = "PEM private key of --mqtt-cert (PKCS#8 or PKCS#1, unencrypted).")
    Path mqttKey;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client ID, or the prefix of the IDs when there are several connections "
                    + "(default: envmon-sim-<process id>, envmon-load-<process id> for load).")
    String clientId;

    @Option(names = "--qos", paramLabel = "0|1|2", defaultValue = "1",
            description = "MQTT QoS of the publications (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--max-inflight", paramLabel = "N", defaultValue = "100",
            description = "Most unacknowledged publications per connection; the broker's Receive Maximum lowers "
                    + "it further. Publishing waits while the window is full (default: ${DEFAULT-VALUE}).")
    int maxInflight;

    /**
     * @param defaultIdPrefix the client ID (prefix) without --client-id, followed by the process ID
     * @throws ParameterException naming the option at fault
     */
    MqttSettings settings(CommandLine commandLine, String defaultIdPrefix) {
        require(commandLine, qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        require(commandLine, maxInflight >= 1 && maxInflight <= 65_535, "--max-inflight must be between 1 and 65535");
        require(commandLine, mqttUrl.matches("(?i)(tcp|ssl|ws|wss)://.+"),
                "--mqtt-url must look like tcp://host:port (or ssl://, ws://, wss://)");
        String id = clientId != null ? clientId : defaultIdPrefix + "-" + ProcessHandle.current().pid();
        return new MqttSettings(mqttUrl, id, qos, maxInflight, Duration.ofSeconds(10)).withTls(tls(commandLine));
    }

    /** The socket factory of --mqtt-ca, --mqtt-cert and --mqtt-key, or {@code null} when none is given. */
    private SSLSocketFactory tls(CommandLine commandLine) {
        TlsFiles files = new TlsFiles(mqttCa, mqttCert, mqttKey);
        if (files.isEmpty()) {
            return null;
        }
        require(commandLine, mqttUrl.matches("(?i)(ssl|wss)://.+"), "--mqtt-ca, --mqtt-cert and --mqtt-key need an "
                + "ssl:// or wss:// --mqtt-url");
        try {
            return ClientTls.load(files).socketFactory();
        } catch (PemException e) {
            throw new ParameterException(commandLine, "--mqtt-ca/--mqtt-cert/--mqtt-key: " + e.getMessage());
        }
    }

    static void require(CommandLine commandLine, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(commandLine, message);
        }
    }
}
