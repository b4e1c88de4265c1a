package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.envmon.grafana.gen.GeneratedFiles;
import org.junit.jupiter.api.Test;

/**
 * The committed dashboards and Mosquitto ACL are exactly what the generators make from the code and the registry
 * (config/taigu.yaml): a registry change (new station, new outlet, changed limit) or a dashboard change in code
 * fails here until the files are regenerated with {@code -Denvmon.grafana.write=true}.
 */
class GeneratedFilesTest {

    @Test
    void committedFilesMatchTheGenerators() throws IOException {
        Path root = Root.path();
        if (Boolean.getBoolean("envmon.grafana.write")) {
            GeneratedFiles.write(root);
        }
        Map<String, String> generated = GeneratedFiles.generate(root);
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = root.resolve(file.getKey());
            assertTrue(Files.isRegularFile(path), () -> file.getKey() + " is missing: regenerate with "
                    + "mvn -B -pl grafana -am test -Dtest=GeneratedFilesTest -Denvmon.grafana.write=true "
                    + "-Dsurefire.failIfNoSpecifiedTests=false");
            assertEquals(file.getValue(), Files.readString(path, StandardCharsets.UTF_8),
                    () -> file.getKey() + " differs from what the generator makes from the code and "
                            + GeneratedFiles.REGISTRY + "; regenerate with -Denvmon.grafana.write=true "
                            + "(docs/grafana.md)");
        }
    }
}
