package io.envmon.model.registry;

import io.envmon.model.SiteKind;

/**
 * The broker's user names (deploy/mosquitto/acl, docs/deployment.md): one per station, section and enterprise,
 * named after its topic segment and ID, so a device's credentials follow from the registry.
 */
public final class MqttUsers {

    /**
     * The ingest service's account for its subscribing connection: reads the device topics. The deploy broker uses
     * each user name as the client ID ({@code use_username_as_clientid}), so this is also the service's client ID and
     * the name of its persistent session ({@code ENVMON_MQTT_CLIENT_ID}).
     */
    public static final String INGEST = ingest(1);
    /** The ingest service's account for its publishing connection: dead letters, alerts and HJ 212 replies. */
    public static final String INGEST_PUBLISHER = ingestPublisher(1);
    /** Duty officers and gateways: read alerts and dead letters. */
    public static final String OPERATOR = "envmon-operator";

    private MqttUsers() {
    }

    /**
     * The subscribing account of ingest instance {@code n} ({@code envmon-ingest-1}, {@code -2}, …): each running
     * instance needs its own, because its user name is its client ID and two connections with one client ID replace
     * each other.
     */
    public static String ingest(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ingest instances are numbered from 1: " + n);
        }
        return "envmon-ingest-" + n;
    }

    /**
     * The publishing account of ingest instance {@code n} ({@code envmon-ingest-1-pub}): the client ID the service
     * gives its second connection ({@code {clientId}-pub}), which needs an account of its own for the same reason.
     */
    public static String ingestPublisher(int n) {
        return ingest(n) + "-pub";
    }

    /** {@code air-TG-A01}, {@code water-XYH-01}, {@code enterprise-E001}: all outlets of an enterprise share its user. */
    public static String of(SiteKind kind, String site) {
        return kind.topicSegment() + "-" + site;
    }
}
