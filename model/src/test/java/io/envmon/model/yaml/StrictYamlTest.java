package io.envmon.model.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrictYamlTest {

    record Window(int hours, Duration tick) {
    }

    record Settings(String name, Window window, List<Window> more) {
    }

    @Test
    void anEmptyDocumentIsNoTree() {
        assertNull(StrictYaml.read(""));
        assertNull(StrictYaml.read("  \n"));
        assertNull(StrictYaml.read("# only a comment\n"));
    }

    @Test
    void aRepeatedKeyIsAnErrorWithItsLine() {
        InvalidYamlException e = assertThrows(InvalidYamlException.class,
                () -> StrictYaml.read("a: 1\nb:\n  c: 2\n  c: 3\n"));
        assertTrue(e.getMessage().startsWith("not valid YAML: duplicate key 'c'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void brokenSyntaxIsAnErrorWithItsLine() {
        InvalidYamlException e = assertThrows(InvalidYamlException.class, () -> StrictYaml.read("a: [1, 2\nb: 3\n"));
        assertTrue(e.getMessage().startsWith("not valid YAML: "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\(line \\d+, column \\d+\\)$"), e.getMessage());
    }

    @Test
    void unknownKeysAreListedInTheFilesOrder() {
        JsonNode node = StrictYaml.read("zeta: 1\nname: x\nalpha: 2\n");
        assertEquals(List.of("zeta", "alpha"), StrictYaml.unknownKeys(node, Set.of("name")));
        assertEquals("unknown key (expected one of b, c)", StrictYaml.unknownKey(List.of("c", "b")));
    }

    @Test
    void bindingErrorsNameTheKeyByItsPath() {
        assertEquals("window.hourz: unknown key (known: hours, tick)",
                bindError("window: {hours: 1, hourz: 2}\n"));
        assertEquals("more[1].hours: 'two' is not a valid whole number",
                bindError("more: [{hours: 1}, {hours: two}]\n"));
        assertEquals("window.tick: '10 minutes' is not a valid duration such as 30s, 10m, 2h",
                bindError("window: {hours: 1, tick: 10 minutes}\n"));
        assertEquals("window.hours: expected whole number", bindError("window: {hours: null}\n"));
        assertEquals("window: expected a mapping", bindError("window: [1, 2]\n"));
        assertEquals("name: expected String", bindError("name: {a: b}\n"));
    }

    @Test
    void durationsFollowTheOneGrammarBothWays() throws Exception {
        Settings s = StrictYaml.mapper().treeToValue(StrictYaml.read("window: {hours: 2, tick: 1h30m}\n"),
                Settings.class);
        assertEquals(Duration.ofMinutes(90), s.window().tick());
        assertEquals("90m", StrictYaml.mapper().valueToTree(s).path("window").path("tick").asText());
    }

    private static String bindError(String yaml) {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> StrictYaml.mapper().treeToValue(StrictYaml.read(yaml), Settings.class));
        return StrictYaml.describe("", e);
    }
}
