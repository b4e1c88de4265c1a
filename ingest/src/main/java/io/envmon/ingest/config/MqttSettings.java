package io.envmon.ingest.config;

import java.time.Duration;
import java.util.List;

/** The broker connection's settings, {@code ENVMON_MQTT_*} (docs/configuration.md). */
final class MqttSettings {

    static final Setting URL = new Setting("mqtt.url", "ENVMON_MQTT_URL", "tcp://127.0.0.1:1883", false);
    static final Setting USERNAME = new Setting("mqtt.username", "ENVMON_MQTT_USERNAME", null, false);
    static final Setting PASSWORD = new Setting("mqtt.password", "ENVMON_MQTT_PASSWORD", null, true);
    static final Setting CLIENT_ID = new Setting("mqtt.clientId", "ENVMON_MQTT_CLIENT_ID", "envmon-ingest", false);
    static final Setting PUBLISHER_USERNAME = new Setting("mqtt.publisherUsername",
            "ENVMON_MQTT_PUBLISHER_USERNAME", null, false);
    static final Setting PUBLISHER_PASSWORD = new Setting("mqtt.publisherPassword",
            "ENVMON_MQTT_PUBLISHER_PASSWORD", null, true);
    static final Setting SESSION_EXPIRY = new Setting("mqtt.sessionExpiry", "ENVMON_MQTT_SESSION_EXPIRY", "7d", false);
    static final Setting RECEIVE_MAXIMUM = new Setting("mqtt.receiveMaximum", "ENVMON_MQTT_RECEIVE_MAXIMUM", "10000", false);
    static final Setting INFLIGHT_BYTES = new Setting("mqtt.inflightBytes", "ENVMON_MQTT_INFLIGHT_BYTES", "16MiB",
            false);
    static final Setting KEEP_ALIVE = new Setting("mqtt.keepAlive", "ENVMON_MQTT_KEEP_ALIVE", "30s", false);
    static final Setting TLS_CA = new Setting("mqtt.tls.ca", "ENVMON_MQTT_TLS_CA", null, false);
    static final Setting TLS_CERT = new Setting("mqtt.tls.cert", "ENVMON_MQTT_TLS_CERT", null, false);
    static final Setting TLS_KEY = new Setting("mqtt.tls.key", "ENVMON_MQTT_TLS_KEY", null, false);

    private static final List<String> SCHEMES = List.of("tcp", "ssl", "ws", "wss");

    private MqttSettings() {
    }

    static MqttConfig read(SettingValues v) {
        String url = v.uri(URL, SCHEMES);
        String clientId = v.raw(CLIENT_ID);
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            v.problem(CLIENT_ID.label() + ": must be 1-128 characters and stable across restarts "
                    + "(the persistent session is bound to it)");
        }
        // the publishing connection logs in as the subscribing one unless it has an account of its own
        boolean ownPublisher = v.raw(PUBLISHER_USERNAME) != null;
        MqttConfig mqtt = new MqttConfig(url, v.raw(USERNAME), v.raw(PASSWORD), clientId,
                ownPublisher ? v.raw(PUBLISHER_USERNAME) : v.raw(USERNAME),
                ownPublisher ? v.raw(PUBLISHER_PASSWORD) : v.raw(PASSWORD),
                v.duration(SESSION_EXPIRY, Duration.ofSeconds(1), Duration.ofSeconds(0xFFFFFFFEL)),
                v.integer(RECEIVE_MAXIMUM, 1, 65535), inflightBytes(v),
                v.duration(KEEP_ALIVE, Duration.ofSeconds(1), Duration.ofSeconds(65535)),
                v.tls().client(TLS_CA, TLS_CERT, TLS_KEY, URL, List.of("ssl", "wss")));
        if (mqtt.password() != null && mqtt.username() == null) {
            v.problem(PASSWORD.label() + ": is set but " + USERNAME.label() + " is not");
        }
        if (v.raw(PUBLISHER_PASSWORD) != null && !ownPublisher) {
            v.problem(PUBLISHER_PASSWORD.label() + ": is set but " + PUBLISHER_USERNAME.label() + " is not");
        }
        return mqtt;
    }

    private static long inflightBytes(SettingValues v) {
        long bytes = ByteSizes.parse(INFLIGHT_BYTES, v.raw(INFLIGHT_BYTES), v.problems());
        if (bytes != 0 && (bytes < ByteSizes.MIB || bytes > ByteSizes.GIB)) {
            v.problem(INFLIGHT_BYTES.label() + ": " + v.raw(INFLIGHT_BYTES) + " must be between 1MiB and 1GiB");
        }
        return Math.max(bytes, ByteSizes.MIB);
    }
}
