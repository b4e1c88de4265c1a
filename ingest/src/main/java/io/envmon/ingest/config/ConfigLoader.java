package io.envmon.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link IngestConfig} from defaults, an optional YAML file and environment variables (which win),
 * and validates every setting before anything connects. All problems are reported at once, each naming
 * its environment variable and file key. Each section's settings and checks are in a class of its own
 * ({@link MqttSettings}, {@link InfluxSettings}, {@link HttpSettings}, {@link Hj212Settings},
 * {@link AlertSettings}, {@link SpoolSettings}, {@link ServiceSettings}); this class reads the file and the
 * environment and puts the sections together.
 */
public final class ConfigLoader {

    /** Every setting, in documentation order. */
    public static final List<Setting> SETTINGS = List.of(MqttSettings.URL, MqttSettings.USERNAME,
            MqttSettings.PASSWORD, MqttSettings.CLIENT_ID, MqttSettings.PUBLISHER_USERNAME,
            MqttSettings.PUBLISHER_PASSWORD, MqttSettings.SESSION_EXPIRY, MqttSettings.RECEIVE_MAXIMUM,
            MqttSettings.INFLIGHT_BYTES,
            MqttSettings.KEEP_ALIVE, MqttSettings.TLS_CA, MqttSettings.TLS_CERT, MqttSettings.TLS_KEY,
            ServiceSettings.TOPIC_ROOT,
            InfluxSettings.URL, InfluxSettings.API, InfluxSettings.ORG, InfluxSettings.BUCKET, InfluxSettings.TOKEN,
            InfluxSettings.USERNAME, InfluxSettings.PASSWORD, InfluxSettings.BATCH_SIZE, InfluxSettings.FLUSH_INTERVAL,
            InfluxSettings.WRITE_CONCURRENCY, InfluxSettings.TIMEOUT, InfluxSettings.MAX_RETRY_DELAY,
            InfluxSettings.TLS_CA, InfluxSettings.TLS_CERT, InfluxSettings.TLS_KEY,
            ServiceSettings.REGISTRY,
            HttpSettings.PORT, HttpSettings.TLS_CERT, HttpSettings.TLS_KEY, HttpSettings.TLS_CLIENT_CA,
            HttpSettings.BIND_ADDRESS, HttpSettings.IDLE_TIMEOUT, HttpSettings.READ_TIMEOUT,
            HttpSettings.MAX_CONNECTIONS,
            Hj212Settings.TCP_PORT, Hj212Settings.MODE, Hj212Settings.TIME_ZONE, Hj212Settings.MAX_SEGMENT,
            Hj212Settings.IDLE_TIMEOUT, Hj212Settings.MAX_CONNECTIONS, Hj212Settings.MAX_PENDING,
            Hj212Settings.SPLIT_TIMEOUT, Hj212Settings.BIND_ADDRESS, Hj212Settings.MAX_PER_ADDRESS,
            Hj212Settings.PASSWORDS, Hj212Settings.REQUIRE_PASSWORD,
            AlertSettings.RULES, AlertSettings.TICK, AlertSettings.MAX_QUEUED, AlertSettings.WEBHOOKS, AlertSettings.API_TOKENS,
            HttpSettings.API_STREAM_BUFFER, HttpSettings.API_MAX_STREAMS,
            ServiceSettings.MAX_PAYLOAD, ServiceSettings.MAX_CLOCK_SKEW,
            SpoolSettings.DIR, SpoolSettings.MAX_BYTES, SpoolSettings.AFTER,
            ClusterSettings.SHARE_GROUP, ClusterSettings.ENABLED, ClusterSettings.HOST, ClusterSettings.PORT,
            ClusterSettings.BUS_PORT, ClusterSettings.MEMBERS, ClusterSettings.FAILURE_TIMEOUT);

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

    /** The sections in the order their problems are listed. */
    private IngestConfig build() {
        SettingValues v = new SettingValues(values, problems);
        MqttConfig mqtt = MqttSettings.read(v);
        String root = ServiceSettings.topicRoot(v);
        InfluxConfig influx = InfluxSettings.read(v);
        Path registry = ServiceSettings.registry(v);
        int httpPort = HttpSettings.port(v);
        HttpTlsConfig httpTls = HttpSettings.tls(v);
        HttpServerConfig http = HttpSettings.server(v);
        Integer hj212Port = Hj212Settings.tcpPort(v);
        Hj212ServiceConfig hj212 = Hj212Settings.read(v, hj212Port);
        int maxPayload = ServiceSettings.maxPayloadBytes(v);
        Duration skew = ServiceSettings.maxClockSkew(v);
        AlertsConfig alerts = AlertSettings.read(v);
        SpoolConfig spool = SpoolSettings.read(v);
        ClusterConfig cluster = ClusterSettings.read(v);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new IngestConfig(mqtt, influx, root, registry, httpPort, hj212Port, maxPayload, skew, hj212, alerts,
                spool, httpTls, http, cluster);
    }
}
