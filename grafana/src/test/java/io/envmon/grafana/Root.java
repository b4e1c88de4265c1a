package io.envmon.grafana;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root: system property {@code envmon.root} (set by the pom), else the parent of the module folder. */
final class Root {

    private Root() {
    }

    static Path path() {
        String configured = System.getProperty("envmon.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("config/taigu.yaml"))) {
            throw new IllegalStateException(root + " is not the envmon project root (no config/taigu.yaml)");
        }
        return root;
    }
}
