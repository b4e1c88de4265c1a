package io.envmon.ingest.alerts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.system.SystemAlertsConfig;
import io.envmon.model.Durations;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Parses the webhooks YAML (given as text: the caller reads the file) into a {@link WebhooksConfig}: the channels
 * under {@code webhooks} (each with a {@code type}: {@code webhook}, the default, {@code dingtalk}, {@code wecom},
 * {@code feishu}, {@code email}) and {@code systemAlerts}. Every problem
 * is collected and reported at once, each naming its key ({@code webhooks[2].url: not an http(s) URL}); the file
 * is read by {@link StrictYaml} (repeated keys are errors) and unknown keys are errors. Secrets given as
 * {@code secretEnv} are read from the environment map passed to the
 * constructor, never from {@link System#getenv()} directly, so that tests and the wiring decide.
 */
public final class WebhooksConfigParser {

    private static final Set<String> TOP_LEVEL = Set.of("webhooks", "queueCapacity", "deliveryLogSize", "backoff",
            "systemAlerts");
    private static final Set<String> BACKOFF = Set.of("initial", "max");
    private static final Set<String> SYSTEM = Set.of("enabled", "checkEvery", "queuedReadings", "engineLagFor",
            "influxDownFor");
    /** Keys every channel type has. */
    private static final Set<String> COMMON = Set.of("name", "type", "audience", "minSeverity", "kinds", "sites",
            "timeout", "maxAttempts", "digest", "maxPerMinute");
    private static final Set<String> SMTP = Set.of("host", "port", "security", "username", "password", "passwordEnv",
            "caFile");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+|[^@\\s<>,;]+@localhost");
    /** SMTP sessions (connect, TLS, AUTH, data) take longer than a webhook's POST. */
    static final Duration DEFAULT_EMAIL_TIMEOUT = Duration.ofSeconds(30);
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

    /** The keys a channel of this type may have. */
    static Set<String> keysOf(String type) {
        Set<String> keys = new java.util.HashSet<>(COMMON);
        switch (type) {
            case "webhook", "dingtalk", "feishu" -> keys.addAll(Set.of("url", "urlEnv", "secret", "secretEnv"));
            case "wecom" -> keys.addAll(Set.of("url", "urlEnv"));
            default -> keys.addAll(Set.of("smtp", "from", "to", "subjectPrefix"));
        }
        if (type.equals("webhook")) {
            keys.remove("digest");
        }
        return keys;
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
            SystemAlertsConfig system = systemAlerts(root.get("systemAlerts"));
            List<WebhookConfig> webhooks = webhooks(root.get("webhooks"));
            if (!problems.isEmpty()) {
                throw new WebhooksConfigException(problems);
            }
            return new WebhooksConfig(webhooks, queueCapacity, logSize, initial, max, system);
        }

        private SystemAlertsConfig systemAlerts(JsonNode node) {
            SystemAlertsConfig d = SystemAlertsConfig.defaults();
            if (node == null || node.isNull()) {
                return d;
            }
            if (!node.isObject()) {
                problem("systemAlerts", "expected a mapping with " + sorted(SYSTEM));
                return d;
            }
            unknownKeys("systemAlerts.", node, SYSTEM);
            boolean enabled = true;
            if (node.hasNonNull("enabled")) {
                if (!node.get("enabled").isBoolean()) {
                    problem("systemAlerts.enabled", "expected true or false");
                } else {
                    enabled = node.get("enabled").booleanValue();
                }
            }
            Duration every = duration("systemAlerts.checkEvery", node.get("checkEvery"), d.checkEvery(),
                    Duration.ofSeconds(1), Duration.ofMinutes(10));
            int queued = integer("systemAlerts.queuedReadings", node.get("queuedReadings"),
                    (int) d.queuedReadings(), 1, 100_000_000);
            Duration lagFor = duration("systemAlerts.engineLagFor", node.get("engineLagFor"), d.engineLagFor(),
                    Duration.ZERO, Duration.ofDays(1));
            Duration downFor = duration("systemAlerts.influxDownFor", node.get("influxDownFor"), d.influxDownFor(),
                    Duration.ZERO, Duration.ofDays(1));
            return new SystemAlertsConfig(enabled, every, queued, lagFor, downFor);
        }

        private List<WebhookConfig> webhooks(JsonNode list) {
            List<WebhookConfig> out = new ArrayList<>();
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray()) {
                problem("webhooks", "expected a list of channels");
                return out;
            }
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String key = "webhooks[" + i + "]";
                JsonNode w = list.get(i);
                if (!w.isObject()) {
                    problem(key, "expected a mapping with name, type, audience and the type's keys");
                    continue;
                }
                int before = problems.size();
                String type = type(key + ".type", w.get("type"));
                if (type == null) {
                    continue;
                }
                unknownKeys(key + ".", w, keysOf(type), " for type " + type);
                String name = requiredText(key + ".name", w.get("name"));
                if (name != null && !NAME.matcher(name).matches()) {
                    problem(key + ".name", "'" + name + "' must be 1–64 of A-Z a-z 0-9 _ . - (it is a metric tag)");
                } else if (name != null && names.putIfAbsent(name, i) != null) {
                    problem(key + ".name", "'" + name + "' is already used by webhooks[" + names.get(name) + "]");
                }
                ChannelTarget target = target(key, type, w);
                WebhookAudience audience = audience(key + ".audience", w.get("audience"));
                Severity minSeverity = severity(key + ".minSeverity", w.get("minSeverity"));
                Set<String> kinds = kinds(key + ".kinds", w.get("kinds"), audience);
                Set<String> sites = sites(key + ".sites", w.get("sites"), audience);
                Duration timeout = duration(key + ".timeout", w.get("timeout"),
                        type.equals("email") ? DEFAULT_EMAIL_TIMEOUT : WebhookConfig.DEFAULT_TIMEOUT,
                        Duration.ofMillis(100), Duration.ofMinutes(5));
                int maxAttempts = integer(key + ".maxAttempts", w.get("maxAttempts"), WebhookConfig.DEFAULT_MAX_ATTEMPTS,
                        1, 100);
                Duration digest = null;
                if (w.hasNonNull("digest")) {
                    digest = duration(key + ".digest", w.get("digest"), null, Duration.ofSeconds(10), Duration.ofDays(1));
                }
                Integer perMinute = w.hasNonNull("maxPerMinute")
                        ? integer(key + ".maxPerMinute", w.get("maxPerMinute"), 20, 1, 10_000) : null;
                if (problems.size() == before) {
                    RateLimit limit = perMinute == null ? target.rateLimit() : target.rateLimit().withPerMinute(perMinute);
                    out.add(new WebhookConfig(name, target, audience, minSeverity, kinds, sites, timeout, maxAttempts,
                            digest, limit));
                }
            }
            return out;
        }

        private String type(String key, JsonNode node) {
            if (node == null || node.isNull()) {
                return "webhook"; // the original webhooks file had no type: keep reading it
            }
            String type = node.asText().trim();
            if (!node.isTextual() || !ChannelTarget.TYPES.contains(type)) {
                problem(key, "'" + node.asText() + "' is not one of " + String.join(", ", ChannelTarget.TYPES));
                return null;
            }
            return type;
        }

        private ChannelTarget target(String key, String type, JsonNode w) {
            if (type.equals("email")) {
                return email(key, w);
            }
            URI url = url(key, w.get("url"), w.get("urlEnv"));
            String secret = type.equals("wecom") ? null
                    : secret(key, w.get("secret"), w.get("secretEnv"), type.equals("webhook"));
            if (url == null || (type.equals("webhook") && secret == null)) {
                return null;
            }
            return switch (type) {
                case "webhook" -> new ChannelTarget.Webhook(url, secret);
                case "dingtalk" -> new ChannelTarget.DingTalk(url, secret);
                case "wecom" -> new ChannelTarget.WeCom(url);
                default -> new ChannelTarget.Feishu(url, secret);
            };
        }

        private ChannelTarget email(String key, JsonNode w) {
            ChannelTarget.Smtp smtp = smtp(key + ".smtp", w.get("smtp"));
            String from = address(key + ".from", w.get("from"));
            List<String> to = new ArrayList<>();
            JsonNode list = w.get("to");
            if (list != null && list.isTextual()) {
                to.add(address(key + ".to", list));
            } else if (list != null && list.isArray() && !list.isEmpty()) {
                for (int i = 0; i < list.size(); i++) {
                    to.add(address(key + ".to[" + i + "]", list.get(i)));
                }
            } else {
                problem(key + ".to", "expected an address or a non-empty list of addresses");
            }
            String prefix = w.hasNonNull("subjectPrefix") ? w.get("subjectPrefix").asText() : "[envmon]";
            if (smtp == null || from == null || to.isEmpty() || to.contains(null)) {
                return null;
            }
            return new ChannelTarget.Email(smtp, from, to, prefix);
        }

        private ChannelTarget.Smtp smtp(String key, JsonNode node) {
            if (node == null || !node.isObject()) {
                problem(key, "expected a mapping with host, port, security, username, password or passwordEnv");
                return null;
            }
            int before = problems.size();
            unknownKeys(key + ".", node, SMTP, "");
            String host = requiredText(key + ".host", node.get("host"));
            ChannelTarget.SmtpSecurity security = ChannelTarget.SmtpSecurity.STARTTLS;
            if (node.hasNonNull("security")) {
                try {
                    security = ChannelTarget.SmtpSecurity.valueOf(node.get("security").asText().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(key + ".security", "'" + node.get("security").asText() + "' is not one of starttls, tls, none");
                }
            }
            int dflt = security == ChannelTarget.SmtpSecurity.TLS ? 465 : security == ChannelTarget.SmtpSecurity.STARTTLS
                    ? 587 : 25;
            int port = integer(key + ".port", node.get("port"), dflt, 1, 65535);
            String username = node.hasNonNull("username") ? requiredText(key + ".username", node.get("username")) : null;
            String password = null;
            if (username != null) {
                password = secret(key + ".password", node.get("password"), node.get("passwordEnv"), true, 1);
            } else if (node.hasNonNull("password") || node.hasNonNull("passwordEnv")) {
                problem(key + ".username", "missing (a password needs a user name)");
            }
            Path caFile = null;
            if (node.hasNonNull("caFile")) {
                String file = requiredText(key + ".caFile", node.get("caFile"));
                if (file != null && !Files.isReadable(Path.of(file))) {
                    problem(key + ".caFile", "'" + file + "' is not a readable file");
                } else if (file != null) {
                    caFile = Path.of(file);
                }
            }
            if (problems.size() != before || host == null) {
                return null;
            }
            return new ChannelTarget.Smtp(host.trim(), port, security, username, password, caFile);
        }

        private String address(String key, JsonNode node) {
            String text = requiredText(key, node);
            if (text != null && !EMAIL.matcher(text.trim()).matches()) {
                problem(key, "'" + text + "' is not an e-mail address (name@domain)");
                return null;
            }
            return text == null ? null : text.trim();
        }

        private Set<String> sites(String key, JsonNode node, WebhookAudience audience) {
            if (node == null || node.isNull()) {
                return Set.of();
            }
            if (!node.isArray() || node.isEmpty()) {
                problem(key, "expected a non-empty list of site IDs");
                return Set.of();
            }
            Set<String> sites = new LinkedHashSet<>();
            for (JsonNode n : node) {
                if (!n.isTextual() || n.textValue().isBlank()) {
                    problem(key, "expected site IDs (strings), found " + n);
                    return Set.of();
                }
                sites.add(n.textValue().trim());
            }
            if (audience instanceof WebhookAudience.Enterprise e && !sites.contains(e.id())) {
                problem(key, "an enterprise channel receives only its own events (site " + e.id()
                        + "): leave sites out");
            }
            return sites;
        }

        /** {@code url} or {@code urlEnv} (robot URLs carry their access token: keep them in the environment). */
        private URI url(String key, JsonNode inline, JsonNode fromEnv) {
            boolean hasInline = inline != null && !inline.isNull();
            boolean hasEnv = fromEnv != null && !fromEnv.isNull();
            if (hasInline == hasEnv) {
                problem(key + (hasInline ? ".urlEnv" : ".url"),
                        hasInline ? "give url or urlEnv, not both" : "missing (give url or urlEnv)");
                return null;
            }
            String urlKey = key + (hasInline ? ".url" : ".urlEnv");
            String text;
            if (hasInline) {
                text = requiredText(urlKey, inline);
            } else {
                String var = requiredText(urlKey, fromEnv);
                if (var == null) {
                    return null;
                }
                if (!ENV_NAME.matcher(var).matches()) {
                    problem(urlKey, "'" + var + "' is not an environment variable name");
                    return null;
                }
                text = env.get(var);
                if (text == null || text.isBlank()) {
                    problem(urlKey, "environment variable " + var + " is not set");
                    return null;
                }
            }
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
            problem(urlKey, "not an http(s) URL"); // never echo it: it may carry a robot's token
            return null;
        }

        private String secret(String key, JsonNode inline, JsonNode fromEnv, boolean required) {
            return secret(key + ".secret", inline, fromEnv, required, required ? MIN_SECRET_LENGTH : 1);
        }

        /**
         * A secret given inline ({@code inlineKey}) or as the name of an environment variable ({@code inlineKey}
         * + {@code Env}), exactly one of them; {@code null} when neither is given and it is optional.
         */
        private String secret(String inlineKey, JsonNode inline, JsonNode fromEnv, boolean required, int minLength) {
            String envKey = inlineKey + "Env";
            String what = inlineKey.substring(inlineKey.lastIndexOf('.') + 1);
            boolean hasInline = inline != null && !inline.isNull();
            boolean hasEnv = fromEnv != null && !fromEnv.isNull();
            if (!hasInline && !hasEnv && !required) {
                return null;
            }
            if (hasInline == hasEnv) {
                problem(hasInline ? envKey : inlineKey, hasInline ? "give " + what + " or " + what + "Env, not both"
                        : "missing (give " + what + " or " + what + "Env)");
                return null;
            }
            if (hasInline) {
                String secret = requiredText(inlineKey, inline);
                if (secret != null && secret.length() < minLength) {
                    problem(inlineKey, "shorter than " + minLength + " characters");
                    return null;
                }
                return secret;
            }
            String var = requiredText(envKey, fromEnv);
            if (var == null) {
                return null;
            }
            if (!ENV_NAME.matcher(var).matches()) {
                problem(envKey, "'" + var + "' is not an environment variable name");
                return null;
            }
            String secret = env.get(var);
            if (secret == null || secret.isBlank()) {
                problem(envKey, "environment variable " + var + " is not set");
                return null;
            }
            if (secret.length() < minLength) {
                // never echo the value
                problem(envKey, "the value of " + var + " is shorter than " + minLength + " characters");
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
            String all = String.join(", ", AlertEvent.KINDS);
            if (node == null || node.isNull()) {
                return Set.copyOf(AlertEvent.KINDS);
            }
            if (!node.isArray() || node.isEmpty()) {
                problem(key, "expected a non-empty list of " + all);
                return null;
            }
            Set<String> kinds = new LinkedHashSet<>();
            for (JsonNode k : node) {
                if (!k.isTextual() || !AlertEvent.KINDS.contains(k.textValue())) {
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
            unknownKeys(prefix, node, allowed, "");
        }

        private void unknownKeys(String prefix, JsonNode node, Set<String> allowed, String forWhat) {
            for (String k : StrictYaml.unknownKeys(node, allowed)) {
                problem(prefix + k, "unknown key" + forWhat + " (expected one of " + sorted(allowed) + ")");
            }
        }

        private void problem(String key, String message) {
            problems.add(where + key + ": " + message);
        }
    }
}
