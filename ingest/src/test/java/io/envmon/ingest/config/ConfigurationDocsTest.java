package io.envmon.ingest.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every setting the service reads is documented for operators, with its variable and its file key. */
class ConfigurationDocsTest {

    @Test
    void everySettingIsInDocsConfiguration() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Setting s : ConfigLoader.SETTINGS) {
            assertTrue(docs.contains("`" + s.env() + "`") && docs.contains("`" + s.key() + "`"),
                    () -> s.label() + " is missing from docs/configuration.md");
        }
    }
}
