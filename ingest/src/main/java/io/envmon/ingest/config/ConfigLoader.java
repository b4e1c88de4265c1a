package io.envmon.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ParseMode;
import io.envmon.hj212.mapping.DevicePasswords;
import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import io.envmon.model.Durations;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link IngestConfig} from defaults, an optional YAML file and environment variables (which win),
 * and validates every setting before anything connects. All problems are reported at once, each naming
 * its environment variable and file key.
 */
public final class ConfigLoader {

    static final Setting MQTT_URL = new Setting("mqtt.url", "ENVMON_MQTT_URL", "tcp://127.0.0.1:1883", false);
    static final Setting MQTT_USERNAME = new Setting("mqtt.username", "ENVMON_MQTT_USERNAME", null, false);
    static final Setting MQTT_PASSWORD = new Setting("mqtt.password", "ENVMON_MQTT_PASSWORD", null, true);
    static final Setting MQTT_CLIENT_ID = new Setting("mqtt.clientId", "ENVMON_MQTT_CLIENT_ID", "envmon-ingest", false);
    static final Setting MQTT_PUBLISHER_USERNAME = new Setting("mqtt.publisherUsername",
            "ENVMON_MQTT_PUBLISHER_USERNAME", null, false);
    static final Setting MQTT_PUBLISHER_PASSWORD = new Setting("mqtt.publisherPassword",
            "ENVMON_MQTT_PUBLISHER_PASSWORD", null, true);
    static final Setting MQTT_SESSION_EXPIRY = new Setting("mqtt.sessionExpiry", "ENVMON_MQTT_SESSION_EXPIRY", "7d", false);
    static final Setting MQTT_RECEIVE_MAXIMUM = new Setting("mqtt.receiveMaximum", "ENVMON_MQTT_RECEIVE_MAXIMUM", "10000", false);
    static final Setting MQTT_INFLIGHT_BYTES = new Setting("mqtt.inflightBytes", "ENVMON_MQTT_INFLIGHT_BYTES", "16MiB",
            false);
    static final Setting MQTT_KEEP_ALIVE = new Setting("mqtt.keepAlive", "ENVMON_MQTT_KEEP_ALIVE", "30s", false);
    static final Setting MQTT_TLS_CA = new Setting("mqtt.tls.ca", "ENVMON_MQTT_TLS_CA", null, false);
    static final Setting MQTT_TLS_CERT = new Setting("mqtt.tls.cert", "ENVMON_MQTT_TLS_CERT", null, false);
    static final Setting MQTT_TLS_KEY = new Setting("mqtt.tls.key", "ENVMON_MQTT_TLS_KEY", null, false);
    static final Setting TOPIC_ROOT = new Setting("topicRoot", "ENVMON_TOPIC_ROOT", "env", false);
    static final Setting INFLUX_URL = new Setting("influx.url", "ENVMON_INFLUX_URL", "http://127.0.0.1:8086", false);
    static final Setting INFLUX_API = new Setting("influx.api", "ENVMON_INFLUX_API", "v2", false);
    static final Setting INFLUX_ORG = new Setting("influx.org", "ENVMON_INFLUX_ORG", null, false);
    static final Setting INFLUX_BUCKET = new Setting("influx.bucket", "ENVMON_INFLUX_BUCKET", "env", false);
    static final Setting INFLUX_TOKEN = new Setting("influx.token", "ENVMON_INFLUX_TOKEN", null, true);
    static final Setting INFLUX_USERNAME = new Setting("influx.username", "ENVMON_INFLUX_USERNAME", null, false);
    static final Setting INFLUX_PASSWORD = new Setting("influx.password", "ENVMON_INFLUX_PASSWORD", null, true);
    static final Setting INFLUX_BATCH_SIZE = new Setting("influx.batchSize", "ENVMON_INFLUX_BATCH_SIZE", "5000", false);
    static final Setting INFLUX_FLUSH_INTERVAL = new Setting("influx.flushInterval", "ENVMON_INFLUX_FLUSH_INTERVAL", "100ms", false);
    static final Setting INFLUX_WRITE_CONCURRENCY = new Setting("influx.writeConcurrency",
            "ENVMON_INFLUX_WRITE_CONCURRENCY", String.valueOf(InfluxConfig.DEFAULT_WRITE_CONCURRENCY), false);
    static final Setting INFLUX_TIMEOUT = new Setting("influx.timeout", "ENVMON_INFLUX_TIMEOUT", "10s", false);
    static final Setting INFLUX_MAX_RETRY_DELAY = new Setting("influx.maxRetryDelay", "ENVMON_INFLUX_MAX_RETRY_DELAY", "30s", false);
    static final Setting INFLUX_TLS_CA = new Setting("influx.tls.ca", "ENVMON_INFLUX_TLS_CA", null, false);
    static final Setting INFLUX_TLS_CERT = new Setting("influx.tls.cert", "ENVMON_INFLUX_TLS_CERT", null, false);
    static final Setting INFLUX_TLS_KEY = new Setting("influx.tls.key", "ENVMON_INFLUX_TLS_KEY", null, false);
    static final Setting REGISTRY = new Setting("registry", "ENVMON_REGISTRY", "config/taigu.yaml", false);
    static final Setting HTTP_PORT = new Setting("http.port", "ENVMON_HTTP_PORT", "8080", false);
    static final Setting HTTP_TLS_CERT = new Setting("http.tls.cert", "ENVMON_HTTP_TLS_CERT", null, false);
    static final Setting HTTP_TLS_KEY = new Setting("http.tls.key", "ENVMON_HTTP_TLS_KEY", null, false);
    static final Setting HTTP_TLS_CLIENT_CA = new Setting("http.tls.clientCa", "ENVMON_HTTP_TLS_CLIENT_CA", null, false);
    static final Setting HTTP_BIND_ADDRESS = new Setting("http.bindAddress", "ENVMON_HTTP_BIND_ADDRESS", "127.0.0.1", false);
    static final Setting HTTP_IDLE_TIMEOUT = new Setting("http.idleTimeout", "ENVMON_HTTP_IDLE_TIMEOUT", "60s", false);
    static final Setting HTTP_READ_TIMEOUT = new Setting("http.readTimeout", "ENVMON_HTTP_READ_TIMEOUT", "10s", false);
    static final Setting HTTP_MAX_CONNECTIONS = new Setting("http.maxConnections", "ENVMON_HTTP_MAX_CONNECTIONS", "1000", false);
    static final Setting API_STREAM_BUFFER = new Setting("api.streamBufferBytes", "ENVMON_API_STREAM_BUFFER_BYTES",
            String.valueOf(256 * 1024), false);
    static final Setting API_MAX_STREAMS = new Setting("api.maxStreamsPerToken", "ENVMON_API_MAX_STREAMS_PER_TOKEN", "16", false);
    static final Setting HJ212_TCP_PORT = new Setting("hj212.tcpPort", "ENVMON_HJ212_TCP_PORT", null, false);
    static final Setting HJ212_MODE = new Setting("hj212.mode", "ENVMON_HJ212_MODE", "lenient", false);
    static final Setting HJ212_TIME_ZONE = new Setting("hj212.timeZone", "ENVMON_HJ212_TIME_ZONE", "Asia/Shanghai", false);
    static final Setting HJ212_MAX_SEGMENT = new Setting("hj212.maxSegmentBytes", "ENVMON_HJ212_MAX_SEGMENT_BYTES", null, false);
    static final Setting HJ212_IDLE_TIMEOUT = new Setting("hj212.idleTimeout", "ENVMON_HJ212_IDLE_TIMEOUT", "10m", false);
    static final Setting HJ212_MAX_CONNECTIONS = new Setting("hj212.maxConnections", "ENVMON_HJ212_MAX_CONNECTIONS", "1000", false);
    static final Setting HJ212_MAX_PENDING = new Setting("hj212.maxPendingFrames", "ENVMON_HJ212_MAX_PENDING_FRAMES", "64", false);
    static final Setting HJ212_SPLIT_TIMEOUT = new Setting("hj212.splitTimeout", "ENVMON_HJ212_SPLIT_TIMEOUT", "5m", false);
    static final Setting HJ212_BIND_ADDRESS = new Setting("hj212.bindAddress", "ENVMON_HJ212_BIND_ADDRESS",
            Hj212ServiceConfig.DEFAULT_BIND_ADDRESS, false);
    static final Setting HJ212_MAX_PER_ADDRESS = new Setting("hj212.maxConnectionsPerAddress",
            "ENVMON_HJ212_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(Hj212ServiceConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS), false);
    static final Setting HJ212_PASSWORDS = new Setting("hj212.passwordsFile", "ENVMON_HJ212_PASSWORDS", null, false);
    static final Setting HJ212_REQUIRE_PASSWORD = new Setting("hj212.requirePassword", "ENVMON_HJ212_REQUIRE_PASSWORD", "true", false);
    static final Setting ALERT_RULES = new Setting("alerts.rulesFile", "ENVMON_ALERT_RULES", "config/alert-rules.yaml", false);
    static final Setting ALERT_TICK = new Setting("alerts.tick", "ENVMON_ALERT_TICK", "30s", false);
    static final Setting WEBHOOKS = new Setting("alerts.webhooksFile", "ENVMON_WEBHOOKS", null, false);
    static final Setting API_TOKENS = new Setting("api.tokensFile", "ENVMON_API_TOKENS", null, false);
    static final Setting MAX_PAYLOAD = new Setting("ingest.maxPayloadBytes", "ENVMON_MAX_PAYLOAD_BYTES", "65536", false);
    static final Setting MAX_CLOCK_SKEW = new Setting("ingest.maxClockSkew", "ENVMON_MAX_CLOCK_SKEW", "5m", false);
    static final Setting SPOOL_DIR = new Setting("spool.dir", "ENVMON_SPOOL_DIR", SpoolConfig.DEFAULT_DIR, false);
    static final Setting SPOOL_MAX_BYTES = new Setting("spool.maxBytes", "ENVMON_SPOOL_MAX_BYTES",
            SpoolConfig.DEFAULT_MAX_BYTES, false);
    static final Setting SPOOL_AFTER = new Setting("spool.after", "ENVMON_SPOOL_AFTER", SpoolConfig.DEFAULT_AFTER, false);
    static final Setting MQTT_SHARE_GROUP = new Setting("mqtt.shareGroup", "ENVMON_MQTT_SHARE_GROUP", null, false);
    static final Setting CLUSTER_ENABLED = new Setting("cluster.enabled", "ENVMON_CLUSTER_ENABLED", "false", false);
    static final Setting CLUSTER_HOST = new Setting("cluster.host", "ENVMON_CLUSTER_HOST", "127.0.0.1", false);
    static final Setting CLUSTER_PORT = new Setting("cluster.port", "ENVMON_CLUSTER_PORT",
            String.valueOf(ClusterConfig.DEFAULT_PORT), false);
    static final Setting CLUSTER_BUS_PORT = new Setting("cluster.busPort", "ENVMON_CLUSTER_BUS_PORT", "0", false);
    static final Setting CLUSTER_MEMBERS = new Setting("cluster.members", "ENVMON_CLUSTER_MEMBERS", null, false);
    static final Setting CLUSTER_FAILURE_TIMEOUT = new Setting("cluster.failureTimeout",
            "ENVMON_CLUSTER_FAILURE_TIMEOUT", "15s", false);

    /** Every setting, in documentation order. */
    public static final List<Setting> SETTINGS = List.of(MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD, MQTT_CLIENT_ID,
            MQTT_PUBLISHER_USERNAME, MQTT_PUBLISHER_PASSWORD, MQTT_SESSION_EXPIRY, MQTT_RECEIVE_MAXIMUM, MQTT_INFLIGHT_BYTES,
            MQTT_KEEP_ALIVE, MQTT_TLS_CA, MQTT_TLS_CERT, MQTT_TLS_KEY, TOPIC_ROOT, INFLUX_URL, INFLUX_API,
            INFLUX_ORG, INFLUX_BUCKET, INFLUX_TOKEN, INFLUX_USERNAME, INFLUX_PASSWORD, INFLUX_BATCH_SIZE,
            INFLUX_FLUSH_INTERVAL, INFLUX_WRITE_CONCURRENCY, INFLUX_TIMEOUT, INFLUX_MAX_RETRY_DELAY, INFLUX_TLS_CA,
            INFLUX_TLS_CERT, INFLUX_TLS_KEY, REGISTRY, HTTP_PORT, HTTP_TLS_CERT, HTTP_TLS_KEY, HTTP_TLS_CLIENT_CA,
            HTTP_BIND_ADDRESS, HTTP_IDLE_TIMEOUT, HTTP_READ_TIMEOUT, HTTP_MAX_CONNECTIONS, HJ212_TCP_PORT,
            HJ212_MODE, HJ212_TIME_ZONE, HJ212_MAX_SEGMENT, HJ212_IDLE_TIMEOUT, HJ212_MAX_CONNECTIONS, HJ212_MAX_PENDING,
            HJ212_SPLIT_TIMEOUT, HJ212_BIND_ADDRESS, HJ212_MAX_PER_ADDRESS, HJ212_PASSWORDS, HJ212_REQUIRE_PASSWORD,
            ALERT_RULES, ALERT_TICK, WEBHOOKS, API_TOKENS, API_STREAM_BUFFER, API_MAX_STREAMS,
            MAX_PAYLOAD, MAX_CLOCK_SKEW, SPOOL_DIR, SPOOL_MAX_BYTES, SPOOL_AFTER, MQTT_SHARE_GROUP, CLUSTER_ENABLED,
            CLUSTER_HOST, CLUSTER_PORT, CLUSTER_BUS_PORT, CLUSTER_MEMBERS, CLUSTER_FAILURE_TIMEOUT);

    private static final List<String> MQTT_SCHEMES = List.of("tcp", "ssl", "ws", "wss");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader() {
    }

    /**
     * @param configFile the {@code --config} file, or {@code null}
     * @param env        the process environment (passed in so tests need not change the real one)
     * @throws ConfigException listing every problem found
     */
    public static IngestConfig load(Path configFile, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader();
        if (configFile != null) {
            loader.readFile(configFile);
        }
        SETTINGS.forEach(s -> {
            String fromEnv = env.get(s.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                loader.values.put(s.key(), fromEnv.trim());
            }
        });
        return loader.build();
    }

    private void readFile(Path file) {
        String where = "--config " + file + ": ";
        JsonNode root;
        try {
            root = StrictYaml.read(Files.readString(file));
        } catch (IOException e) {
            problems.add(where + "cannot read it (" + e.getMessage() + ")");
            return;
        } catch (InvalidYamlException e) {
            problems.add(where + e.getMessage());
            return;
        }
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            problems.add(where + "expected a mapping of settings (see docs/configuration.md)");
            return;
        }
        flatten("", root, where);
    }

    /** Each scalar under its dotted key; a mapping only where the key is a section, a list nowhere. */
    private void flatten(String prefix, JsonNode node, String where) {
        boolean setting = SETTINGS.stream().anyMatch(s -> s.key().equals(prefix));
        if (node.isObject() && !setting) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(StrictYaml.child(prefix, e.getKey()), e.getValue(), where);
            }
            return;
        }
        boolean section = SETTINGS.stream().anyMatch(s -> s.key().startsWith(prefix + "."));
        if (section) {
            problems.add(where + prefix + ": expected a mapping of its settings (see docs/configuration.md)");
        } else if (!setting) {
            problems.add(where + "unknown setting '" + prefix + "' (see docs/configuration.md)");
        } else if (node.isContainerNode()) {
            problems.add(where + prefix + ": expected a single value, not a " + (node.isArray() ? "list" : "mapping"));
        } else if (!node.isNull()) {
            values.put(prefix, node.asText());
        }
    }

    private String raw(Setting s) {
        return values.getOrDefault(s.key(), s.defaultValue());
    }

    private IngestConfig build() {
        TlsChecks tls = new TlsChecks(this::raw, problems);
        String mqttUrl = uri(MQTT_URL, MQTT_SCHEMES);
        String clientId = raw(MQTT_CLIENT_ID);
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            problems.add(MQTT_CLIENT_ID.label() + ": must be 1-128 characters and stable across restarts "
                    + "(the persistent session is bound to it)");
        }
        // the publishing connection logs in as the subscribing one unless it has an account of its own
        boolean ownPublisher = raw(MQTT_PUBLISHER_USERNAME) != null;
        MqttConfig mqtt = new MqttConfig(mqttUrl, raw(MQTT_USERNAME), raw(MQTT_PASSWORD), clientId,
                ownPublisher ? raw(MQTT_PUBLISHER_USERNAME) : raw(MQTT_USERNAME),
                ownPublisher ? raw(MQTT_PUBLISHER_PASSWORD) : raw(MQTT_PASSWORD),
                duration(MQTT_SESSION_EXPIRY, Duration.ofSeconds(1), Duration.ofSeconds(0xFFFFFFFEL)),
                integer(MQTT_RECEIVE_MAXIMUM, 1, 65535), inflightBytes(),
                duration(MQTT_KEEP_ALIVE, Duration.ofSeconds(1), Duration.ofSeconds(65535)),
                tls.client(MQTT_TLS_CA, MQTT_TLS_CERT, MQTT_TLS_KEY, MQTT_URL, List.of("ssl", "wss")));
        if (mqtt.password() != null && mqtt.username() == null) {
            problems.add(MQTT_PASSWORD.label() + ": is set but " + MQTT_USERNAME.label() + " is not");
        }
        if (raw(MQTT_PUBLISHER_PASSWORD) != null && !ownPublisher) {
            problems.add(MQTT_PUBLISHER_PASSWORD.label() + ": is set but " + MQTT_PUBLISHER_USERNAME.label()
                    + " is not");
        }

        String root = raw(TOPIC_ROOT);
        if (root == null || root.isEmpty() || root.contains("+") || root.contains("#") || root.startsWith("/")
                || root.endsWith("/") || root.contains("//")) {
            problems.add(TOPIC_ROOT.label() + ": '" + root + "' must be a topic prefix without wildcards or "
                    + "leading/trailing '/' (e.g. env or bureau/env)");
        }

        InfluxApi api = enumValue(INFLUX_API, InfluxApi.class);
        String bucket = raw(INFLUX_BUCKET);
        if (bucket == null || bucket.isBlank()) {
            problems.add(INFLUX_BUCKET.label() + ": must name the bucket (v2) or database[/retention] (v1)");
        } else if (api == InfluxApi.V1 && bucket.split("/", -1).length > 2) {
            problems.add(INFLUX_BUCKET.label() + ": '" + bucket + "' must be database or database/retention for v1");
        }
        String org = raw(INFLUX_ORG);
        if (api == InfluxApi.V2 && (org == null || org.isBlank())) {
            problems.add(INFLUX_ORG.label() + ": is required when " + INFLUX_API.env() + "=v2 (InfluxDB 2.x "
                    + "organisation; any value for 3.x); use " + INFLUX_API.env() + "=v1 for InfluxDB 1.x");
        }
        InfluxConfig influx = new InfluxConfig(uri(INFLUX_URL, List.of("http", "https")), api, org, bucket,
                raw(INFLUX_TOKEN), raw(INFLUX_USERNAME), raw(INFLUX_PASSWORD),
                integer(INFLUX_BATCH_SIZE, 1, 100_000),
                duration(INFLUX_FLUSH_INTERVAL, Duration.ofMillis(1), Duration.ofMinutes(1)),
                duration(INFLUX_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                duration(INFLUX_MAX_RETRY_DELAY, Duration.ofMillis(100), Duration.ofHours(1)),
                integer(INFLUX_WRITE_CONCURRENCY, 1, 16),
                tls.client(INFLUX_TLS_CA, INFLUX_TLS_CERT, INFLUX_TLS_KEY, INFLUX_URL, List.of("https")));
        if (influx.password() != null && influx.username() == null) {
            problems.add(INFLUX_PASSWORD.label() + ": is set but " + INFLUX_USERNAME.label() + " is not");
        }

        Path registry = registryPath();
        int httpPort = integer(HTTP_PORT, 0, 65535);
        HttpTlsConfig httpTls = tls.server(HTTP_TLS_CERT, HTTP_TLS_KEY, HTTP_TLS_CLIENT_CA);
        HttpServerConfig http = new HttpServerConfig(address(HTTP_BIND_ADDRESS),
                duration(HTTP_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                duration(HTTP_READ_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                integer(HTTP_MAX_CONNECTIONS, 1, 1_000_000),
                integer(API_STREAM_BUFFER, 1024, 64 * 1024 * 1024),
                integer(API_MAX_STREAMS, 1, 100_000));
        Integer hj212 = raw(HJ212_TCP_PORT) == null ? null : integer(HJ212_TCP_PORT, 1, 65535);
        Hj212ServiceConfig hj212Config = hj212(hj212);
        int maxPayload = integer(MAX_PAYLOAD, 1024, 16 * 1024 * 1024);
        Duration skew = duration(MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofDays(1));
        AlertsConfig alerts = new AlertsConfig(optionalFile(ALERT_RULES), optionalFile(API_TOKENS),
                optionalFile(WEBHOOKS), duration(ALERT_TICK, Duration.ofSeconds(1), Duration.ofMinutes(10)));
        SpoolConfig spool = spool();
        ClusterConfig cluster = cluster();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new IngestConfig(mqtt, influx, root, registry, httpPort, hj212, maxPayload, skew, hj212Config, alerts,
                spool, httpTls, http, cluster);
    }

    /** Scale-out (docs/scale-out.md): all of it off unless ENVMON_CLUSTER_ENABLED is true. */
    private ClusterConfig cluster() {
        boolean enabled = bool(CLUSTER_ENABLED);
        String group = raw(MQTT_SHARE_GROUP);
        if (group != null && (group.isBlank() || group.contains("/") || group.contains("+") || group.contains("#"))) {
            problems.add(MQTT_SHARE_GROUP.label() + ": '" + group + "' must be a name without '/', '+' or '#' "
                    + "(e.g. envmon)");
        }
        String host = address(CLUSTER_HOST);
        int port = integer(CLUSTER_PORT, 1, 65535);
        int busPort = integer(CLUSTER_BUS_PORT, 0, 65535);
        Duration failure = duration(CLUSTER_FAILURE_TIMEOUT, Duration.ofSeconds(2), Duration.ofMinutes(10));
        List<String> members = new ArrayList<>();
        String listed = raw(CLUSTER_MEMBERS);
        if (listed != null) {
            for (String m : listed.split(",")) {
                String member = m.trim();
                int colon = member.lastIndexOf(':');
                boolean ok = colon > 0 && member.substring(colon + 1).matches("[0-9]{1,5}")
                        && Integer.parseInt(member.substring(colon + 1)) <= 65535;
                if (ok) {
                    members.add(member);
                } else if (!member.isEmpty()) {
                    problems.add(CLUSTER_MEMBERS.label() + ": '" + member + "' must be host:port (e.g. "
                            + "10.0.0.11:5701,10.0.0.12:5701)");
                }
            }
        }
        if (enabled && members.isEmpty() && listed == null) {
            problems.add(CLUSTER_MEMBERS.label() + ": is required when " + CLUSTER_ENABLED.env()
                    + "=true (host:port of the instances, comma-separated)");
        }
        if (enabled && group == null) {
            problems.add(MQTT_SHARE_GROUP.label() + ": is required when " + CLUSTER_ENABLED.env() + "=true: "
                    + "without a shared subscription every instance would store every reading");
        }
        if (!enabled && (group != null || listed != null)) {
            problems.add((group != null ? MQTT_SHARE_GROUP : CLUSTER_MEMBERS).label() + ": is set but "
                    + CLUSTER_ENABLED.env() + " is not true (instances sharing readings must share the alert "
                    + "evaluation too: docs/scale-out.md)");
        }
        return new ClusterConfig(enabled, host, port, busPort, members, failure, enabled ? group : null);
    }

    private long inflightBytes() {
        long bytes = ByteSizes.parse(MQTT_INFLIGHT_BYTES, raw(MQTT_INFLIGHT_BYTES), problems);
        if (bytes != 0 && (bytes < ByteSizes.MIB || bytes > ByteSizes.GIB)) {
            problems.add(MQTT_INFLIGHT_BYTES.label() + ": " + raw(MQTT_INFLIGHT_BYTES) + " must be between 1MiB and 1GiB");
        }
        return Math.max(bytes, ByteSizes.MIB);
    }

    /** The folder is only checked for form here; Main opens it (creating, locking) before anything connects. */
    private SpoolConfig spool() {
        long maxBytes = ByteSizes.parse(SPOOL_MAX_BYTES, raw(SPOOL_MAX_BYTES), problems);
        if (maxBytes != 0 && (maxBytes < ByteSizes.MIB || maxBytes > ByteSizes.TIB)) {
            problems.add(SPOOL_MAX_BYTES.label() + ": " + raw(SPOOL_MAX_BYTES) + " must be 0 (no spool) or between "
                    + "1MiB and 1TiB");
        }
        String dir = raw(SPOOL_DIR);
        Path path = null;
        if (dir == null || dir.isBlank()) {
            problems.add(SPOOL_DIR.label() + ": must be the path of a folder the service may write");
        } else {
            try {
                path = Path.of(dir);
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(SPOOL_DIR.label() + ": '" + dir + "' is not a path (" + e.getReason() + ")");
            }
            if (path != null && Files.exists(path) && !Files.isDirectory(path)) {
                problems.add(SPOOL_DIR.label() + ": '" + path.toAbsolutePath() + "' exists and is not a folder");
            }
        }
        return new SpoolConfig(path, maxBytes, duration(SPOOL_AFTER, Duration.ofMillis(100), Duration.ofMinutes(10)));
    }

    private Hj212ServiceConfig hj212(Integer tcpPort) {
        ZoneId zone = Hj212ServiceConfig.defaults().timeZone();
        try {
            zone = ZoneId.of(raw(HJ212_TIME_ZONE));
        } catch (java.time.DateTimeException | NullPointerException e) {
            problems.add(HJ212_TIME_ZONE.label() + ": '" + raw(HJ212_TIME_ZONE) + "' is not a time zone (e.g. Asia/Shanghai)");
        }
        return new Hj212ServiceConfig(tcpPort, enumValue(HJ212_MODE, ParseMode.class), zone,
                raw(HJ212_MAX_SEGMENT) == null ? null : integer(HJ212_MAX_SEGMENT, 64, Hj212Config.LENIENT_MAX_SEGMENT),
                duration(HJ212_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                integer(HJ212_MAX_CONNECTIONS, 1, 1_000_000),
                integer(HJ212_MAX_PENDING, 1, 10_000),
                duration(HJ212_SPLIT_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                address(HJ212_BIND_ADDRESS), integer(HJ212_MAX_PER_ADDRESS, 1, 1_000_000),
                bool(HJ212_REQUIRE_PASSWORD), passwords());
    }

    /** The device passwords file, read and checked now so that a bad line stops the start naming it. */
    private DevicePasswords passwords() {
        Path file = optionalFile(HJ212_PASSWORDS);
        if (file == null || !Files.isReadable(file)) {
            return DevicePasswords.none();
        }
        try {
            return DevicePasswords.parse(Files.readString(file), HJ212_PASSWORDS.label() + " '" + file + "'");
        } catch (IOException e) {
            problems.add(HJ212_PASSWORDS.label() + ": cannot read '" + file + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return DevicePasswords.none();
    }

    /** An IP address literal or a host name to listen on ({@code 0.0.0.0}: every interface). */
    private String address(Setting s) {
        String value = raw(s);
        if (!ListenAddress.isValid(value)) {
            problems.add(s.label() + ": '" + value + "' is not an address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }
        return value;
    }

    private boolean bool(Setting s) {
        String value = raw(s);
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        problems.add(s.label() + ": '" + value + "' must be true or false");
        return Boolean.parseBoolean(s.defaultValue());
    }

    /**
     * A file that must exist when set. The default rules file may be absent (a jar run from elsewhere): the
     * built-in defaults, which the shipped file repeats, apply then.
     */
    private Path optionalFile(Setting s) {
        String value = raw(s);
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            if (value.equals(s.defaultValue()) && !values.containsKey(s.key())) {
                return null;
            }
            problems.add(s.label() + ": file '" + path.toAbsolutePath() + "' does not exist or is not readable");
        }
        return path;
    }

    private Path registryPath() {
        String value = raw(REGISTRY);
        if (value == null || value.isBlank()) {
            problems.add(REGISTRY.label() + ": must be the path of the registry YAML file");
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            problems.add(REGISTRY.label() + ": file '" + path.toAbsolutePath() + "' does not exist or is not readable");
        }
        return path;
    }

    private String uri(Setting s, List<String> schemes) {
        String value = raw(s);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                problems.add(s.label() + ": '" + value + "' must be a URL like " + schemes.iterator().next()
                        + "://host:port (schemes: " + String.join(", ", schemes) + ")");
            }
        } catch (URISyntaxException | NullPointerException e) {
            problems.add(s.label() + ": '" + value + "' is not a URL");
        }
        return value;
    }

    private int integer(Setting s, int min, int max) {
        String value = raw(s);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problems.add(s.label() + ": " + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(s.label() + ": '" + value + "' is not a whole number");
            return min;
        }
    }

    private Duration duration(Setting s, Duration min, Duration max) {
        String value = raw(s);
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(s.label() + ": '" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 2h, 7d)");
            return min;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(s.label() + ": " + value + " is outside " + min + ".." + max);
        }
        return d;
    }

    private <E extends Enum<E>> E enumValue(Setting s, Class<E> type) {
        String value = raw(s);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problems.add(s.label() + ": '" + value + "' is not one of " + String.join(", ", names));
        return type.getEnumConstants()[type.getEnumConstants().length - 1];
    }

}
