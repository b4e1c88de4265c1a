package io.envmon.model.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes registry YAML, strictly ({@link StrictYaml}): unknown keys are errors, so a misspelt
 * {@code limts} cannot pass unnoticed, and so are repeated keys and values of the wrong kind.
 */
public final class RegistryFiles {

    private RegistryFiles() {
    }

    private static ObjectMapper yaml() {
        return StrictYaml.mapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    }

    /** @throws RegistryException naming the file and the entry that is wrong */
    public static Registry load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RegistryException("registry " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    public static Registry parse(String yamlText, String source) {
        JsonNode tree;
        try {
            tree = StrictYaml.read(yamlText);
        } catch (InvalidYamlException e) {
            throw new RegistryException("registry " + source + ": " + e.getMessage(), e);
        }
        if (tree == null) {
            throw new RegistryException("registry " + source + ": the file is empty");
        }
        try {
            return yaml().treeToValue(tree, Registry.class);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RegistryException re) {
                throw new RegistryException("registry " + source + ": " + re.getMessage(), re);
            }
            throw new RegistryException("registry " + source + ": " + StrictYaml.describe("", e), e);
        } catch (JsonProcessingException e) {
            throw new RegistryException("registry " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String toYaml(Registry registry) {
        try {
            return yaml().writeValueAsString(registry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write registry YAML", e);
        }
    }
}
