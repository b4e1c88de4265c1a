package io.envmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest service's JVM options in the integration tests: the default heap unless ENVMON_JAVA_OPTS says. */
class IngestServiceTest {

    @Test
    void theDefaultHeapWhenNothingSaysOtherwise() {
        assertEquals(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"), IngestService.javaOptions(Map.of(), Map.of()));
    }

    @Test
    void theTestsSettingWinsOverTheOuterEnvironment() {
        Map<String, String> outer = Map.of("ENVMON_JAVA_OPTS", "-Xmx1g");
        assertEquals(List.of("-Xmx1g"), IngestService.javaOptions(Map.of(), outer));
        assertEquals(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                IngestService.javaOptions(Map.of("ENVMON_JAVA_OPTS", " -Xmx256m  -XX:+ExitOnOutOfMemoryError "), outer));
        assertEquals(List.of(), IngestService.javaOptions(Map.of("ENVMON_JAVA_OPTS", ""), outer), "blank: none");
    }
}
