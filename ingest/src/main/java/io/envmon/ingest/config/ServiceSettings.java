package io.envmon.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The settings of the service as a whole: topic root, registry, and what a message may be (docs/configuration.md). */
final class ServiceSettings {

    static final Setting TOPIC_ROOT = new Setting("topicRoot", "ENVMON_TOPIC_ROOT", "env", false);
    static final Setting REGISTRY = new Setting("registry", "ENVMON_REGISTRY", "config/taigu.yaml", false);
    static final Setting MAX_PAYLOAD = new Setting("ingest.maxPayloadBytes", "ENVMON_MAX_PAYLOAD_BYTES", "65536", false);
    static final Setting MAX_CLOCK_SKEW = new Setting("ingest.maxClockSkew", "ENVMON_MAX_CLOCK_SKEW", "5m", false);

    private ServiceSettings() {
    }

    static String topicRoot(SettingValues v) {
        String root = v.raw(TOPIC_ROOT);
        if (root == null || root.isEmpty() || root.contains("+") || root.contains("#") || root.startsWith("/")
                || root.endsWith("/") || root.contains("//")) {
            v.problem(TOPIC_ROOT.label() + ": '" + root + "' must be a topic prefix without wildcards or "
                    + "leading/trailing '/' (e.g. env or bureau/env)");
        }
        return root;
    }

    static Path registry(SettingValues v) {
        String value = v.raw(REGISTRY);
        if (value == null || value.isBlank()) {
            v.problem(REGISTRY.label() + ": must be the path of the registry YAML file");
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            v.problem(REGISTRY.label() + ": file '" + path.toAbsolutePath() + "' does not exist or is not readable");
        }
        return path;
    }

    static int maxPayloadBytes(SettingValues v) {
        return v.integer(MAX_PAYLOAD, 1024, 16 * 1024 * 1024);
    }

    static Duration maxClockSkew(SettingValues v) {
        return v.duration(MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofDays(1));
    }
}
