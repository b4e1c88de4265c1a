package io.envmon.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.config.ConfigException;
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

/**
 * The composition root on its own: building connects to nothing (it opens the spool's folder, and stops on one it
 * cannot use), and a stop before any start finds no gap.
 */
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
        env.put("ENVMON_SPOOL_DIR", dir.resolve("spool").toString());
        IngestConfig config = ConfigLoader.load(null, env);
        Registry registry = RegistryFiles.load(config.registry());
        Vertx vertx = Vertx.vertx();

        IngestWiring service = new IngestWiring(vertx, config, registry,
                StartupFiles.load(config.alerts(), registry, env), Clock.systemUTC());
        // every step of the reverse finds its collaborator (source drained, sink flushed, MQTT never connected)
        assertDoesNotThrow(service::stop);
    }

    @Test
    void aSpoolFolderThatCannotBeCreatedStopsTheBuildNamingTheSetting() throws IOException {
        Path registryFile = Files.writeString(dir.resolve("registry.yaml"), "air: []\n");
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "");
        Map<String, String> env = new HashMap<>();
        env.put("ENVMON_REGISTRY", registryFile.toString());
        env.put("ENVMON_INFLUX_ORG", "bureau");
        env.put("ENVMON_SPOOL_DIR", notAFolder.resolve("spool").toString());
        IngestConfig config = ConfigLoader.load(null, env);
        Registry registry = RegistryFiles.load(config.registry());
        Vertx vertx = Vertx.vertx();
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> new IngestWiring(vertx, config, registry,
                    StartupFiles.load(config.alerts(), registry, env), Clock.systemUTC()));
            assertTrue(e.getMessage().contains("ENVMON_SPOOL_DIR"), e.getMessage());
        } finally {
            vertx.close().await();
        }
    }
}
