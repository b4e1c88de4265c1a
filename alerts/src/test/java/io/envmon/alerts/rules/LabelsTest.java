package io.envmon.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers in messages: a value over (under) a limit never prints equal to it, up to the 4 decimals means keep. */
class LabelsTest {

    @ParameterizedTest(name = "{0} beside {1} → {2}")
    @CsvSource(textBlock = """
            # value,    limit, printed
            0.1004,     0.1,   0.1004
            0.0996,     0.1,   0.0996
            1.62,       1.0,   1.62
            1.5004,     1.5,   1.5004
            30.04,      30,    30.04
            29.96,      30,    29.96
            45.3333,    30,    45.3
            160.4,      160,   160.4
            75.04,      75,    75.04
            0.1,        0.1,   0.1
            # beyond 4 decimals the value is not told apart (hourly means keep 4)
            75.00004,   75,    75
            """)
    void aValueBesideALimitShowsWhichSideItIsOn(double value, double limit, String printed) {
        assertEquals(printed, Labels.num(value, limit));
    }

    @ParameterizedTest(name = "{0} beside {1} and {2} → {3}")
    @CsvSource(textBlock = """
            1.5004, 1.0, 1.5, 1.5004
            1.2,    1.0, 1.5, 1.2
            """)
    void everyLimitGivenCounts(double value, double a, double b, String printed) {
        assertEquals(printed, Labels.num(value, a, b));
    }

    /** Hours and windows in Beijing time (UTC+8); the JSON timestamps stay UTC. */
    @ParameterizedTest(name = "{0} + {1} h → {2}")
    @CsvSource(textBlock = """
            2026-01-15T00:00:00Z, 1,  2026-01-15 08:00–09:00
            2026-01-15T15:00:00Z, 1,  2026-01-15 23:00–24:00
            2026-01-14T01:00:00Z, 24, 2026-01-14 09:00–2026-01-15 09:00
            2026-01-14T16:00:00Z, 24, 2026-01-15 00:00–24:00
            2026-02-28T16:00:00Z, 1,  2026-03-01 00:00–01:00
            """)
    void periodsAreInBeijingTime(Instant start, int hours, String printed) {
        Instant end = start.plus(Duration.ofHours(hours));
        assertEquals(printed, Labels.period(start, end));
        assertEquals(printed + "（北京时间）", Labels.zhPeriod(start, end));
        assertEquals(printed + " Beijing time", Labels.enPeriod(start, end));
    }

    @Test
    void instantsAreInBeijingTime() {
        Instant t = Instant.parse("2026-11-27T17:06:00Z");
        assertEquals("2026-11-28 01:06", Labels.time(t));
        assertEquals("2026-11-28 01:06（北京时间）", Labels.zhAt(t));
        assertEquals("2026-11-28 01:06 Beijing time", Labels.enAt(t));
    }

    @ParameterizedTest(name = "multiple {0} → {1}")
    @CsvSource(textBlock = """
            0.62,      0.62
            0.004,     0.004
            0.0013333, 0.001
            0.0004,    0.0004
            0.00001,   < 0.0001
            """)
    void aMultipleOverZeroNeverPrintsZero(double multiple, String printed) {
        assertEquals(printed, Labels.multiple(multiple));
    }
}
