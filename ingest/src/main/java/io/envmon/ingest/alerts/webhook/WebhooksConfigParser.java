package io.envmon.ingest.alerts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.alerts.event.Severity;
import io.envmon.model.Durations;
import io.envmon.model.SiteKind;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parses the webhooks YAML (given as text: the caller reads the file) into a {@link WebhooksConfig}. Every problem
 * is collected and reported at once, each naming its key ({@code webhooks[2].url: not an http(s) URL}); the file
 * is read by {@link StrictYaml} (repeated keys are errors) and unknown keys are errors. Secrets given as {@code secretEnv} are read from the environment map passed to the
 * constructor, never from {@link System#getenv()} directly, so that tests and the wiring decide.
 */
public final class WebhooksConfigParser {

    private static final Set<String> TOP_LEVEL = Set.of("webhooks", "queueCapacity", "deliveryLogSize", "backoff");
    private static final Set<String> BACKOFF = Set.of("initial", "max");
    private static final Set<String> WEBHOOK = Set.of("name", "url", "secret", "secretEnv", "audience",
            "minSeverity", "kinds", "timeout", "maxAttempts");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** HMAC keys shorter than this are guessable; 32 random bytes (e.g. {@code openssl rand -hex 32}) are advised. */
    static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, String> env;

    /** @param env the environment {@code secretEnv} names are looked up in (the wiring passes {@code System.getenv()}) */
    public WebhooksConfigParser(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * @param text   the YAML; empty or blank means no webhooks
     * @param source where it came from, for messages (e.g. the file name)
     * @throws WebhooksConfigException listing every problem, each naming its key
     */
    public WebhooksConfig parse(String text, String source) {
        String where = "webhooks " + source + ": ";
        JsonNode root;
        try {
            root = StrictYaml.read(text);
        } catch (InvalidYamlException e) {
            throw new WebhooksConfigException(List.of(where + e.getMessage()));
        }
        if (root == null) {
            return WebhooksConfig.none();
        }
        if (!root.isObject()) {
            throw new WebhooksConfigException(List.of(where + "expected a mapping with " + sorted(TOP_LEVEL)));
        }
        return new FileCheck(where).config(root);
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }

    /** The checks of one file: collects its problems, each naming its key. */
    private final class FileCheck {
        private final List<String> problems = new ArrayList<>();
        private final String where;

        FileCheck(String where) {
            this.where = where;
        }

        WebhooksConfig config(JsonNode root) {
            unknownKeys("", root, TOP_LEVEL);
            int queueCapacity = integer("queueCapacity", root.get("queueCapacity"),
                    WebhooksConfig.DEFAULT_QUEUE_CAPACITY, 1, 1_000_000);
            int logSize = integer("deliveryLogSize", root.get("deliveryLogSize"),
                    WebhooksConfig.DEFAULT_DELIVERY_LOG_SIZE, 1, 100_000);
            Duration initial = WebhooksConfig.DEFAULT_BACKOFF_INITIAL;
            Duration max = WebhooksConfig.DEFAULT_BACKOFF_MAX;
            JsonNode backoff = root.get("backoff");
            if (backoff != null && !backoff.isNull()) {
                if (!backoff.isObject()) {
                    problem("backoff", "expected a mapping with initial, max");
                } else {
                    unknownKeys("backoff.", backoff, BACKOFF);
                    initial = duration("backoff.initial", backoff.get("initial"), initial, Duration.ofMillis(100),
                            Duration.ofMinutes(10));
                    max = duration("backoff.max", backoff.get("max"), max, Duration.ofSeconds(1),
                            Duration.ofHours(1));
                    if (max.compareTo(initial) < 0) {
                        problem("backoff.max", "must be at least backoff.initial (" + Durations.format(initial) + ")");
                    }
                }
            }
            List<WebhookConfig> webhooks = webhooks(root.get("webhooks"));
            if (!problems.isEmpty()) {
                throw new WebhooksConfigException(problems);
            }
            return new WebhooksConfig(webhooks, queueCapacity, logSize, initial, max);
        }

        private List<WebhookConfig> webhooks(JsonNode list) {
            List<WebhookConfig> out = new ArrayList<>();
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray()) {
                problem("webhooks", "expected a list of webhooks");
                return out;
            }
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String key = "webhooks[" + i + "]";
                JsonNode w = list.get(i);
                if (!w.isObject()) {
                    problem(key, "expected a mapping with name, url, secret or secretEnv, audience");
                    continue;
                }
                int before = problems.size();
                unknownKeys(key + ".", w, WEBHOOK);
                String name = requiredText(key + ".name", w.get("name"));
                if (name != null && !NAME.matcher(name).matches()) {
                    problem(key + ".name", "'" + name + "' must be 1–64 of A-Z a-z 0-9 _ . - (it is a metric tag)");
                } else if (name != null && names.putIfAbsent(name, i) != null) {
                    problem(key + ".name", "'" + name + "' is already used by webhooks[" + names.get(name) + "]");
                }
                URI url = url(key + ".url", w.get("url"));
                String secret = secret(key, w.get("secret"), w.get("secretEnv"));
                WebhookAudience audience = audience(key + ".audience", w.get("audience"));
                Severity minSeverity = severity(key + ".minSeverity", w.get("minSeverity"));
                Set<String> kinds = kinds(key + ".kinds", w.get("kinds"), audience);
                Duration timeout = duration(key + ".timeout", w.get("timeout"), WebhookConfig.DEFAULT_TIMEOUT,
                        Duration.ofMillis(100), Duration.ofMinutes(5));
                int maxAttempts = integer(key + ".maxAttempts", w.get("maxAttempts"), WebhookConfig.DEFAULT_MAX_ATTEMPTS,
                        1, 100);
                if (problems.size() == before) {
                    out.add(new WebhookConfig(name, url, secret, audience, minSeverity, kinds, timeout, maxAttempts));
                }
            }
            return out;
        }

        private URI url(String key, JsonNode node) {
            String text = requiredText(key, node);
            if (text == null) {
                return null;
            }
            try {
                URI uri = new URI(text.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below, with the same words as a wrong scheme
            }
            problem(key, "not an http(s) URL");
            return null;
        }

        private String secret(String key, JsonNode inline, JsonNode fromEnv) {
            boolean hasInline = inline != null && !inline.isNull();
            boolean hasEnv = fromEnv != null && !fromEnv.isNull();
            if (hasInline == hasEnv) {
                problem(key + (hasInline ? ".secretEnv" : ".secret"),
                        hasInline ? "give secret or secretEnv, not both" : "missing (give secret or secretEnv)");
                return null;
            }
            if (hasInline) {
                String secret = requiredText(key + ".secret", inline);
                if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
                    problem(key + ".secret", "shorter than " + MIN_SECRET_LENGTH + " characters");
                    return null;
                }
                return secret;
            }
            String var = requiredText(key + ".secretEnv", fromEnv);
            if (var == null) {
                return null;
            }
            if (!ENV_NAME.matcher(var).matches()) {
                problem(key + ".secretEnv", "'" + var + "' is not an environment variable name");
                return null;
            }
            String secret = env.get(var);
            if (secret == null || secret.isBlank()) {
                problem(key + ".secretEnv", "environment variable " + var + " is not set");
                return null;
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                // never echo the value
                problem(key + ".secretEnv", "the value of " + var + " is shorter than " + MIN_SECRET_LENGTH + " characters");
                return null;
            }
            return secret;
        }

        private WebhookAudience audience(String key, JsonNode node) {
            if (node != null && node.isTextual() && node.textValue().trim().equals("bureau")) {
                return new WebhookAudience.Bureau();
            }
            if (node != null && node.isObject() && node.size() == 1 && node.has("enterprise")) {
                String id = requiredText(key + ".enterprise", node.get("enterprise"));
                return id == null ? null : new WebhookAudience.Enterprise(id.trim());
            }
            problem(key, node == null || node.isNull() ? "missing (bureau, or enterprise: <enterprise ID>)"
                    : "expected 'bureau' or 'enterprise: <enterprise ID>'");
            return null;
        }

        private Severity severity(String key, JsonNode node) {
            if (node == null || node.isNull()) {
                return WebhookConfig.DEFAULT_MIN_SEVERITY;
            }
            try {
                return Severity.fromWire(node.isTextual() ? node.textValue() : node.toString());
            } catch (IllegalArgumentException e) {
                problem(key, "'" + node.asText() + "' is not one of " + String.join(", ", Severity.wireNames()));
                return null;
            }
        }

        private Set<String> kinds(String key, JsonNode node, WebhookAudience audience) {
            String all = String.join(", ", SiteKind.topicSegments());
            if (node == null || node.isNull()) {
                return Set.copyOf(SiteKind.topicSegments());
            }
            if (!node.isArray() || node.isEmpty()) {
                problem(key, "expected a non-empty list of " + all);
                return null;
            }
            Set<String> kinds = new LinkedHashSet<>();
            for (JsonNode k : node) {
                if (!k.isTextual() || SiteKind.fromTopicSegment(k.textValue()) == null) {
                    problem(key, "'" + k.asText() + "' is not one of " + all);
                    return null;
                }
                kinds.add(k.textValue());
            }
            if (audience instanceof WebhookAudience.Enterprise && !kinds.equals(Set.of("enterprise"))) {
                problem(key, "an enterprise webhook receives enterprise events only: leave kinds out or write [enterprise]");
                return null;
            }
            return kinds;
        }

        private int integer(String key, JsonNode node, int dflt, int min, int max) {
            if (node == null || node.isNull()) {
                return dflt;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                problem(key, "'" + node.asText() + "' is not a whole number from " + min + " to " + max);
                return dflt;
            }
            return node.intValue();
        }

        private Duration duration(String key, JsonNode node, Duration dflt, Duration min, Duration max) {
            if (node == null || node.isNull()) {
                return dflt;
            }
            String text = node.asText().trim();
            Duration d;
            try {
                d = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                problem(key, "'" + text + "' is not a duration (e.g. 500ms, 5s, 2m, 1h)");
                return dflt;
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(key, "'" + text + "' is outside " + Durations.format(min) + "–" + Durations.format(max));
                return dflt;
            }
            return d;
        }

        private String requiredText(String key, JsonNode node) {
            if (node == null || node.isNull()) {
                problem(key, "missing");
                return null;
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                problem(key, "expected a non-empty string");
                return null;
            }
            return node.textValue();
        }

        private void unknownKeys(String prefix, JsonNode node, Set<String> allowed) {
            for (String k : StrictYaml.unknownKeys(node, allowed)) {
                problem(prefix + k, StrictYaml.unknownKey(allowed));
            }
        }

        private void problem(String key, String message) {
            problems.add(where + key + ": " + message);
        }
    }
}
