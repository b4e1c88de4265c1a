package io.envmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up warning of a JVM started without a maximum heap (docs/operations.md#memory). */
class MainHeapWarningTest {

    private static final long FOUR_GIB = 4L << 30;

    @Test
    void warnsWithoutAMaximumHeapNamingWhatTheJvmChoseAndTheDocs() {
        Optional<String> warning = Main.heapWarning(
                List.of("-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-Xms64m", "-XX:MaxRAMFraction=2"),
                FOUR_GIB);

        assertTrue(warning.isPresent());
        assertTrue(warning.get().contains("4096 MiB"), warning.get());
        assertTrue(warning.get().contains("ENVMON_JAVA_OPTS"), warning.get());
        assertTrue(warning.get().contains("docs/operations.md#memory"), warning.get());
        assertTrue(Main.heapWarning(List.of(), FOUR_GIB).isPresent(), "no arguments at all");
    }

    @Test
    void saysNothingWhenAMaximumHeapIsGiven() {
        for (String given : List.of("-Xmx512m", "-Xmx1g", "-XX:MaxHeapSize=536870912", "-XX:MaxRAMPercentage=75",
                "-XX:MaxRAMPercentage=75.0", "-XX:MaxRAM=2g")) {
            assertEquals(Optional.empty(), Main.heapWarning(List.of("-XX:+ExitOnOutOfMemoryError", given), FOUR_GIB),
                    given);
        }
    }
}
