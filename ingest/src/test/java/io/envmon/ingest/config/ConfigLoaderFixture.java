package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ConfigLoader} test starts from: an empty registry file and the least environment that loads
 * (the InfluxDB organisation the default v2 API needs); each test adds its settings to {@code env}.
 */
abstract class ConfigLoaderFixture {

    @TempDir
    Path dir;
    Path registry;
    Map<String, String> env;

    @BeforeEach
    void minimalEnvironment() throws IOException {
        registry = Files.writeString(dir.resolve("registry.yaml"), "air: []\n");
        env = new HashMap<>();
        env.put("ENVMON_REGISTRY", registry.toString());
        env.put("ENVMON_INFLUX_ORG", "bureau");
    }

    IngestConfig load() {
        return ConfigLoader.load(null, env);
    }

    /** The {@link ConfigException} loading must stop with (every problem found). */
    ConfigException refused() {
        return assertThrows(ConfigException.class, this::load);
    }
}
