package io.envmon.alerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** HJ 663-2013 Annex A percentile (standards.md §9.4). */
class PercentileTest {

    @ParameterizedTest(name = "{0} p={1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            // the worked example of standards.md §9.4: k = 1 + 5 × 0.9 = 5.5, s = 5 → 5 + (8 − 5) × 0.5
            "3,4,8,2,5,4; 0.90; 6.5",
            "3,4,8,2,5,4; 0.95; 7.25",
            "3,4,8,2,5,4; 1.0;  8",
            "3,4,8,2,5,4; 0.0;  2",
            "42;          0.90; 42",
            // ten values 1..10: k = 1 + 9 × 0.9 = 9.1 → 9 + 0.1
            "1,2,3,4,5,6,7,8,9,10; 0.90; 9.1",
    })
    void interpolatesBetweenOrderStatistics(String values, double p, double expected) {
        List<Double> xs = java.util.Arrays.stream(values.split(",")).map(String::trim).map(Double::valueOf).toList();
        assertEquals(expected, Percentile.of(xs, p).getAsDouble(), 1e-9);
    }

    @Test
    void noValuesNoPercentile() {
        assertTrue(Percentile.of(List.of(), 0.9).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Percentile.of(List.of(1.0), 1.5));
    }
}
