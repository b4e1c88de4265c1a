package io.envmon.alerts.config;

import io.envmon.model.SiteKind;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert rules file ({@code config/alert-rules.yaml}, documented in docs/alerts.md), validated and immutable.
 * Parse it with {@link AlertRulesConfigParser}; {@link #defaults()} is what an empty file gives.
 *
 * @param overrides per-site rule sets, already merged over {@code rules}; keys {@code air/TG-A01},
 *                  {@code water/XYH-01}, {@code enterprise/E001} and {@code enterprise/E001/DA001} (outlet
 *                  over enterprise over defaults)
 */
public record AlertRulesConfig(StandardsConfig standards, WindowConfig window, RuleSet rules,
                               HeavyPollutionConfig heavyPollution, Map<String, RuleSet> overrides,
                               ReportsConfig reports) {

    public AlertRulesConfig {
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(standards, "standards");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(heavyPollution, "heavyPollution");
        overrides = java.util.Collections.unmodifiableMap(new TreeMap<>(overrides == null ? Map.of() : overrides));
    }

    /** With the default reports section. */
    public AlertRulesConfig(StandardsConfig standards, WindowConfig window, RuleSet rules,
                            HeavyPollutionConfig heavyPollution, Map<String, RuleSet> overrides) {
        this(standards, window, rules, heavyPollution, overrides, ReportsConfig.defaults());
    }

    public static AlertRulesConfig defaults() {
        return new AlertRulesConfig(StandardsConfig.defaults(), WindowConfig.defaults(), RuleSet.defaults(),
                HeavyPollutionConfig.defaults(), Map.of(), ReportsConfig.defaults());
    }

    /** The rules of one point: its outlet's override, else its site's, else the defaults. */
    public RuleSet rulesFor(MonitoredPoint point) {
        return rulesFor(point.kind().topicSegment(), point.site(), point.outlet());
    }

    private RuleSet rulesFor(String kind, String siteId, String outletId) {
        String site = kind + "/" + siteId;
        if (outletId != null) {
            RuleSet outlet = overrides.get(site + "/" + outletId);
            if (outlet != null) {
                return outlet;
            }
        }
        return overrides.getOrDefault(site, rules);
    }

    /**
     * True when the alerts of a rule at a point are for the bureau only (docs/alerts.md#integrity-rules): not for the enterprise's API
     * scope, webhooks or alert topic. The integrity rules' {@code audience} (default {@code bureau}), with the
     * point's overrides; every other rule's alerts are shared with the enterprise they are about.
     *
     * @param kind    the event's {@code kind} ({@code air}, {@code water}, {@code enterprise})
     * @param site    the event's {@code site}
     * @param point   the event's {@code point} (an outlet), or {@code null}
     * @param ruleId  the event's {@code rule}
     */
    public boolean bureauOnly(String kind, String site, String point, String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        RuleSet set = kind == null || site == null ? rules : rulesFor(kind, site, point);
        return set.integrity().bureauOnly(ruleId);
    }

    /**
     * How many hours before an observed hour the enabled integrity rules of any enterprise point read hourly
     * records (the engine keeps that much more history for enterprise points).
     */
    public int integrityLookbackHours() {
        int max = rules.integrity().lookbackHours();
        for (RuleSet set : overrides.values()) {
            max = Math.max(max, set.integrity().lookbackHours());
        }
        return max;
    }

    /**
     * What in this file does not match the registry: override keys and district stations that name no
     * registered site. Empty when all is well.
     */
    public List<String> problemsWith(Registry registry) {
        List<String> problems = new ArrayList<>();
        for (String key : overrides.keySet()) {
            String[] parts = key.split("/", 3);
            SiteKind kind = SiteKind.fromTopicSegment(parts[0]);
            boolean known;
            if (kind == SiteKind.ENTERPRISE && parts.length == 2) {
                known = registry.enterprise(parts[1]).isPresent();
            } else {
                known = registry.resolve(new Topic(kind, parts[1], parts.length == 3 ? parts[2] : null)).isPresent();
            }
            if (!known) {
                problems.add("alertOverrides." + parts[0] + "." + key.substring(parts[0].length() + 1)
                        + ": no such " + (parts.length == 3 ? "outlet" : parts[0] + " site") + " in the registry");
            }
        }
        for (String station : heavyPollution.stations()) {
            if (registry.resolve(Topic.air(station)).isEmpty()) {
                problems.add("heavyPollution.stations: '" + station + "' is not an air station of the registry");
            }
        }
        return problems;
    }
}
