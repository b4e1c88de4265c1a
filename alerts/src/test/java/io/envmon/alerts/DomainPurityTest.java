package io.envmon.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.testkit.DomainPurity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Domain logic": the alerts module reads no clock, does no I/O, uses no Vert.x or logging and keeps no
 * static mutable state, so every rule can be read, and tested, beside the standard it encodes.
 */
class DomainPurityTest {

    @Test
    void pureDomainCode() {
        assertEquals(List.of(), DomainPurity.violations(Path.of("src/main/java/io/envmon/alerts"), Integer.MAX_VALUE));
    }
}
