package io.envmon.model.registry;

import io.envmon.model.SiteKind;

/**
 * The broker's user names (deploy/mosquitto/acl, docs/deployment.md): one per station, section and enterprise,
 * named after its topic segment and ID, so a device's credentials follow from the registry.
 */
public final class MqttUsers {

    /** The ingest service: reads device topics, writes dead letters, alerts and HJ 212 replies. */
    public static final String INGEST = "envmon-ingest";
    /** Duty officers and gateways: read alerts and dead letters. */
    public static final String OPERATOR = "envmon-operator";

    private MqttUsers() {
    }

    /** {@code air-TG-A01}, {@code water-XYH-01}, {@code enterprise-E001}: all outlets of an enterprise share its user. */
    public static String of(SiteKind kind, String site) {
        return kind.topicSegment() + "-" + site;
    }
}
