package io.envmon.ingest.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tokens file is read strictly: every mistake names its key, none is silently ignored. */
class ApiTokensTest {

    private static final Registry REGISTRY = RegistryFiles.parse("""
            enterprises:
              - id: E001
                outlets:
                  - {id: DW001, type: wastewater}
            """, "registry.yaml");
    private static final Map<String, String> ENV = Map.of("ENVMON_TOKEN_E001", "e001-token-0123456789");

    @Test
    void bureauAndEnterpriseTokensAreRead() {
        ApiTokens tokens = ApiTokens.parse("""
                bureau:
                  - {name: duty-office, token: bureau-token-0123456789}
                enterprises:
                  E001:
                    - {name: e001-env-manager, tokenEnv: ENVMON_TOKEN_E001}
                """, "tokens.yaml", ENV, REGISTRY);
        assertEquals("duty-office", tokens.authenticate("bureau-token-0123456789").orElseThrow().name());
        assertEquals("e001-env-manager", tokens.authenticate("e001-token-0123456789").orElseThrow().name());
        assertTrue(tokens.authenticate("e001-token-012345678").isEmpty());
    }

    @Test
    void unknownKeysRepeatedKeysAndWrongKindsAreErrorsNamingTheKey() {
        assertEquals("tokens.yaml: bureau[0].tokn: unknown key (expected one of name, token, tokenEnv)",
                error("bureau:\n  - {name: duty, tokn: bureau-token-0123456789}\n"));
        assertEquals("tokens.yaml: enterprise: unknown key (expected one of bureau, enterprises)",
                error("enterprise: {}\n"));
        assertEquals("tokens.yaml: enterprises: expected a mapping of enterprise ID to a list of {name, token | tokenEnv}",
                error("enterprises: [E001]\n"));
        assertEquals("tokens.yaml: bureau[0].token: expected a string (in quotes if it looks like a number)",
                error("bureau:\n  - {name: duty, token: 12345678901234567890}\n"));
        assertEquals("tokens.yaml: bureau[0]: expected a mapping with name, token or tokenEnv",
                error("bureau:\n  - duty\n"));
        assertEquals("tokens.yaml: expected a mapping with bureau, enterprises", error("- duty\n"));
        assertTrue(error("bureau: []\nbureau: []\n").startsWith("tokens.yaml: not valid YAML: duplicate key 'bureau'"),
                error("bureau: []\nbureau: []\n"));
    }

    private static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.parse(yaml, "tokens.yaml", ENV, REGISTRY)).getMessage();
    }
}
