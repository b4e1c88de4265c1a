package io.envmon.ingest.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.model.registry.Registry;
import io.envmon.model.yaml.InvalidYamlException;
import io.envmon.model.yaml.StrictYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's bearer tokens (docs/api.md): bureau tokens see everything, each enterprise's tokens see only that
 * enterprise. Loaded from YAML; a token may be written in the file or named by an environment variable
 * ({@code tokenEnv}). Tokens are compared in constant time.
 */
public final class ApiTokens {

    private static final int MIN_TOKEN_LENGTH = 16;
    private static final List<String> TOP_LEVEL = List.of("bureau", "enterprises");
    private static final List<String> ENTRY = List.of("name", "token", "tokenEnv");

    private record Entry(byte[] token, Principal principal) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: every API call is refused with 401. */
    public static ApiTokens none() {
        return new ApiTokens(List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        Principal found = null;
        for (Entry e : entries) {
            // every entry is compared, so timing does not tell which one matched
            if (MessageDigest.isEqual(e.token(), given)) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Reads the tokens file ({@link StrictYaml}): unknown keys, repeated keys and values of the wrong kind are
     * errors, each naming its key ({@code enterprises.E001[0].token}).
     *
     * @throws IllegalArgumentException naming the file and every entry that is wrong
     */
    public static ApiTokens parse(String yaml, String source, Map<String, String> env, Registry registry) {
        JsonNode root;
        try {
            root = StrictYaml.read(yaml);
        } catch (InvalidYamlException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (root != null && !root.isObject()) {
            problems.add("expected a mapping with " + String.join(", ", TOP_LEVEL));
        } else if (root != null) {
            StrictYaml.unknownKeys(root, TOP_LEVEL).forEach(k -> problems.add(k + ": " + StrictYaml.unknownKey(TOP_LEVEL)));
            readList(root.path("bureau"), "bureau", null, env, entries, problems);
            JsonNode enterprises = root.path("enterprises");
            if (!enterprises.isMissingNode() && !enterprises.isNull() && !enterprises.isObject()) {
                problems.add("enterprises: expected a mapping of enterprise ID to a list of {name, token | tokenEnv}");
            }
            for (Map.Entry<String, JsonNode> e : enterprises.properties()) {
                if (registry.enterprise(e.getKey()).isEmpty()) {
                    problems.add("enterprises." + e.getKey() + ": not an enterprise of the registry");
                }
                readList(e.getValue(), "enterprises." + e.getKey(), e.getKey(), env, entries, problems);
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (Entry e : entries) {
            String previous = seen.put(new String(e.token(), StandardCharsets.UTF_8), e.principal().name());
            if (previous != null) {
                problems.add(e.principal().name() + ": same token as " + previous);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new ApiTokens(entries);
    }

    private static void readList(JsonNode list, String where, String enterprise, Map<String, String> env,
                                 List<Entry> entries, List<String> problems) {
        if (list.isMissingNode() || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(where + ": must be a list of {name, token | tokenEnv}");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = StrictYaml.item(where, i);
            if (!item.isObject()) {
                problems.add(at + ": expected a mapping with name, token or tokenEnv");
                continue;
            }
            int before = problems.size();
            StrictYaml.unknownKeys(item, ENTRY).forEach(k -> problems.add(at + "." + k + ": " + StrictYaml.unknownKey(ENTRY)));
            String name = text(item, at, "name", problems);
            String token = text(item, at, "token", problems);
            String tokenEnv = text(item, at, "tokenEnv", problems);
            if (problems.size() > before) {
                continue;
            }
            if (name == null || name.isBlank()) {
                problems.add(at + ".name: missing");
                continue;
            }
            if (tokenEnv != null) {
                token = env.get(tokenEnv);
                if (token == null) {
                    problems.add(at + ".tokenEnv: environment variable " + tokenEnv + " is not set");
                    continue;
                }
            }
            if (token == null || token.length() < MIN_TOKEN_LENGTH) {
                problems.add(at + ".token: missing or shorter than " + MIN_TOKEN_LENGTH + " characters");
                continue;
            }
            entries.add(new Entry(token.getBytes(StandardCharsets.UTF_8), new Principal(name, enterprise)));
        }
    }

    /** The string at {@code key}, null when absent; anything but a string (a number, a list...) is a problem. */
    private static String text(JsonNode item, String at, String key, List<String> problems) {
        JsonNode v = item.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at + "." + key + ": expected a string (in quotes if it looks like a number)");
            return null;
        }
        return v.textValue();
    }
}
