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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits of the HTTP server, the alert stream and the HJ 212 gateway, and the device passwords. */
class ConfigLoaderLimitsTest extends ConfigLoaderFixture {

    @Test
    void defaultsAreTheDocumentedOnes() {
        IngestConfig config = load();
        assertEquals(HttpServerConfig.defaults(), config.http());
        HttpServerConfig http = config.http();
        assertEquals("127.0.0.1", http.bindAddress(), "loopback unless told otherwise");
        assertEquals(Duration.ofSeconds(60), http.idleTimeout());
        assertEquals(Duration.ofSeconds(10), http.readTimeout());
        assertEquals(1000, http.maxConnections());
        assertEquals(262_144, http.streamBufferBytes());
        assertEquals(16, http.maxStreamsPerToken());
        Hj212ServiceConfig hj212 = config.hj212();
        assertEquals("0.0.0.0", hj212.bindAddress());
        assertEquals(16, hj212.maxConnectionsPerAddress());
        assertTrue(hj212.requirePassword(), "device passwords are required by default");
        assertEquals(0, hj212.passwords().size());
    }

    @Test
    void fileAndEnvironmentSetThem() throws IOException {
        Path passwords = Files.writeString(dir.resolve("hj212-passwords.txt"), """
                # MN            PW
                14070301501205\tXk3pQ9
                010000A8900016F000169DC0  Zr8mW2
                """);
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                http:
                  bindAddress: 0.0.0.0
                  readTimeout: 5s
                api:
                  maxStreamsPerToken: 4
                hj212:
                  maxConnectionsPerAddress: 100
                  passwordsFile: %s
                """.formatted(passwords));
        env.put("ENVMON_HTTP_IDLE_TIMEOUT", "2m");
        env.put("ENVMON_HTTP_MAX_CONNECTIONS", "50");
        env.put("ENVMON_API_STREAM_BUFFER_BYTES", "65536");
        env.put("ENVMON_HJ212_BIND_ADDRESS", "::1");
        env.put("ENVMON_HJ212_REQUIRE_PASSWORD", "FALSE");
        IngestConfig config = ConfigLoader.load(file, env);
        assertEquals(new HttpServerConfig("0.0.0.0", Duration.ofMinutes(2), Duration.ofSeconds(5), 50, 65536, 4),
                config.http());
        assertEquals("::1", config.hj212().bindAddress());
        assertEquals(100, config.hj212().maxConnectionsPerAddress());
        assertFalse(config.hj212().requirePassword());
        assertEquals("Xk3pQ9", config.hj212().passwords().of("14070301501205").orElseThrow());
        assertEquals("Zr8mW2", config.hj212().passwords().of("010000A8900016F000169DC0").orElseThrow());
        assertFalse(config.toString().contains("Xk3pQ9"), "the configuration never shows a password");
    }

    @Test
    void badValuesStopTheStartNamingEachSetting() throws IOException {
        env.put("ENVMON_HTTP_BIND_ADDRESS", "300.1.1.1");
        env.put("ENVMON_HTTP_IDLE_TIMEOUT", "forever");
        env.put("ENVMON_HTTP_READ_TIMEOUT", "0s");
        env.put("ENVMON_HTTP_MAX_CONNECTIONS", "0");
        env.put("ENVMON_API_STREAM_BUFFER_BYTES", "10");
        env.put("ENVMON_API_MAX_STREAMS_PER_TOKEN", "many");
        env.put("ENVMON_HJ212_BIND_ADDRESS", "not an address");
        env.put("ENVMON_HJ212_MAX_CONNECTIONS_PER_ADDRESS", "-1");
        env.put("ENVMON_HJ212_REQUIRE_PASSWORD", "yes");
        env.put("ENVMON_HJ212_PASSWORDS", Files.writeString(dir.resolve("pw.txt"), """
                14070301501205 abc;def
                14070301501206
                14070301501207 a b
                """).toString());
        ConfigException e = refused();
        for (String name : new String[] {"ENVMON_HTTP_BIND_ADDRESS (http.bindAddress): '300.1.1.1'",
                "ENVMON_HTTP_IDLE_TIMEOUT (http.idleTimeout)", "ENVMON_HTTP_READ_TIMEOUT (http.readTimeout)",
                "ENVMON_HTTP_MAX_CONNECTIONS (http.maxConnections)", "ENVMON_API_STREAM_BUFFER_BYTES",
                "ENVMON_API_MAX_STREAMS_PER_TOKEN", "ENVMON_HJ212_BIND_ADDRESS",
                "ENVMON_HJ212_MAX_CONNECTIONS_PER_ADDRESS", "ENVMON_HJ212_REQUIRE_PASSWORD (hj212.requirePassword): "
                + "'yes' must be true or false", "ENVMON_HJ212_PASSWORDS (hj212.passwordsFile)", "line 1: the PW of MN "
                + "14070301501205 may hold only", "line 2: must be 'MN PW'", "line 3: must be 'MN PW'"}) {
            assertTrue(e.getMessage().contains(name), name + " in " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("abc;def"), "a password is never shown, even a bad one");
    }

    @Test
    void aMissingPasswordsFileIsNamed() {
        env.put("ENVMON_HJ212_PASSWORDS", dir.resolve("absent.txt").toString());
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_HJ212_PASSWORDS (hj212.passwordsFile): file"), e.getMessage());
    }

    @Test
    void listenAddresses() {
        for (String ok : new String[] {"127.0.0.1", "0.0.0.0", "::", "::1", "fe80::1", "localhost", "api.bureau.example"}) {
            assertTrue(ListenAddress.isValid(ok), ok);
        }
        for (String bad : new String[] {"", "256.0.0.1", "1.2.3", "a b", ":::", "-host", "host_name"}) {
            assertFalse(ListenAddress.isValid(bad), bad);
        }
    }
}
