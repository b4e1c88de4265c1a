package io.envmon.simulator;

import io.envmon.testkit.FreePorts;
import io.envmon.testkit.IngestService;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole service for the simulator's end-to-end tests: real mosquitto and influxd on free loopback ports and
 * the built {@code ingest/target/envmon-ingest.jar} with the default registry and alert rules (InfluxDB v1 API).
 */
final class ServiceUnderTest implements AutoCloseable {

    static final String DB = "env";
    static final Path CONFIG = Path.of(System.getProperty("envmon.config.dir", "../config"));
    static final Path REGISTRY = Path.of(System.getProperty("envmon.registry", "../config/taigu.yaml"));
    private static final Path JAR = Path.of(System.getProperty("envmon.ingest.jar", "../ingest/target/envmon-ingest.jar"));

    final MosquittoServer mqtt;
    final InfluxServer influx;
    final JavaProcess ingest;
    /** The service's HTTP port (health, metrics, API). */
    final int httpPort;

    private ServiceUnderTest(MosquittoServer mqtt, InfluxServer influx, JavaProcess ingest, int httpPort) {
        this.mqtt = mqtt;
        this.influx = influx;
        this.ingest = ingest;
        this.httpPort = httpPort;
    }

    /**
     * Starts the broker, the database and the service; returns once the service has subscribed (a few seconds when the
     * machine is idle; the ceiling is for one shared with other builds).
     */
    static ServiceUnderTest start(String clientId) {
        return start(clientId, Map.of());
    }

    /** As {@link #start(String)}, with more settings for the service (e.g. ENVMON_WEBHOOKS and its secrets). */
    static ServiceUnderTest start(String clientId, Map<String, String> more) {
        MosquittoServer mqtt = new MosquittoServer().start();
        InfluxServer influx = new InfluxServer().start();
        influx.createDatabase(DB);
        int httpPort = FreePorts.next();
        Map<String, String> env = IngestService.env(mqtt, influx, DB, REGISTRY, clientId, httpPort);
        env.put("ENVMON_ALERT_RULES", CONFIG.resolve("alert-rules.yaml").toString());
        env.putAll(more);
        JavaProcess ingest = IngestService.start(JAR, env, Duration.ofSeconds(90));
        return new ServiceUnderTest(mqtt, influx, ingest, httpPort);
    }

    @Override
    public void close() {
        try (mqtt; influx; ingest) {
            // closes the service first, then the servers
        }
    }
}
