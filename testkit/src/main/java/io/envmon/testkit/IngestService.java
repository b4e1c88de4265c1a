package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built ingest jar started the way an operator starts it ({@code java $ENVMON_JAVA_OPTS -jar} with ENVMON_*
 * variables), against a {@link MosquittoServer} and an {@link InfluxServer} of the test: one place for the settings
 * every end-to-end test needs.
 */
public final class IngestService {

    /** The JVM options when ENVMON_JAVA_OPTS is not set, as in ./envmon, the Dockerfile and the systemd unit. */
    public static final String DEFAULT_JAVA_OPTS = "-Xmx512m -XX:+ExitOnOutOfMemoryError";

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

    /**
     * Starts {@code jar} with {@code env} and the JVM options of {@link #javaOptions} and returns once it has
     * subscribed to the broker. Without ENVMON_SPOOL_DIR in {@code env} the service gets a fresh {@link #spoolDir()}
     * (never the default folder, which tests would share); a test that restarts the service and needs its spool back
     * passes its own.
     */
    public static JavaProcess start(Path jar, Map<String, String> env, Duration timeout) {
        if (!env.containsKey("ENVMON_SPOOL_DIR")) {
            env = new HashMap<>(env);
            env.put("ENVMON_SPOOL_DIR", spoolDir().toString());
        }
        JavaProcess ingest = JavaProcess.start(jar, env, javaOptions(env, System.getenv()), List.of());
        ingest.waitForOutput("with QoS 1", timeout);
        return ingest;
    }

    /** A new empty folder for a service's spool (ENVMON_SPOOL_DIR), deleted when the tests end. */
    public static Path spoolDir() {
        try {
            Path dir = Files.createTempDirectory("envmon-spool-");
            ShutdownCleanup.registerDirectory(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool folder", e);
        }
    }

    /**
     * The service's JVM options: ENVMON_JAVA_OPTS of the test's {@code env}, else of the environment the tests run in
     * ({@code outer}), else {@link #DEFAULT_JAVA_OPTS}; split on blanks (set but blank: none).
     */
    public static List<String> javaOptions(Map<String, String> env, Map<String, String> outer) {
        String options = env.getOrDefault("ENVMON_JAVA_OPTS", outer.getOrDefault("ENVMON_JAVA_OPTS", DEFAULT_JAVA_OPTS));
        return Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }
}
