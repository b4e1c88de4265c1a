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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderSpoolTest extends ConfigLoaderFixture {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SpoolConfig spool = load().spool();
        assertEquals(Path.of("/var/lib/envmon/spool"), spool.dir());
        assertEquals(1L << 30, spool.maxBytes());
        assertEquals(Duration.ofSeconds(5), spool.after());
        assertTrue(spool.enabled());
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512MiB, 536870912", "2gib, 2147483648", "1TiB, 1099511627776", "0, 0"})
    void sizesAreBytesOrBinaryUnits(String value, long bytes) {
        env.put("ENVMON_SPOOL_MAX_BYTES", value);
        assertEquals(bytes, load().spool().maxBytes());
    }

    @Test
    void zeroMeansNoSpool() {
        env.put("ENVMON_SPOOL_MAX_BYTES", "0");
        assertFalse(load().spool().enabled());
    }

    @ParameterizedTest
    @CsvSource({"1g", "-5", "10 MB", "1000", "2TiB", "99999999999999999999"})
    void badSizesAreRefusedNamingTheSetting(String value) {
        env.put("ENVMON_SPOOL_MAX_BYTES", value);
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_SPOOL_MAX_BYTES (spool.maxBytes)"), e.getMessage());
    }

    @Test
    void aFileWhereTheFolderShouldBeAndABadDelayAreRefused() throws IOException {
        env.put("ENVMON_SPOOL_DIR", Files.writeString(dir.resolve("a-file"), "x").toString());
        env.put("ENVMON_SPOOL_AFTER", "10");
        ConfigException e = refused();
        assertTrue(e.getMessage().contains("ENVMON_SPOOL_DIR (spool.dir)"), e.getMessage());
        assertTrue(e.getMessage().contains("ENVMON_SPOOL_AFTER (spool.after)"), e.getMessage());
    }

    @Test
    void theFileKeysWork() throws IOException {
        Path file = Files.writeString(dir.resolve("envmon.yaml"), """
                spool:
                  dir: %s
                  maxBytes: 64MiB
                  after: 2s
                """.formatted(dir.resolve("spool")));
        SpoolConfig spool = ConfigLoader.load(file, env).spool();
        assertEquals(dir.resolve("spool"), spool.dir());
        assertEquals(64L << 20, spool.maxBytes());
        assertEquals(Duration.ofSeconds(2), spool.after());
    }
}
