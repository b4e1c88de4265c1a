package io.envmon.simulator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config/taigu.yaml is generated; these tests keep the committed file loadable and in step with the generator. */
class CommittedRegistryTest {

    /** Surefire runs in the module folder; the file lives in the project's config folder. */
    private static final Path FILE = Path.of("..", "config", "taigu.yaml");

    @Test
    void theCommittedRegistryLoads() {
        Registry registry = RegistryFiles.load(FILE);
        assertEquals(10, registry.air().size());
        assertEquals(8, registry.water().size());
        assertEquals(109, registry.enterprises().size());
        assertTrue(registry.points().size() > 109 + 18);
    }

    @Test
    void theCommittedRegistryIsWhatTheGeneratorWritesForSeed2026() throws IOException {
        String expected = new DistrictRegistryFile().render(DistrictRegistryGenerator.DEFAULT_SEED, "config/taigu.yaml");
        assertEquals(expected, Files.readString(FILE, StandardCharsets.UTF_8),
                "config/taigu.yaml is out of date; regenerate it with: java -jar simulator/target/envmon-simulator.jar "
                        + "registry --seed 2026 --out config/taigu.yaml");
    }
}
