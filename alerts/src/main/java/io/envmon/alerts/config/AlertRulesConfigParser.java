package io.envmon.alerts.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.model.SiteKind;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the alert rules YAML (given as text by the caller: this module does no file I/O) into an
 * {@link AlertRulesConfig}. What the file leaves out keeps its default ({@link AlertRulesConfig#defaults()});
 * mappings are merged key by key, lists replace. {@code alertOverrides} entries are merged over the file's
 * {@code rules} (an outlet's over its enterprise's). Unknown keys, wrong types and invalid values are errors that
 * name the key (the file is read by {@link StrictYaml}: repeated keys are errors too), e.g. {@code alert rules config/alert-rules.yaml: rules.permit.earlyWarningShare: must be > 0 and
 * ≤ 1, not 1.5}.
 */
public final class AlertRulesConfigParser {

    private static final List<String> TOP_LEVEL =
            List.of("standards", "window", "rules", "heavyPollution", "alertOverrides", "reports");

    private final ObjectMapper yaml = StrictYaml.mapper();

    /**
     * @param text   the YAML; empty or blank means all defaults
     * @param source where it came from, for messages (e.g. the file name)
     * @throws AlertRulesException naming the key that is wrong
     */
    public AlertRulesConfig parse(String text, String source) {
        String where = "alert rules " + source + ": ";
        JsonNode root;
        try {
            root = StrictYaml.read(text);
        } catch (InvalidYamlException e) {
            throw new AlertRulesException(where + e.getMessage(), e);
        }
        AlertRulesConfig defaults = AlertRulesConfig.defaults();
        if (root == null) {
            return defaults;
        }
        if (!root.isObject()) {
            throw new AlertRulesException(where + "expected a mapping with " + String.join(", ", TOP_LEVEL));
        }
        checkKeys(where, "", root, TOP_LEVEL);
        StandardsConfig standards = bind(where, "standards",
                merge(where, "standards", tree(defaults.standards()), root.get("standards")), StandardsConfig.class);
        WindowConfig window = bind(where, "window",
                merge(where, "window", tree(defaults.window()), root.get("window")), WindowConfig.class);
        HeavyPollutionConfig heavy = bind(where, "heavyPollution",
                merge(where, "heavyPollution", tree(defaults.heavyPollution()), root.get("heavyPollution")),
                HeavyPollutionConfig.class);
        ObjectNode rulesTree = merge(where, "rules", tree(defaults.rules()), root.get("rules"));
        RuleSet rules = bind(where, "rules", rulesTree, RuleSet.class);
        Map<String, RuleSet> overrides = overrides(where, rulesTree, root.get("alertOverrides"));
        ReportsConfig reports = bind(where, "reports",
                merge(where, "reports", tree(defaults.reports()), root.get("reports")), ReportsConfig.class);
        return new AlertRulesConfig(standards, window, rules, heavy, overrides, reports);
    }

    private Map<String, RuleSet> overrides(String where, ObjectNode rulesTree, JsonNode node) {
        Map<String, RuleSet> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new AlertRulesException(where + "alertOverrides: expected a mapping of "
                    + String.join(", ", SiteKind.topicSegments()));
        }
        checkKeys(where, "alertOverrides.", node, SiteKind.topicSegments());
        for (String kind : SiteKind.topicSegments()) {
            JsonNode sites = node.get(kind);
            if (sites == null || sites.isNull()) {
                continue;
            }
            String path = "alertOverrides." + kind;
            if (!sites.isObject()) {
                throw new AlertRulesException(where + path + ": expected a mapping of site ID to rules");
            }
            Map<String, ObjectNode> siteTrees = new LinkedHashMap<>();
            // sites first, so that an outlet (E001/DA001) is merged over its enterprise (E001)
            for (Map.Entry<String, JsonNode> e : sites.properties()) {
                if (!e.getKey().contains("/")) {
                    siteTrees.put(e.getKey(), merge(where, path + "." + e.getKey(), rulesTree.deepCopy(), e.getValue()));
                }
            }
            for (Map.Entry<String, JsonNode> e : sites.properties()) {
                String key = e.getKey();
                if (key.contains("/")) {
                    String[] parts = key.split("/", -1);
                    if (!kind.equals("enterprise") || parts.length != 2) {
                        throw new AlertRulesException(where + path + "." + key
                                + ": only enterprise overrides may name an outlet, as ENTERPRISE/OUTLET");
                    }
                    ObjectNode base = siteTrees.getOrDefault(parts[0], rulesTree);
                    siteTrees.put(key, merge(where, path + "." + key, base.deepCopy(), e.getValue()));
                }
            }
            siteTrees.forEach((site, tree) ->
                    out.put(kind + "/" + site, bind(where, path + "." + site, tree, RuleSet.class)));
        }
        return out;
    }

    private ObjectNode tree(Object value) {
        return yaml.valueToTree(value);
    }

    /** {@code override} merged into {@code base}: mappings key by key, anything else replaces. */
    private static ObjectNode merge(String where, String path, ObjectNode base, JsonNode override) {
        if (override == null || override.isNull()) {
            return base;
        }
        if (!override.isObject()) {
            throw new AlertRulesException(where + path + ": expected a mapping, not '" + override.asText() + "'");
        }
        for (Map.Entry<String, JsonNode> e : override.properties()) {
            JsonNode existing = base.get(e.getKey());
            if (existing != null && existing.isObject() && !e.getValue().isObject() && !e.getValue().isNull()) {
                throw new AlertRulesException(where + path + "." + e.getKey() + ": expected a mapping, not '"
                        + e.getValue().asText() + "'");
            }
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge(where, path + "." + e.getKey(), (ObjectNode) existing, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
        return base;
    }

    private <T> T bind(String where, String path, JsonNode node, Class<T> type) {
        try {
            return yaml.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new AlertRulesException(where + StrictYaml.describe(path, e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AlertRulesException(where + path + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeys(String where, String prefix, JsonNode node, List<String> known) {
        List<String> unknown = StrictYaml.unknownKeys(node, known);
        if (!unknown.isEmpty()) {
            throw new AlertRulesException(where + prefix + unknown.get(0) + ": unknown key (known: "
                    + String.join(", ", known) + ")");
        }
    }
}
