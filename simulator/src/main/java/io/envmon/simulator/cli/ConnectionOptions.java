package io.envmon.simulator.cli;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.MqttUsers;
import io.envmon.simulator.run.DeviceBuffer;
import io.envmon.simulator.transport.MqttCredentials;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.PahoMqttTransport;
import io.envmon.simulator.transport.SiteConnections;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The broker and how the devices reach it, shared by {@code run} and {@code replay}. */
public final class ConnectionOptions {

    static final String PER_SITE = "per-site";
    static final String SHARED = "shared";

    @Option(names = "--connections", paramLabel = "per-site|shared", defaultValue = PER_SITE,
            description = "per-site: one MQTT connection per station, section and enterprise (client ID "
                    + "<client-id>-<site>, own session, in-flight window and reconnect), as the district's data "
                    + "loggers have. shared: one connection for all points (fewer sockets, e.g. for huge "
                    + "registries) (default: ${DEFAULT-VALUE}).")
    String connections;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Log each site in as its own broker user (air-TG-A01, water-XYH-01, enterprise-E001), "
                    + "with the passwords in FILE: 'user<TAB>password' lines, the format of "
                    + "deploy/secrets/mqtt-passwords.txt made by deploy/mosquitto/make-passwords.sh. Needs "
                    + "--connections per-site. Default: anonymous.")
    Path credentials;

    @Option(names = "--device-buffer", paramLabel = "N", defaultValue = "10080",
            description = "Readings each device keeps while its connection is down (the oldest are overwritten "
                    + "beyond that); when it is back they are sent as {\"readings\": [...]} batches of up to 60 "
                    + "(default: ${DEFAULT-VALUE}, a week of 1-minute readings).")
    int deviceBuffer;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    /** @throws ParameterException naming the option at fault */
    MqttSettings settings(CommandLine commandLine) {
        MqttSettings settings = broker.settings(commandLine, "envmon-sim");
        BrokerOptions.require(commandLine, PER_SITE.equals(connections) || SHARED.equals(connections),
                "--connections must be per-site or shared");
        BrokerOptions.require(commandLine, credentials == null || PER_SITE.equals(connections),
                "--credentials needs --connections per-site (each site logs in as its own user)");
        BrokerOptions.require(commandLine, deviceBuffer >= 1, "--device-buffer must be at least 1");
        return settings;
    }

    /** The operator's login from --credentials (may read dead letters), or {@code null} (anonymous). */
    MqttCredentials.Login operatorLogin() throws TransportException {
        return credentials == null ? null : MqttCredentials.load(credentials).find(MqttUsers.OPERATOR).orElse(null);
    }

    DeviceBuffer deviceBuffer() {
        return new DeviceBuffer(deviceBuffer, DeviceBuffer.DEFAULT.batch());
    }

    /**
     * The transport for {@code points}: a connection per site or one for all.
     *
     * @throws TransportException when the credentials file cannot be read or lacks a site's password
     */
    Transport transport(List<MonitoredPoint> points, MqttSettings settings) throws TransportException {
        if (SHARED.equals(connections)) {
            return new PahoMqttTransport(settings);
        }
        return new SiteConnections(points, settings, credentials == null ? null : MqttCredentials.load(credentials));
    }

}
