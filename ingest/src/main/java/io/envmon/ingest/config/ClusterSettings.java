package io.envmon.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scale-out, {@code ENVMON_CLUSTER_*} and {@code ENVMON_MQTT_SHARE_GROUP} (docs/configuration.md, docs/scale-out.md):
 * all of it off unless {@code ENVMON_CLUSTER_ENABLED} is true.
 */
final class ClusterSettings {

    static final Setting SHARE_GROUP = new Setting("mqtt.shareGroup", "ENVMON_MQTT_SHARE_GROUP", null, false);
    static final Setting ENABLED = new Setting("cluster.enabled", "ENVMON_CLUSTER_ENABLED", "false", false);
    static final Setting HOST = new Setting("cluster.host", "ENVMON_CLUSTER_HOST", "127.0.0.1", false);
    static final Setting PORT = new Setting("cluster.port", "ENVMON_CLUSTER_PORT",
            String.valueOf(ClusterConfig.DEFAULT_PORT), false);
    static final Setting BUS_PORT = new Setting("cluster.busPort", "ENVMON_CLUSTER_BUS_PORT", "0", false);
    static final Setting MEMBERS = new Setting("cluster.members", "ENVMON_CLUSTER_MEMBERS", null, false);
    static final Setting FAILURE_TIMEOUT = new Setting("cluster.failureTimeout", "ENVMON_CLUSTER_FAILURE_TIMEOUT",
            "15s", false);

    private ClusterSettings() {
    }

    static ClusterConfig read(SettingValues v) {
        boolean enabled = v.bool(ENABLED);
        String group = v.raw(SHARE_GROUP);
        if (group != null && (group.isBlank() || group.contains("/") || group.contains("+") || group.contains("#"))) {
            v.problem(SHARE_GROUP.label() + ": '" + group + "' must be a name without '/', '+' or '#' (e.g. envmon)");
        }
        String host = v.address(HOST);
        int port = v.integer(PORT, 1, 65535);
        int busPort = v.integer(BUS_PORT, 0, 65535);
        Duration failure = v.duration(FAILURE_TIMEOUT, Duration.ofSeconds(2), Duration.ofMinutes(10));
        List<String> members = new ArrayList<>();
        String listed = v.raw(MEMBERS);
        if (listed != null) {
            for (String m : listed.split(",")) {
                String member = m.trim();
                int colon = member.lastIndexOf(':');
                boolean ok = colon > 0 && member.substring(colon + 1).matches("[0-9]{1,5}")
                        && Integer.parseInt(member.substring(colon + 1)) <= 65535;
                if (ok) {
                    members.add(member);
                } else if (!member.isEmpty()) {
                    v.problem(MEMBERS.label() + ": '" + member + "' must be host:port (e.g. "
                            + "10.0.0.11:5701,10.0.0.12:5701)");
                }
            }
        }
        if (enabled && listed == null) {
            v.problem(MEMBERS.label() + ": is required when " + ENABLED.env()
                    + "=true (host:port of the instances, comma-separated)");
        }
        if (enabled && group == null) {
            v.problem(SHARE_GROUP.label() + ": is required when " + ENABLED.env() + "=true: "
                    + "without a shared subscription every instance would store every reading");
        }
        if (!enabled && (group != null || listed != null)) {
            v.problem((group != null ? SHARE_GROUP : MEMBERS).label() + ": is set but " + ENABLED.env()
                    + " is not true (instances sharing readings must share the alert evaluation too: "
                    + "docs/scale-out.md)");
        }
        return new ClusterConfig(enabled, host, port, busPort, members, failure, enabled ? group : null);
    }
}
