package io.envmon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server's configuration file from a template of this package's resources, its {@code @NAME@} placeholders
 * filled in. The same templates serve ./envmon run and ./envmon bench, which fill them in with sed
 * (scripts/lib.sh), so the tests and the scripts start the servers alike.
 */
final class ConfigTemplate {

    private ConfigTemplate() {
    }

    /**
     * @param name   the template's resource name, e.g. {@code mosquitto.conf}
     * @param values placeholder name (without the {@code @}) → value
     * @param target the file to write
     */
    static void write(String name, Map<String, String> values, Path target) {
        String conf;
        try (InputStream template = ConfigTemplate.class.getResourceAsStream(name)) {
            if (template == null) {
                throw new IllegalStateException(name + " template missing from the testkit");
            }
            conf = new String(template.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + name + " template", e);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            conf = conf.replace("@" + v.getKey() + "@", v.getValue());
        }
        try {
            Files.writeString(target, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
