package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale-out settings (docs/scale-out.md): off by default, and every mistake named before anything connects. */
class ConfigLoaderClusterTest {

    @TempDir
    Path dir;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        env = new HashMap<>();
        env.put("ENVMON_REGISTRY", Files.writeString(dir.resolve("registry.yaml"), "air: []\n").toString());
        env.put("ENVMON_INFLUX_ORG", "bureau");
    }

    @Test
    void offByDefaultWithOrdinarySubscriptions() {
        ClusterConfig cluster = ConfigLoader.load(null, env).cluster();
        assertFalse(cluster.enabled());
        assertEquals("env/air/#", cluster.subscription("env/air/#"));
    }

    @Test
    void enabledWithMembersAndAShareGroup() {
        env.put("ENVMON_CLUSTER_ENABLED", "true");
        env.put("ENVMON_CLUSTER_HOST", "10.0.0.11");
        env.put("ENVMON_CLUSTER_MEMBERS", "10.0.0.11:5701, ingest2:5701");
        env.put("ENVMON_CLUSTER_FAILURE_TIMEOUT", "5s");
        env.put("ENVMON_MQTT_SHARE_GROUP", "envmon");
        ClusterConfig cluster = ConfigLoader.load(null, env).cluster();
        assertTrue(cluster.enabled());
        assertEquals(List.of("10.0.0.11:5701", "ingest2:5701"), cluster.members());
        assertEquals(5701, cluster.port());
        assertEquals(Duration.ofSeconds(5), cluster.failureTimeout());
        assertEquals("$share/envmon/env/air/#", cluster.subscription("env/air/#"));
    }

    @Test
    void mistakesNameTheirSetting() {
        env.put("ENVMON_CLUSTER_ENABLED", "yes");
        env.put("ENVMON_CLUSTER_MEMBERS", "10.0.0.11");
        env.put("ENVMON_CLUSTER_PORT", "70000");
        env.put("ENVMON_MQTT_SHARE_GROUP", "a/b");
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env)).getMessage();
        assertTrue(message.contains("ENVMON_CLUSTER_ENABLED (cluster.enabled): 'yes' must be true or false"), message);
        assertTrue(message.contains("ENVMON_CLUSTER_MEMBERS (cluster.members): '10.0.0.11' must be host:port"), message);
        assertTrue(message.contains("ENVMON_CLUSTER_PORT"), message);
        assertTrue(message.contains("ENVMON_MQTT_SHARE_GROUP (mqtt.shareGroup): 'a/b'"), message);
    }

    @Test
    void aClusterNeedsMembersAndAShareGroup() {
        env.put("ENVMON_CLUSTER_ENABLED", "true");
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env)).getMessage();
        assertTrue(message.contains("ENVMON_CLUSTER_MEMBERS (cluster.members): is required"), message);
        assertTrue(message.contains("ENVMON_MQTT_SHARE_GROUP (mqtt.shareGroup): is required"), message);
    }

    @Test
    void aShareGroupWithoutTheClusterIsRefused() {
        env.put("ENVMON_MQTT_SHARE_GROUP", "envmon");
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env)).getMessage();
        assertTrue(message.contains("ENVMON_MQTT_SHARE_GROUP (mqtt.shareGroup): is set but ENVMON_CLUSTER_ENABLED"),
                message);
    }

    @Test
    void theFileTakesTheClusterSection() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                mqtt:
                  shareGroup: envmon
                cluster:
                  enabled: true
                  members: 127.0.0.1:5701
                """);
        assertTrue(ConfigLoader.load(file, env).cluster().enabled());
    }
}
