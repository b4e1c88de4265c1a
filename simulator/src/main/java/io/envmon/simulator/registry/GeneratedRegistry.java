package io.envmon.simulator.registry;

import io.envmon.model.registry.Registry;
import java.util.Map;

/**
 * A generated registry with, for each enterprise outlet ({@code "E001/DA001"}), the standard its limits come
 * from, which the registry itself has no field for and the YAML writer puts in a comment.
 */
public record GeneratedRegistry(Registry registry, Map<String, String> limitSources) {

    public GeneratedRegistry {
        limitSources = Map.copyOf(limitSources);
    }
}
