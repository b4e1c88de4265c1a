package io.envmon.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.model.Durations;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads scenario YAML files strictly ({@link StrictYaml}): unknown keys, repeated keys and values of the wrong kind
 * are errors naming the file and the key (docs/simulator.md#scenarios).
 */
public final class ScenarioFiles {

    static final Set<String> REASONS = Set.of("malformed", "too_large", "bad_topic", "unknown_site",
            "unknown_parameter", "out_of_range", "bad_timestamp", "bad_frame", "unauthorized");
    static final List<String> SEVERITIES = List.of("info", "warning", "major", "critical");
    private static final List<String> TOP_LEVEL = List.of("name", "description", "effects", "inject", "expect");
    private static final List<String> EFFECT = List.of("type", "kind", "site", "outlet", "parameter", "factor",
            "value", "flag", "from", "to", "ramp", "times", "offset", "source");
    private static final List<String> INJECTION = List.of("at", "topic", "payload", "padBytes", "reason");
    private static final List<String> EXPECT = List.of("rejections", "alerts");
    private static final List<String> EXPECTED_ALERT = List.of("kind", "site", "rule", "minSeverity", "minSpan",
            "liveOnly");

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
            root = StrictYaml.read(yaml);
        } catch (InvalidYamlException e) {
            throw new ScenarioException(source + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": expected a mapping with name, effects, inject, expect");
        }
        keys(root, TOP_LEVEL, source + ": ");
        String name = text(root, "name", source, true);
        List<Effect> effects = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list(root, "effects", source + ": ")) {
            effects.add(effect(e, source + ": effects[" + i++ + "]"));
        }
        List<Injection> injections = new ArrayList<>();
        i = 0;
        for (JsonNode n : list(root, "inject", source + ": ")) {
            String where = source + ": inject[" + i++ + "]";
            mapping(n, where, INJECTION);
            String reason = text(n, "reason", where, true);
            if (!REASONS.contains(reason)) {
                throw new ScenarioException(where + ".reason: '" + reason + "' is not one of " + REASONS);
            }
            injections.add(new Injection(duration(n, "at", where, Duration.ZERO), text(n, "topic", where, true),
                    text(n, "payload", where, true), (int) whole(n, "padBytes", where, 0), reason));
        }
        String description = text(root, "description", source, false);
        return new Scenario(name, description == null ? "" : description, effects, injections,
                expectation(root.path("expect"), source + ": expect"));
    }

    private static Effect effect(JsonNode n, String where) throws ScenarioException {
        mapping(n, where, EFFECT);
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
        double factor = number(n, "factor", where, 1);
        if ((type == EffectType.SCALE || type == EffectType.LIMIT_RATIO || type == EffectType.DILUTE) && !(factor > 0)) {
            throw new ScenarioException(where + ".factor: must be > 0");
        }
        Double value = n.has("value") && !n.get("value").isNull() ? number(n, "value", where, 0) : null;
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
        int times = (int) whole(n, "times", where, 0);
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
        if (n.isMissingNode() || n.isNull()) {
            return new Expectation(rejections, List.of());
        }
        mapping(n, where, EXPECT);
        JsonNode byReason = n.path("rejections");
        if (!byReason.isMissingNode() && !byReason.isNull() && !byReason.isObject()) {
            throw new ScenarioException(where + ".rejections: expected a mapping of rejection reason to count");
        }
        for (var f : byReason.properties()) {
            if (!REASONS.contains(f.getKey())) {
                throw new ScenarioException(where + ".rejections." + f.getKey() + ": not a rejection reason");
            }
            rejections.put(f.getKey(), whole(byReason, f.getKey(), where + ".rejections", 0));
        }
        List<ExpectedAlert> alerts = new ArrayList<>();
        int i = 0;
        for (JsonNode a : list(n, "alerts", where + ".")) {
            String w = where + ".alerts[" + i++ + "]";
            mapping(a, w, EXPECTED_ALERT);
            String severity = text(a, "minSeverity", w, false);
            severity = severity == null ? "info" : severity;
            if (!SEVERITIES.contains(severity)) {
                throw new ScenarioException(w + ".minSeverity: one of " + SEVERITIES);
            }
            alerts.add(new ExpectedAlert(text(a, "kind", w, true), text(a, "site", w, true), text(a, "rule", w, true),
                    severity, duration(a, "minSpan", w, Duration.ZERO), bool(a, "liveOnly", w)));
        }
        return new Expectation(rejections, alerts);
    }

    /** {@code n} must be a mapping of the {@code known} keys only. */
    private static void mapping(JsonNode n, String where, List<String> known) throws ScenarioException {
        if (!n.isObject()) {
            throw new ScenarioException(where + ": expected a mapping with " + String.join(", ", known));
        }
        keys(n, known, where + ".");
    }

    /** @param prefix what goes before the key in the message: the file and the path of {@code n} */
    private static void keys(JsonNode n, List<String> known, String prefix) throws ScenarioException {
        List<String> unknown = StrictYaml.unknownKeys(n, known);
        if (!unknown.isEmpty()) {
            throw new ScenarioException(prefix + unknown.get(0) + ": " + StrictYaml.unknownKey(known));
        }
    }

    /** The list at {@code key}, empty when absent. */
    private static Iterable<JsonNode> list(JsonNode n, String key, String where) throws ScenarioException {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ScenarioException(where + key + ": expected a list");
        }
        return v;
    }

    /** A single value as text (a number or a flag too), {@code null} when absent; a list or mapping is an error. */
    private static String text(JsonNode n, String key, String where, boolean required) throws ScenarioException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ScenarioException(where + "." + key + ": required");
            }
            return null;
        }
        if (v.isContainerNode()) {
            throw new ScenarioException(where + "." + key + ": expected a single value, not a "
                    + (v.isArray() ? "list" : "mapping"));
        }
        return v.asText();
    }

    private static double number(JsonNode n, String key, String where, double absent) throws ScenarioException {
        return scalar(n, key, where, absent, JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    private static long whole(JsonNode n, String key, String where, long absent) throws ScenarioException {
        return scalar(n, key, where, absent, v -> v.isIntegralNumber() && v.canConvertToInt(), "a whole number",
                JsonNode::longValue);
    }

    private static boolean bool(JsonNode n, String key, String where) throws ScenarioException {
        return scalar(n, key, where, false, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** The value at {@code key} when it is of the {@code expected} kind, {@code absent} when there is none. */
    private static <T> T scalar(JsonNode n, String key, String where, T absent, Predicate<JsonNode> isExpected,
                                String expected, Function<JsonNode, T> value) throws ScenarioException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!isExpected.test(v)) {
            throw new ScenarioException(where + "." + key + ": expected " + expected + ", not '" + v.asText() + "'");
        }
        return value.apply(v);
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
