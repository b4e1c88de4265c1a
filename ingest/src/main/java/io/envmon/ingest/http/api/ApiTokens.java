package io.envmon.ingest.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envmon.model.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
     * @throws IllegalArgumentException naming the file and the entry that is wrong
     */
    public static ApiTokens parse(String yaml, String source, Map<String, String> env, Registry registry) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (root != null && root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("bureau") && !key.equals("enterprises")) {
                    problems.add(key + ": unknown key (bureau, enterprises)");
                }
            }
            readList(root.path("bureau"), "bureau", null, env, entries, problems);
            JsonNode enterprises = root.path("enterprises");
            for (Iterator<Map.Entry<String, JsonNode>> it = enterprises.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
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
            String at = where + "[" + i + "]";
            String name = item.path("name").asText(null);
            String token = item.path("token").asText(null);
            String tokenEnv = item.path("tokenEnv").asText(null);
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
}
