package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest extends ConfigLoaderFixture {

    @Test
    void defaultsAreTheDocumentedOnes() {
        IngestConfig config = load();
        assertEquals("tcp://127.0.0.1:1883", config.mqtt().url());
        assertEquals("envmon-ingest", config.mqtt().clientId());
        assertEquals(10_000, config.mqtt().receiveMaximum());
        assertEquals(16L << 20, config.mqtt().inflightBytes());
        assertEquals(Duration.ofDays(7), config.mqtt().sessionExpiry());
        assertEquals("env", config.topicRoot());
        assertEquals(InfluxConfig.InfluxApi.V2, config.influx().api());
        assertEquals("env", config.influx().bucket());
        assertEquals(8080, config.httpPort());
        assertNull(config.hj212TcpPort());
        assertEquals(65536, config.maxPayloadBytes());
        assertEquals(Duration.ofMinutes(5), config.maxClockSkew());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                mqtt:
                  url: tcp://broker.example:1883
                  clientId: from-file
                influx:
                  api: v1
                  bucket: env/autogen
                http:
                  port: 9000
                """);
        env.put("ENVMON_MQTT_CLIENT_ID", "from-env");
        IngestConfig config = ConfigLoader.load(file, env);
        assertEquals("tcp://broker.example:1883", config.mqtt().url());
        assertEquals("from-env", config.mqtt().clientId());
        assertEquals(InfluxConfig.InfluxApi.V1, config.influx().api());
        assertEquals("env", config.influx().database());
        assertEquals("autogen", config.influx().retentionPolicy());
        assertEquals(9000, config.httpPort());
    }

    @Test
    void everyProblemNamesItsSettingAndAllAreReportedAtOnce() {
        env.put("ENVMON_MQTT_URL", "broker:1883");
        env.put("ENVMON_INFLUX_API", "v3");
        env.put("ENVMON_HTTP_PORT", "http");
        env.put("ENVMON_MQTT_RECEIVE_MAXIMUM", "0");
        env.put("ENVMON_MAX_CLOCK_SKEW", "soon");
        env.put("ENVMON_REGISTRY", dir.resolve("missing.yaml").toString());
        ConfigException e = refused();
        String message = e.getMessage();
        for (String setting : new String[] {"ENVMON_MQTT_URL", "ENVMON_INFLUX_API", "ENVMON_HTTP_PORT",
                "ENVMON_MQTT_RECEIVE_MAXIMUM", "ENVMON_MAX_CLOCK_SKEW", "ENVMON_REGISTRY"}) {
            assertTrue(message.contains(setting), () -> setting + " not named in: " + message);
        }
        assertEquals(6, e.problems().size(), message);
    }

    @Test
    void theInFlightByteBudgetTakesASizeWithinBounds() {
        env.put("ENVMON_MQTT_INFLIGHT_BYTES", "64MiB");
        assertEquals(64L << 20, ConfigLoader.load(null, env).mqtt().inflightBytes());
        for (String bad : new String[] {"lots", "512KiB", "2GiB"}) {
            env.put("ENVMON_MQTT_INFLIGHT_BYTES", bad);
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
            assertTrue(e.getMessage().contains("ENVMON_MQTT_INFLIGHT_BYTES"), e.getMessage());
        }
    }

    @Test
    void thePublishingConnectionLogsInAsTheSubscribingOneUnlessItHasItsOwnAccount() {
        env.put("ENVMON_MQTT_USERNAME", "envmon-ingest-1");
        env.put("ENVMON_MQTT_PASSWORD", "sub-secret");
        MqttConfig shared = load().mqtt();
        assertEquals("envmon-ingest-1", shared.publisherUsername());
        assertEquals("sub-secret", shared.publisherPassword());

        env.put("ENVMON_MQTT_PUBLISHER_USERNAME", "envmon-ingest-1-pub");
        env.put("ENVMON_MQTT_PUBLISHER_PASSWORD", "pub-secret");
        MqttConfig own = load().mqtt();
        assertEquals("envmon-ingest-1", own.username());
        assertEquals("envmon-ingest-1-pub", own.publisherUsername());
        assertEquals("pub-secret", own.publisherPassword());
    }

    @Test
    void aPublisherPasswordWithoutAPublisherUserNameIsAProblem() {
        env.put("ENVMON_MQTT_PUBLISHER_PASSWORD", "pub-secret");
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_MQTT_PUBLISHER_PASSWORD (mqtt.publisherPassword): is set but "
                + "ENVMON_MQTT_PUBLISHER_USERNAME"), e.getMessage());
    }

    @Test
    void v2NeedsAnOrganisation() {
        env.remove("ENVMON_INFLUX_ORG");
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_INFLUX_ORG"), e.getMessage());
    }

    @Test
    void aMisspeltFileKeyIsAnErrorNotIgnored() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), "mqtt:\n  ulr: tcp://x:1883\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
        assertTrue(e.getMessage().contains("mqtt.ulr"), e.getMessage());
    }

    @Test
    void aRepeatedKeyOrAValueOfTheWrongKindInTheFileIsAnError() throws IOException {
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "http:\n  port: 9000\n  port: 9001\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(twice, env));
        assertTrue(e.getMessage().contains("--config " + twice + ": not valid YAML: duplicate key 'port'"),
                e.getMessage());
        Path list = Files.writeString(dir.resolve("list.yaml"), "mqtt:\n  url: [tcp://a:1883, tcp://b:1883]\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(list, env));
        assertTrue(e.getMessage().contains("--config " + list + ": mqtt.url: expected a single value, not a list"),
                e.getMessage());
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "mqtt: tcp://a:1883\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(scalar, env));
        assertTrue(e.getMessage().contains("--config " + scalar + ": mqtt: expected a mapping of its settings"),
                e.getMessage());
    }

    @Test
    void topicRootWithWildcardsIsRefused() {
        env.put("ENVMON_TOPIC_ROOT", "env/#");
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_TOPIC_ROOT"), e.getMessage());
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        env.put("ENVMON_MQTT_SESSION_EXPIRY", "PT2H");
        env.put("ENVMON_INFLUX_FLUSH_INTERVAL", "250ms");
        IngestConfig config = load();
        assertEquals(Duration.ofHours(2), config.mqtt().sessionExpiry());
        assertEquals(Duration.ofMillis(250), config.influx().flushInterval());
    }
}
