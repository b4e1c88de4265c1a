package io.envmon.simulator.hj212;

import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.transport.MqttSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code run --protocol hj212-mqtt|hj212-tcp}: the points that can speak HJ 212 (those with an {@code mn}) and the
 * transport that turns their readings into CN=2011 frames and counts the 9014 replies.
 *
 * @param points  the registry without the points that have no {@code mn}
 * @param skipped how many points were left out for having no {@code mn}
 */
public record Hj212Run(Registry points, Hj212Transport transport, int skipped) {

    public static final String JSON = "json";
    public static final String HJ212_MQTT = "hj212-mqtt";
    public static final String HJ212_TCP = "hj212-tcp";
    public static final List<String> PROTOCOLS = List.of(JSON, HJ212_MQTT, HJ212_TCP);
    /** HJ 212-2017 table 1: a device waits 10 s for the answer and tries 3 more times. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    public static final int RETRIES = 3;

    /**
     * @param tcpAddress {@code host:port} of the gateway, for {@link #HJ212_TCP}
     * @throws IllegalArgumentException when no point has an mn, or the address is not host:port
     */
    public static Hj212Run prepare(String protocol, Registry registry, String tcpAddress, MqttSettings mqtt,
                                   String topicRoot) {
        int maxInflight = mqtt.maxInflight();
        Registry points = Hj212Devices.withMnOnly(registry);
        int skipped = registry.points().size() - points.points().size();
        if (points.points().isEmpty()) {
            throw new IllegalArgumentException("no point of the registry has an mn: nothing can speak HJ 212");
        }
        Hj212Uplink uplink = HJ212_TCP.equals(protocol) ? TcpUplink.parse(tcpAddress)
                : new MqttUplink(mqtt.serverUri(), mqtt.clientId(), topicRoot, mqtt.tls());
        return new Hj212Run(points, new Hj212Transport(uplink, new Hj212Devices(points), maxInflight, REPLY_TIMEOUT,
                RETRIES, Clock.systemUTC()), skipped);
    }

    public String announcement() {
        return transport.describe() + ": " + points.points().size() + " devices with an mn"
                + (skipped == 0 ? "" : "; " + skipped + " points without an mn are not simulated");
    }
}
