package io.envmon.ingest;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.AlertRulesConfigParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.ingest.config.AlertsConfig;
import io.envmon.ingest.config.ConfigException;
import io.envmon.ingest.http.api.ApiTokens;
import io.envmon.ingest.alerts.webhook.WebhooksConfig;
import io.envmon.ingest.alerts.webhook.WebhooksConfigParser;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Registry;
import io.envmon.model.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files the service reads at start-up besides its configuration and registry: the alert engine's rules, the API
 * tokens and the webhooks. All are read and checked before anything connects, so a mistake in any of them stops the
 * service with a message naming the setting. It sits beside {@link Main}: it knows every package, none knows it.
 */
public record StartupFiles(AlertRulesConfig rules, AlertEngine engine, ApiTokens tokens, WebhooksConfig webhooks) {

    /** @throws ConfigException naming ENVMON_ALERT_RULES, ENVMON_API_TOKENS or ENVMON_WEBHOOKS */
    public static StartupFiles load(AlertsConfig config, Registry registry, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        AlertRulesConfig rules = AlertRulesConfig.defaults();
        AlertEngine engine = null;
        try {
            String text = config.rulesFile() == null ? "" : read(config.rulesFile());
            String source = config.rulesFile() == null ? "built-in defaults" : config.rulesFile().toString();
            if (!registry.alertOverrides().isEmpty()) {
                text = withRegistryOverrides(text, registry.alertOverrides());
                source = source + " + the registry's alertOverrides";
            }
            rules = new AlertRulesConfigParser().parse(text, source);
            engine = new AlertEngine(registry, rules);
        } catch (IOException | RuntimeException e) {
            problems.add("ENVMON_ALERT_RULES (alerts.rulesFile): " + e.getMessage());
        }
        ApiTokens tokens = ApiTokens.none();
        if (config.apiTokensFile() != null) {
            try {
                tokens = ApiTokens.parse(read(config.apiTokensFile()), config.apiTokensFile().toString(), env, registry);
            } catch (IOException | RuntimeException e) {
                problems.add("ENVMON_API_TOKENS (api.tokensFile): " + e.getMessage());
            }
        }
        WebhooksConfig webhooks = null;
        if (config.webhooksFile() != null) {
            try {
                webhooks = new WebhooksConfigParser(env).parse(read(config.webhooksFile()), config.webhooksFile().toString());
                List<String> ids = registry.enterprises().stream().map(Enterprise::id).toList();
                webhooks.enterpriseProblems(ids).forEach(p -> problems.add("ENVMON_WEBHOOKS (alerts.webhooksFile): " + p));
                webhooks.siteProblems(knownSites(registry, rules)).forEach(p -> problems.add("ENVMON_WEBHOOKS (alerts.webhooksFile): " + p));
            } catch (IOException | RuntimeException e) {
                problems.add("ENVMON_WEBHOOKS (alerts.webhooksFile): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StartupFiles(rules, engine, tokens, webhooks);
    }

    /**
     * Adds the registry's per-site overrides to the rules file's {@code alertOverrides}, so thresholds can be set
     * beside the site they belong to. The same site overridden in both places is an error, not a silent choice.
     */
    static String withRegistryOverrides(String rulesYaml, Map<String, Object> fromRegistry) throws IOException {
        ObjectMapper yaml = StrictYaml.mapper();
        JsonNode parsed = StrictYaml.read(rulesYaml);
        ObjectNode root = parsed instanceof ObjectNode o ? o : yaml.createObjectNode();
        ObjectNode overrides = root.has("alertOverrides") && root.get("alertOverrides").isObject()
                ? (ObjectNode) root.get("alertOverrides") : root.putObject("alertOverrides");
        JsonNode registryTree = yaml.valueToTree(fromRegistry);
        for (Map.Entry<String, JsonNode> kind : registryTree.properties()) {
            if (!kind.getValue().isObject()) {
                throw new IllegalArgumentException("registry alertOverrides." + kind.getKey() + ": expected a mapping of site ID to rules");
            }
            ObjectNode target = overrides.has(kind.getKey()) && overrides.get(kind.getKey()).isObject()
                    ? (ObjectNode) overrides.get(kind.getKey()) : overrides.putObject(kind.getKey());
            for (Map.Entry<String, JsonNode> site : kind.getValue().properties()) {
                if (target.has(site.getKey())) {
                    throw new IllegalArgumentException("alertOverrides." + kind.getKey() + "." + site.getKey()
                            + " is set both in the rules file and in the registry; keep one");
                }
                target.set(site.getKey(), site.getValue());
            }
        }
        return yaml.writeValueAsString(root);
    }

    /** Every site an alert event can name: the registry's, the district tracker's, envmon's own (system alerts). */
    private static java.util.Set<String> knownSites(Registry registry, AlertRulesConfig rules) {
        java.util.Set<String> sites = new java.util.HashSet<>();
        registry.air().forEach(a -> sites.add(a.id()));
        registry.water().forEach(w -> sites.add(w.id()));
        registry.enterprises().forEach(e -> sites.add(e.id()));
        sites.add(rules.heavyPollution().site());
        sites.add(io.envmon.ingest.alerts.system.SystemConditions.SITE);
        return sites;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
