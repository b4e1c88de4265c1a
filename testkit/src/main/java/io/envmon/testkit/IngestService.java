package io.envmon.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The built ingest jar started the way an operator starts it ({@code java -jar} with ENVMON_* variables), against
 * a {@link MosquittoServer} and an {@link InfluxServer} of the test: one place for the settings every end-to-end
 * test needs.
 */
public final class IngestService {

    private IngestService() {
    }

    /**
     * The settings that point the service at these servers (InfluxDB v1 API, database {@code database}), with
     * short write retries so that outage tests do not wait long. Callers add or replace what they need.
     */
    public static Map<String, String> env(MosquittoServer mqtt, InfluxServer influx, String database, Path registry,
                                          String clientId, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("ENVMON_MQTT_URL", mqtt.url());
        env.put("ENVMON_MQTT_CLIENT_ID", clientId);
        env.put("ENVMON_INFLUX_URL", influx.url());
        env.put("ENVMON_INFLUX_API", "v1");
        env.put("ENVMON_INFLUX_BUCKET", database);
        env.put("ENVMON_REGISTRY", registry.toString());
        env.put("ENVMON_HTTP_PORT", String.valueOf(httpPort));
        env.put("ENVMON_INFLUX_MAX_RETRY_DELAY", "2s");
        return env;
    }

    /** Starts {@code jar} with {@code env} and returns once it has subscribed to the broker. */
    public static JavaProcess start(Path jar, Map<String, String> env, Duration timeout) {
        JavaProcess ingest = JavaProcess.start(jar, env);
        ingest.waitForOutput("with QoS 1", timeout);
        return ingest;
    }
}
