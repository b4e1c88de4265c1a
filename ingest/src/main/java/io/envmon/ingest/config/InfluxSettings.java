package io.envmon.ingest.config;

import io.envmon.ingest.config.InfluxConfig.InfluxApi;
import java.time.Duration;
import java.util.List;

/** InfluxDB's settings, {@code ENVMON_INFLUX_*} (docs/configuration.md). */
final class InfluxSettings {

    static final Setting URL = new Setting("influx.url", "ENVMON_INFLUX_URL", "http://127.0.0.1:8086", false);
    static final Setting API = new Setting("influx.api", "ENVMON_INFLUX_API", "v2", false);
    static final Setting ORG = new Setting("influx.org", "ENVMON_INFLUX_ORG", null, false);
    static final Setting BUCKET = new Setting("influx.bucket", "ENVMON_INFLUX_BUCKET", "env", false);
    static final Setting TOKEN = new Setting("influx.token", "ENVMON_INFLUX_TOKEN", null, true);
    static final Setting USERNAME = new Setting("influx.username", "ENVMON_INFLUX_USERNAME", null, false);
    static final Setting PASSWORD = new Setting("influx.password", "ENVMON_INFLUX_PASSWORD", null, true);
    static final Setting BATCH_SIZE = new Setting("influx.batchSize", "ENVMON_INFLUX_BATCH_SIZE", "5000", false);
    static final Setting FLUSH_INTERVAL = new Setting("influx.flushInterval", "ENVMON_INFLUX_FLUSH_INTERVAL", "100ms", false);
    static final Setting WRITE_CONCURRENCY = new Setting("influx.writeConcurrency",
            "ENVMON_INFLUX_WRITE_CONCURRENCY", String.valueOf(InfluxConfig.DEFAULT_WRITE_CONCURRENCY), false);
    static final Setting TIMEOUT = new Setting("influx.timeout", "ENVMON_INFLUX_TIMEOUT", "10s", false);
    static final Setting MAX_RETRY_DELAY = new Setting("influx.maxRetryDelay", "ENVMON_INFLUX_MAX_RETRY_DELAY", "30s", false);
    static final Setting TLS_CA = new Setting("influx.tls.ca", "ENVMON_INFLUX_TLS_CA", null, false);
    static final Setting TLS_CERT = new Setting("influx.tls.cert", "ENVMON_INFLUX_TLS_CERT", null, false);
    static final Setting TLS_KEY = new Setting("influx.tls.key", "ENVMON_INFLUX_TLS_KEY", null, false);

    private InfluxSettings() {
    }

    static InfluxConfig read(SettingValues v) {
        InfluxApi api = v.enumValue(API, InfluxApi.class);
        String bucket = v.raw(BUCKET);
        if (bucket == null || bucket.isBlank()) {
            v.problem(BUCKET.label() + ": must name the bucket (v2) or database[/retention] (v1)");
        } else if (api == InfluxApi.V1 && bucket.split("/", -1).length > 2) {
            v.problem(BUCKET.label() + ": '" + bucket + "' must be database or database/retention for v1");
        }
        String org = v.raw(ORG);
        if (api == InfluxApi.V2 && (org == null || org.isBlank())) {
            v.problem(ORG.label() + ": is required when " + API.env() + "=v2 (InfluxDB 2.x "
                    + "organisation; any value for 3.x); use " + API.env() + "=v1 for InfluxDB 1.x");
        }
        InfluxConfig influx = new InfluxConfig(v.uri(URL, List.of("http", "https")), api, org, bucket,
                v.raw(TOKEN), v.raw(USERNAME), v.raw(PASSWORD),
                v.integer(BATCH_SIZE, 1, 100_000),
                v.duration(FLUSH_INTERVAL, Duration.ofMillis(1), Duration.ofMinutes(1)),
                v.duration(TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                v.duration(MAX_RETRY_DELAY, Duration.ofMillis(100), Duration.ofHours(1)),
                v.integer(WRITE_CONCURRENCY, 1, 16),
                v.tls().client(TLS_CA, TLS_CERT, TLS_KEY, URL, List.of("https")));
        if (influx.password() != null && influx.username() == null) {
            v.problem(PASSWORD.label() + ": is set but " + USERNAME.label() + " is not");
        }
        return influx;
    }
}
