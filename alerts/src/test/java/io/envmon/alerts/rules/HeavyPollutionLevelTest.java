package io.envmon.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 2018 criteria on rolling daily AQIs, day 0 first (standards.md §3). */
class HeavyPollutionLevelTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # days 0..n (newest first) | level: 0 none, 1 yellow, 2 orange, 3 red
            250                | 0
            250 201            | 1
            250 200            | 0
            201 201 201        | 1
            301 201 201        | 2
            201 201 301        | 2
            301 301 201 201    | 3
            301 201 201 301    | 3
            301 201 201 201    | 2
            301 301 201 199    | 2
            500                | 3
            499 180            | 0
            210 220 230 240    | 1
            """)
    void level(String days, int expected) {
        String[] parts = days.trim().split("\\s+");
        int[] d = new int[4];
        for (int i = 0; i < parts.length; i++) {
            d[i] = Integer.parseInt(parts[i]);
        }
        assertEquals(expected, HeavyPollutionRule.level(d, parts.length));
    }
}
