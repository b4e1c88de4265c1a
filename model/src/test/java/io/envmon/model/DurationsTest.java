package io.envmon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    /** Every form one of the five former parsers accepted (service settings, webhooks, alert rules, scenarios, CLI). */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            // whole number and one unit: all five
            "500ms, PT0.5S", "30s, PT30S", "90s, PT1M30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "7d, PT168H",
            "0s, PT0S",
            // ISO-8601, either case: all five
            "PT10M, PT10M", "pt90s, PT1M30S", "P1D, PT24H", "PT0.5S, PT0.5S", "P1DT2H, PT26H",
            // compound: scenarios and the command line
            "1h30m, PT1H30M", "2h10m, PT2H10M", "1d12h, PT36H", "1m500ms, PT1M0.5S",
            // decimals: scenarios
            "1.5h, PT1H30M", "0.5s, PT0.5S", "2.25m, PT2M15S", "1.0005s, PT1.001S",
            // upper-case units, surrounding blanks: alert rules and the command line
            "10M, PT10M", "  30s , PT30S", "500MS, PT0.5S"})
    void readsTheUnionOfTheFormerGrammars(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10", "1 m", "90 s", "m", "1y", "P1X", "2 hours", "5 sec", "soon", "-5s", "-PT5M",
            "PT-5M", "1.5", ".5h", "1,5h", "1h 30m", "99999999999999999999d"})
    void refusesTheRest(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is not a duration such as 500ms, 30s, 10m, 2h, 1d, 1.5h, 1h30m or PT10M",
                e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT48H, 2d", "PT2H, 2h", "PT90M, 90m", "PT45S, 45s", "PT0S, 0s", "PT0.1S, 100ms", "PT1M0.5S, 60500ms",
            "-PT1M, -1m", "PT0.0000001S, PT0.0000001S"})
    void formatsInTheLargestExactUnit(String iso, String expected) {
        assertEquals(expected, Durations.format(Duration.parse(iso)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "45s", "90m", "2h", "3d", "1h30m", "1.5h", "PT10M"})
    void whatIsFormattedReadsBackTheSame(String text) {
        Duration d = Durations.parse(text);
        assertEquals(d, Durations.parse(Durations.format(d)));
    }
}
