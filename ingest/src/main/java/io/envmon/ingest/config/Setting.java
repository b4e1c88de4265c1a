package io.envmon.ingest.config;

/**
 * One configuration setting: its key in the {@code --config} YAML file (dotted path), the environment
 * variable that overrides it, and its default ({@code null}: none). Documented in docs/configuration.md.
 */
public record Setting(String key, String env, String defaultValue, boolean secret) {

    /** How a problem message names this setting, so the operator knows both places to fix it. */
    public String label() {
        return env + " (" + key + ")";
    }
}
