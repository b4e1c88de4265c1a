package io.envmon.simulator.cli;

import io.envmon.simulator.transport.MqttSettings;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which broker and how to publish to it, shared by {@code run}, {@code replay} and {@code load}. */
public final class BrokerOptions {

    @Option(names = "--mqtt-url", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker URL (default: ${DEFAULT-VALUE}); tcp://, ssl://, ws:// or wss://.")
    String mqttUrl;

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
        return new MqttSettings(mqttUrl, id, qos, maxInflight, Duration.ofSeconds(10));
    }

    static void require(CommandLine commandLine, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(commandLine, message);
        }
    }
}
