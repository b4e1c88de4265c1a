package io.envmon.ingest.config;

import java.time.Duration;
import java.util.List;

/**
 * Several instances of the service sharing the readings and the alert evaluation (docs/scale-out.md). Off by default:
 * one instance, as before.
 *
 * @param enabled        {@code ENVMON_CLUSTER_ENABLED}: join the other instances (Hazelcast, clustered event bus)
 * @param host           {@code ENVMON_CLUSTER_HOST}: the address this instance listens on and the others reach it at
 * @param port           {@code ENVMON_CLUSTER_PORT}: Hazelcast's port
 * @param busPort        {@code ENVMON_CLUSTER_BUS_PORT}: the event bus's port (0: any free one, told to the others)
 * @param members        {@code ENVMON_CLUSTER_MEMBERS}: {@code host:port} of the instances to join (TCP/IP, no
 *                       multicast); this instance may be among them
 * @param failureTimeout {@code ENVMON_CLUSTER_FAILURE_TIMEOUT}: an instance not heard from for this long is taken for
 *                       dead and its points evaluated by the others
 * @param shareGroup     {@code ENVMON_MQTT_SHARE_GROUP}: the MQTT v5 shared subscription group
 *                       ({@code $share/{group}/...}); {@code null}: ordinary subscriptions
 */
public record ClusterConfig(boolean enabled, String host, int port, int busPort, List<String> members,
                            Duration failureTimeout, String shareGroup) {

    public static final int DEFAULT_PORT = 5701;

    public ClusterConfig {
        members = List.copyOf(members);
    }

    /** One instance: no cluster, no shared subscription. */
    public static ClusterConfig disabled() {
        return new ClusterConfig(false, "127.0.0.1", DEFAULT_PORT, 0, List.of(), Duration.ofSeconds(15), null);
    }

    /** The topic filter to subscribe to: shared when a group is set. */
    public String subscription(String filter) {
        return shareGroup == null ? filter : "$share/" + shareGroup + "/" + filter;
    }
}
