package io.envmon.alerts.aqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HJ 633-2026 in force from 2026-03-01 00:00 Beijing time (standards.md "Versions"). */
class AqiStandardTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            2012-06-01T00:00:00Z,          HJ633_2012
            2026-02-28T15:59:59.999999999Z, HJ633_2012
            2026-02-28T16:00:00Z,          HJ633_2026
            2026-03-01T00:00:00+08:00,     HJ633_2026
            2026-02-28T23:59:59+08:00,     HJ633_2012
            2026-03-01T00:00:00Z,          HJ633_2026
            2030-01-01T00:00:00Z,          HJ633_2026
            """)
    void inForceAt(String time, AqiStandard expected) {
        assertEquals(expected, AqiStandard.inForceAt(java.time.OffsetDateTime.parse(time).toInstant()));
    }

    @Test
    void codes() {
        assertEquals("HJ633-2012", AqiStandard.HJ633_2012.code());
        assertEquals("HJ633-2026", AqiStandard.HJ633_2026.code());
        assertEquals(AqiStandard.HJ633_2026, AqiStandard.fromCode("HJ633-2026"));
        assertEquals(AqiStandard.HJ633_2012, AqiStandard.fromCode("hj 633-2012"));
        assertThrows(IllegalArgumentException.class, () -> AqiStandard.fromCode("HJ633-2018"));
        assertThrows(IllegalArgumentException.class, () -> AqiStandard.fromCode(null));
        assertEquals(Instant.parse("2026-02-28T16:00:00Z"), AqiStandard.HJ633_2026_IN_FORCE);
    }
}
