package io.envmon.grafana.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;

/**
 * Every file generated from code and the registry: the five dashboards and the Mosquitto ACL. The committed files
 * must equal what this produces ({@code GeneratedFilesTest}); {@link #main} rewrites them
 * ({@code mvn -B -pl grafana -am process-classes -Pgenerate}, docs/grafana.md).
 */
public final class GeneratedFiles {

    public static final String REGISTRY = "config/taigu.yaml";

    private GeneratedFiles() {
    }

    /** Project-relative path → content. */
    public static Map<String, String> generate(Path root) {
        Registry registry = RegistryFiles.load(root.resolve(REGISTRY));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("grafana/dashboards/air-quality.json", Json.write(AirQualityDashboard.build(registry)));
        files.put("grafana/dashboards/river-sections.json", Json.write(RiverSectionsDashboard.build(registry)));
        files.put("grafana/dashboards/enterprise-emissions.json",
                Json.write(EnterpriseEmissionsDashboard.build(registry)));
        files.put("grafana/dashboards/alerts.json", Json.write(AlertsDashboard.build()));
        files.put("grafana/dashboards/ingest-health.json", Json.write(IngestHealthDashboard.build()));
        files.put("deploy/mosquitto/acl", MosquittoAcl.generate(registry, "env"));
        return files;
    }

    public static void write(Path root) {
        generate(root).forEach((path, content) -> {
            try {
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Rewrites the generated files; the argument is the project root (default: the working folder's parent). */
    public static void main(String[] args) {
        write(Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize());
    }
}
