package io.envmon.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envmon.model.Durations;
import io.envmon.simulator.scenario.Scenario.Effect;
import io.envmon.simulator.scenario.Scenario.EffectType;
import io.envmon.simulator.scenario.Scenario.ExpectedAlert;
import io.envmon.simulator.scenario.Scenario.Expectation;
import io.envmon.simulator.scenario.Scenario.Injection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads scenario YAML files; errors name the file and the key. */
public final class ScenarioFiles {

    static final Set<String> REASONS = Set.of("malformed", "too_large", "bad_topic", "unknown_site",
            "unknown_parameter", "out_of_range", "bad_timestamp", "bad_frame", "unauthorized");
    static final List<String> SEVERITIES = List.of("info", "warning", "major", "critical");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioFiles() {
    }

    /**
     * Loads scenarios by name ({@code dir/name.yaml}) or by path (anything ending in .yaml/.yml).
     *
     * @throws ScenarioException naming the file (and key) that is missing or invalid
     */
    public static ScenarioSet load(Path dir, List<String> namesOrPaths) throws ScenarioException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : namesOrPaths) {
            Path file = name.endsWith(".yaml") || name.endsWith(".yml") ? Path.of(name) : dir.resolve(name + ".yaml");
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException("scenario '" + name + "': no file " + file);
            }
            try {
                scenarios.add(parse(Files.readString(file), file.toString()));
            } catch (IOException e) {
                throw new ScenarioException(file + ": " + e.getMessage());
            }
        }
        return new ScenarioSet(scenarios);
    }

    public static Scenario parse(String yaml, String source) throws ScenarioException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ScenarioException(source + ": not YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": expected a mapping with name, effects, inject, expect");
        }
        String name = text(root, "name", source, true);
        List<Effect> effects = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list(root, "effects")) {
            effects.add(effect(e, source + ": effects[" + i++ + "]"));
        }
        List<Injection> injections = new ArrayList<>();
        i = 0;
        for (JsonNode n : list(root, "inject")) {
            String where = source + ": inject[" + i++ + "]";
            String reason = text(n, "reason", where, true);
            if (!REASONS.contains(reason)) {
                throw new ScenarioException(where + ".reason: '" + reason + "' is not one of " + REASONS);
            }
            injections.add(new Injection(duration(n, "at", where, Duration.ZERO), text(n, "topic", where, true),
                    text(n, "payload", where, true), n.path("padBytes").asInt(0), reason));
        }
        return new Scenario(name, root.path("description").asText(""), effects, injections,
                expectation(root.path("expect"), source + ": expect"));
    }

    private static Effect effect(JsonNode n, String where) throws ScenarioException {
        String typeName = text(n, "type", where, true);
        EffectType type;
        try {
            type = EffectType.valueOf(typeName.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ".type: '" + typeName + "' is not one of scale, limit-ratio, set, "
                    + "flatline, flag, silence, clock-skew, dilute, copy");
        }
        String kind = text(n, "kind", where, false);
        String site = text(n, "site", where, false);
        if ((kind == null) == (site == null)) {
            throw new ScenarioException(where + ": give either site or kind (air, water, enterprise)");
        }
        if (kind != null && !Set.of("air", "water", "enterprise").contains(kind)) {
            throw new ScenarioException(where + ".kind: must be air, water or enterprise");
        }
        String parameter = text(n, "parameter", where, type != EffectType.SILENCE && type != EffectType.CLOCK_SKEW
                && type != EffectType.DILUTE && type != EffectType.COPY);
        Duration from = duration(n, "from", where, Duration.ZERO);
        Duration to = duration(n, "to", where, Duration.ofDays(36500));
        if (to.compareTo(from) <= 0) {
            throw new ScenarioException(where + ".to: must be after from");
        }
        double factor = n.path("factor").asDouble(1);
        if ((type == EffectType.SCALE || type == EffectType.LIMIT_RATIO || type == EffectType.DILUTE) && !(factor > 0)) {
            throw new ScenarioException(where + ".factor: must be > 0");
        }
        Double value = n.has("value") ? n.get("value").asDouble() : null;
        if (type == EffectType.SET && value == null) {
            throw new ScenarioException(where + ".value: required for type set");
        }
        if (type == EffectType.DILUTE && (value == null || !(value > 0 && value < 21))) {
            throw new ScenarioException(where + ".value: the O2 % the air brings the stack to, between 0 and 21, "
                    + "required for type dilute");
        }
        String source = text(n, "source", where, type == EffectType.COPY);
        if (source != null && !source.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)?")) {
            throw new ScenarioException(where + ".source: a point's label, SITE or ENTERPRISE/OUTLET");
        }
        String flag = text(n, "flag", where, type == EffectType.FLAG);
        if (flag != null && !flag.matches("[A-Z0-9]")) {
            throw new ScenarioException(where + ".flag: one letter, e.g. M or C");
        }
        int times = n.path("times").asInt(0);
        if (times < 0) {
            throw new ScenarioException(where + ".times: must be 0 (all) or more");
        }
        Duration offset = signedDuration(n, "offset", where);
        if (type == EffectType.CLOCK_SKEW && (offset == null || offset.isZero())) {
            throw new ScenarioException(where + ".offset: required for type clock-skew, e.g. -20m (behind) or 2h (ahead)");
        }
        return new Effect(type, kind, site, text(n, "outlet", where, false), parameter, factor, value, flag, from, to,
                duration(n, "ramp", where, Duration.ZERO), times, offset == null ? Duration.ZERO : offset, source);
    }

    private static Expectation expectation(JsonNode n, String where) throws ScenarioException {
        Map<String, Long> rejections = new LinkedHashMap<>();
        for (var f : n.path("rejections").properties()) {
            if (!REASONS.contains(f.getKey())) {
                throw new ScenarioException(where + ".rejections." + f.getKey() + ": not a rejection reason");
            }
            rejections.put(f.getKey(), f.getValue().asLong());
        }
        List<ExpectedAlert> alerts = new ArrayList<>();
        int i = 0;
        for (JsonNode a : list(n, "alerts")) {
            String w = where + ".alerts[" + i++ + "]";
            String severity = a.path("minSeverity").asText("info");
            if (!SEVERITIES.contains(severity)) {
                throw new ScenarioException(w + ".minSeverity: one of " + SEVERITIES);
            }
            alerts.add(new ExpectedAlert(text(a, "kind", w, true), text(a, "site", w, true), text(a, "rule", w, true),
                    severity, duration(a, "minSpan", w, Duration.ZERO), a.path("liveOnly").asBoolean(false)));
        }
        return new Expectation(rejections, alerts);
    }

    private static Iterable<JsonNode> list(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isArray() ? v : List.of();
    }

    private static String text(JsonNode n, String key, String where, boolean required) throws ScenarioException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ScenarioException(where + "." + key + ": required");
            }
            return null;
        }
        return v.asText();
    }

    private static Duration duration(JsonNode n, String key, String where, Duration absent) throws ScenarioException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        try {
            return parseDuration(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + "." + key + ": " + e.getMessage());
        }
    }

    /** A duration that may start with '-', or {@code null} when absent. */
    private static Duration signedDuration(JsonNode n, String key, String where) throws ScenarioException {
        String text = text(n, key, where, false);
        if (text == null) {
            return null;
        }
        boolean negative = text.strip().startsWith("-");
        try {
            Duration d = parseDuration(negative ? text.strip().substring(1) : text);
            return negative ? d.negated() : d;
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + "." + key + ": " + e.getMessage());
        }
    }

    /** A duration of docs/configuration.md's grammar, with the message scenario files have always given. */
    public static Duration parseDuration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 90s, 30m, 2h, 1d or PT2H");
        }
    }
}
