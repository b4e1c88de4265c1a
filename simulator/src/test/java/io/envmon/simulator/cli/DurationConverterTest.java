package io.envmon.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "60s, PT1M", "10m, PT10M", "1h30m, PT1H30M", "2d, PT48H", "PT1M, PT1M", "pt90s, PT1M30S"})
    void readsDurations(String text, String expected) {
        assertEquals(Duration.parse(expected), converter.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1 m", "m", "1y", "P1X"})
    void rejectsTheRest(String text) {
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(text));
    }
}
