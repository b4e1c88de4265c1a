package io.envmon.grafana.gen;

import io.envmon.model.SiteKind;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MqttUsers;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Mosquitto ACL of the deployment (deploy/mosquitto/acl), from the registry: every enterprise's account may
 * publish only under {@code {root}/enterprise/{id}/} (and the HJ 212 topics of its own outlets' MNs) and read only its
 * own alerts; each air station and water section likewise; the ingest service reads the device topics and writes
 * dead letters, alerts and HJ 212 replies; operators read alerts and dead letters.
 */
public final class MosquittoAcl {

    public static final String INGEST_USER = MqttUsers.INGEST;
    public static final String INGEST_PUBLISHER_USER = MqttUsers.INGEST_PUBLISHER;
    /**
     * How many ingest instances get an account ({@link MqttUsers#ingest}): raise it and regenerate to run more
     * (each instance logs in as its own, with ENVMON_MQTT_CLIENT_ID = ENVMON_MQTT_USERNAME).
     */
    public static final int INGEST_INSTANCES = 1;
    public static final String OPERATOR_USER = MqttUsers.OPERATOR;

    private MosquittoAcl() {
    }

    public static String enterpriseUser(Enterprise e) {
        return MqttUsers.of(SiteKind.ENTERPRISE, e.id());
    }

    public static String stationUser(AirStation s) {
        return MqttUsers.of(SiteKind.AIR, s.id());
    }

    public static String sectionUser(WaterSection s) {
        return MqttUsers.of(SiteKind.WATER, s.id());
    }

    public static String generate(Registry registry, String root) {
        StringBuilder acl = new StringBuilder();
        acl.append("""
                # Mosquitto ACL for envmon (deploy/docker-compose.yml, listener 1883).
                # GENERATED from config/taigu.yaml by the grafana module's tests (io.envmon.grafana.gen.MosquittoAcl);
                # do not edit by hand: regenerate with
                #   mvn -B -pl grafana -am test -Dtest=GeneratedFilesTest -Denvmon.grafana.write=true -Dsurefire.failIfNoSpecifiedTests=false
                # Passwords: deploy/mosquitto/make-passwords.sh creates one per user below (docs/deployment.md).
                # "topic write" = may publish, "topic read" = may subscribe and receive. Anything not granted is denied.

                # The ingest service, two accounts per instance (MosquittoAcl.INGEST_INSTANCES): the broker uses each user
                # name as client ID (mosquitto.conf), and the service opens two connections.
                # envmon-ingest-N (ENVMON_MQTT_USERNAME = ENVMON_MQTT_CLIENT_ID) takes the device topics in;
                # envmon-ingest-N-pub (ENVMON_MQTT_PUBLISHER_USERNAME) publishes dead letters, alerts, HJ 212 replies.
                """);
        Set<String> users = new HashSet<>();
        for (int n = 1; n <= INGEST_INSTANCES; n++) {
            user(acl, users, MqttUsers.ingest(n), List.of(
                    "topic read " + root + "/air/#",
                    "topic read " + root + "/water/#",
                    "topic read " + root + "/enterprise/#",
                    "topic read " + root + "/hj212/+"));
            user(acl, users, MqttUsers.ingestPublisher(n), List.of(
                    "topic write " + root + "/hj212/+/down",
                    "topic write " + root + "/deadletter",
                    "topic write " + root + "/alerts/#"));
        }
        acl.append("\n# Duty officers and notification gateways: alerts and dead letters, read only.\n");
        user(acl, users, OPERATOR_USER, List.of(
                "topic read " + root + "/alerts/#",
                "topic read " + root + "/deadletter"));

        acl.append("\n# Ambient air stations: each its own reading topic (and HJ 212 topics of its MN).\n");
        for (AirStation s : registry.air()) {
            user(acl, users, stationUser(s), device(root, "air/" + s.id(), s.mn(), "air/" + s.id()));
        }
        acl.append("\n# River sections.\n");
        for (WaterSection s : registry.water()) {
            user(acl, users, sectionUser(s), device(root, "water/" + s.id(), s.mn(), "water/" + s.id()));
        }
        acl.append("\n# Enterprises (CONTRACT §1): readings of their own outlets only, their own alerts only.\n");
        for (Enterprise e : registry.enterprises()) {
            List<String> lines = new java.util.ArrayList<>();
            lines.add("topic write " + root + "/enterprise/" + e.id() + "/#");
            lines.add("topic read " + root + "/alerts/enterprise/" + e.id());
            for (Outlet o : e.outlets()) {
                if (o.mn() != null) {
                    lines.add("topic write " + root + "/hj212/" + o.mn());
                    lines.add("topic read " + root + "/hj212/" + o.mn() + "/down");
                }
            }
            acl.append("# ").append(e.name()).append('\n');
            user(acl, users, enterpriseUser(e), lines);
        }
        return acl.toString();
    }

    /** A station's or section's grants: its reading topic, its alerts, and its MN's HJ 212 topics. */
    private static List<String> device(String root, String topic, String mn, String alerts) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("topic write " + root + "/" + topic);
        lines.add("topic read " + root + "/alerts/" + alerts);
        if (mn != null) {
            lines.add("topic write " + root + "/hj212/" + mn);
            lines.add("topic read " + root + "/hj212/" + mn + "/down");
        }
        return lines;
    }

    private static void user(StringBuilder acl, Set<String> users, String user, List<String> lines) {
        if (!users.add(user)) {
            throw new IllegalStateException("two registry entries give the MQTT user name " + user);
        }
        acl.append("user ").append(user).append('\n');
        lines.forEach(l -> acl.append(l).append('\n'));
    }

    /** Every user name the ACL grants something to, in file order. */
    public static List<String> users(String acl) {
        return acl.lines().filter(l -> l.startsWith("user ")).map(l -> l.substring(5).trim()).toList();
    }
}
