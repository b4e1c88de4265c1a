package io.envmon.alerts.aqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB/T 8170-2008 §3.3 "四舍六入五考虑", on the decimal value as written. */
class Gbt8170Test {

    @ParameterizedTest(name = "{0} to {1} decimals → {2}")
    @CsvSource(textBlock = """
            # below 5: drop
            12.4,    0, 12
            2.449,   1, 2.4
            # above 5: up
            12.6,    0, 13
            # exactly 5 followed by non-zero digits: up
            12.51,   0, 13
            2.4501,  1, 2.5
            # exactly 5 and nothing after: to even
            12.5,    0, 12
            13.5,    0, 14
            0.5,     0, 0
            1.5,     0, 2
            2.5,     0, 2
            2.45,    1, 2.4
            2.35,    1, 2.4
            10.50,   0, 10
            # already on the grid
            60,      0, 60
            4.0,     1, 4.0
            """)
    void rounds(double value, int decimals, BigDecimal expected) {
        assertEquals(0, expected.compareTo(Gbt8170.round(value, decimals)), () -> "got " + Gbt8170.round(value, decimals));
    }

    @Test
    void rejectsNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> Gbt8170.round(Double.NaN, 0));
    }
}
