package io.envmon.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.testkit.DomainPurity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec is pure code (STYLE.md "Domain logic"): it reads no clock, does no I/O, uses no
 * Vert.x or logging and keeps no static mutable state; and its classes stay under 300 lines.
 */
class DomainPurityTest {

    @Test
    void pureCode() {
        assertEquals(List.of(), DomainPurity.violations(Path.of("src/main/java/io/envmon/hj212"), 300));
    }
}
