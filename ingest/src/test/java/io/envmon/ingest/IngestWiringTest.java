package io.envmon.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.envmon.ingest.config.ConfigLoader;
import io.envmon.ingest.config.IngestConfig;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root on its own: building connects to nothing, and a stop before any start finds no gap. */
class IngestWiringTest {

    @TempDir
    Path dir;

    @Test
    void buildsEveryCollaboratorWithoutConnectingAndStopsBeforeAStart() throws IOException {
        Path registryFile = Files.writeString(dir.resolve("registry.yaml"), """
                air:
                  - {id: S01, name: 测试站一}
                """);
        Map<String, String> env = new HashMap<>();
        env.put("ENVMON_REGISTRY", registryFile.toString());
        env.put("ENVMON_INFLUX_ORG", "bureau");
        // nothing listens on these: building must not try them
        env.put("ENVMON_MQTT_URL", "tcp://127.0.0.1:9");
        env.put("ENVMON_INFLUX_URL", "http://127.0.0.1:9");
        env.put("ENVMON_HJ212_TCP_PORT", "9");
        IngestConfig config = ConfigLoader.load(null, env);
        Registry registry = RegistryFiles.load(config.registry());
        Vertx vertx = Vertx.vertx();

        IngestWiring service = new IngestWiring(vertx, config, registry,
                StartupFiles.load(config.alerts(), registry, env), Clock.systemUTC());
        // every step of the reverse finds its collaborator (source drained, sink flushed, MQTT never connected)
        assertDoesNotThrow(service::stop);
    }
}
