package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HJ 212 settings: defaults, file and environment, and the problems they name. */
class ConfigLoaderHj212Test extends ConfigLoaderFixture {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Hj212ServiceConfig c = load().hj212();
        assertNull(c.tcpPort());
        assertEquals(ParseMode.LENIENT, c.mode());
        assertEquals(ZoneId.of("Asia/Shanghai"), c.timeZone());
        assertNull(c.maxSegmentBytes());
        assertEquals(9999, c.codec().maxSegmentLength());
        assertEquals(Duration.ofMinutes(10), c.idleTimeout());
        assertEquals(1000, c.maxConnections());
        assertEquals(64, c.maxPendingFrames());
        assertEquals(Duration.ofMinutes(5), c.splitTimeout());
    }

    @Test
    void fileAndEnvironmentSetThem() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                hj212:
                  tcpPort: 9212
                  mode: strict
                  idleTimeout: 2m
                """);
        env.put("ENVMON_HJ212_TIME_ZONE", "Asia/Urumqi");
        env.put("ENVMON_HJ212_MAX_SEGMENT_BYTES", "2048");
        env.put("ENVMON_HJ212_MAX_CONNECTIONS", "5");
        env.put("ENVMON_HJ212_MAX_PENDING_FRAMES", "8");
        env.put("ENVMON_HJ212_SPLIT_TIMEOUT", "30s");
        IngestConfig config = ConfigLoader.load(file, env);
        Hj212ServiceConfig c = config.hj212();
        assertEquals(9212, c.tcpPort());
        assertEquals(9212, config.hj212TcpPort());
        assertEquals(ParseMode.STRICT, c.mode());
        assertEquals(ParseMode.STRICT, c.codec().mode());
        assertEquals(2048, c.codec().maxSegmentLength());
        assertEquals(ZoneId.of("Asia/Urumqi"), c.codec().zone());
        assertEquals(Duration.ofMinutes(2), c.idleTimeout());
        assertEquals(5, c.maxConnections());
        assertEquals(8, c.maxPendingFrames());
        assertEquals(Duration.ofSeconds(30), c.splitTimeout());
        assertEquals(1024, new Hj212ServiceConfig(null, ParseMode.STRICT, c.timeZone(), null, c.idleTimeout(), 1, 1,
                c.splitTimeout()).codec().maxSegmentLength());
    }

    @Test
    void badValuesAreAllNamed() {
        env.put("ENVMON_HJ212_MODE", "sloppy");
        env.put("ENVMON_HJ212_TIME_ZONE", "Mars/Olympus");
        env.put("ENVMON_HJ212_MAX_SEGMENT_BYTES", "20000");
        env.put("ENVMON_HJ212_IDLE_TIMEOUT", "soon");
        env.put("ENVMON_HJ212_MAX_CONNECTIONS", "0");
        ConfigException e = refused();
        for (String name : new String[] {"ENVMON_HJ212_MODE (hj212.mode)", "ENVMON_HJ212_TIME_ZONE (hj212.timeZone)",
                "ENVMON_HJ212_MAX_SEGMENT_BYTES", "ENVMON_HJ212_IDLE_TIMEOUT", "ENVMON_HJ212_MAX_CONNECTIONS"}) {
            assertTrue(e.getMessage().contains(name), name + " in " + e.getMessage());
        }
    }
}
