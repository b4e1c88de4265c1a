package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.envmon.grafana.gen.GeneratedFiles;
import org.junit.jupiter.api.Test;

/**
 * The committed dashboards and Mosquitto ACL are exactly what the generators make from the code and the registry
 * (config/taigu.yaml): a registry change (new station, new outlet, changed limit) or a dashboard change in code
 * fails here until the files are regenerated with {@code -Denvmon.grafana.write=true}. The committed files are
 * compared before anything is written, so a run with that property also fails when they were stale (it then
 * rewrites them, for review and commit, as {@code gofmt -l -w} does); it passes only when nothing had to change.
 */
class GeneratedFilesTest {

    @Test
    void committedFilesMatchTheGenerators() throws IOException {
        Path root = Root.path();
        Map<String, String> generated = GeneratedFiles.generate(root);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = root.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                stale.add(file.getKey() + " is missing");
            } else if (!file.getValue().equals(Files.readString(path, StandardCharsets.UTF_8))) {
                stale.add(file.getKey() + " differs from what the generator makes from the code and "
                        + GeneratedFiles.REGISTRY);
            }
        }
        boolean write = Boolean.getBoolean("envmon.grafana.write");
        if (write && !stale.isEmpty()) {
            GeneratedFiles.write(root);
        }
        assertTrue(stale.isEmpty(), () -> String.join("\n", stale) + "\n" + (write
                ? "regenerated now (-Denvmon.grafana.write=true): review the changes, commit them, and run again"
                : "regenerate with mvn -B -pl grafana -am process-classes -Pgenerate (docs/grafana.md)"));
    }
}
