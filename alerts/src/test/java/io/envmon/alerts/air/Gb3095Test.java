package io.envmon.alerts.air;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 3095 Table 1 (and the TSP/NOx rows of Table 2), copied from standards.md §2.1, every cell. */
class Gb3095Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            # row,       2012 I, 2012 II, 2026T I, 2026T II, 2026F I, 2026F II
            SO2_ANNUAL,     20,   60,   20,   60,   20,   20
            SO2_24H,        50,  150,   50,  150,   50,   50
            SO2_1H,        150,  500,  150,  500,  150,  150
            NO2_ANNUAL,     40,   40,   40,   40,   30,   30
            NO2_24H,        80,   80,   80,   80,   50,   50
            NO2_1H,        200,  200,  200,  200,  200,  200
            CO_24H,          4,    4,    4,    4,    4,    4
            CO_1H,          10,   10,   10,   10,   10,   10
            O3_MAX_8H,     100,  160,  100,  160,  100,  160
            O3_1H,         160,  200,  160,  200,  160,  200
            PM10_ANNUAL,    40,   70,   40,   60,   20,   50
            PM10_24H,       50,  150,   50,  120,   50,  100
            PM25_ANNUAL,    15,   35,   15,   30,   10,   25
            PM25_24H,       35,   75,   35,   60,   25,   50
            TSP_ANNUAL,     80,  200,   80,  200,   80,  200
            TSP_24H,       120,  300,  120,  300,  120,  300
            NOX_ANNUAL,     50,   50,   50,   50,   40,   40
            NOX_24H,       100,  100,  100,  100,   70,   70
            NOX_1H,        250,  250,  250,  250,  250,  250
            """)
    void everyCell(Gb3095 row, double i2012, double ii2012, double iT, double iiT, double iF, double iiF) {
        assertEquals(i2012, row.limit(Gb3095Version.GB3095_2012, Gb3095Grade.I));
        assertEquals(ii2012, row.limit(Gb3095Version.GB3095_2012, Gb3095Grade.II));
        assertEquals(iT, row.limit(Gb3095Version.GB3095_2026_TRANSITIONAL, Gb3095Grade.I));
        assertEquals(iiT, row.limit(Gb3095Version.GB3095_2026_TRANSITIONAL, Gb3095Grade.II));
        assertEquals(iF, row.limit(Gb3095Version.GB3095_2026_FINAL, Gb3095Grade.I));
        assertEquals(iiF, row.limit(Gb3095Version.GB3095_2026_FINAL, Gb3095Grade.II));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            2020-01-01T00:00:00+08:00, GB3095_2012
            2026-02-28T23:59:59+08:00, GB3095_2012
            2026-03-01T00:00:00+08:00, GB3095_2026_TRANSITIONAL
            2030-12-31T23:59:59+08:00, GB3095_2026_TRANSITIONAL
            2031-01-01T00:00:00+08:00, GB3095_2026_FINAL
            """)
    void inForceAt(String time, Gb3095Version expected) {
        assertEquals(expected, Gb3095Version.inForceAt(OffsetDateTime.parse(time).toInstant()));
    }

    @Test
    void limitIsInclusive() {
        // PM2.5 24-h Grade II, 2026 transitional: 60
        assertFalse(Gb3095.PM25_24H.exceeds(60, Gb3095Version.GB3095_2026_TRANSITIONAL, Gb3095Grade.II));
        assertTrue(Gb3095.PM25_24H.exceeds(60.1, Gb3095Version.GB3095_2026_TRANSITIONAL, Gb3095Grade.II));
    }

    @Test
    void findByParameter() {
        assertEquals(Optional.of(Gb3095.PM25_24H), Gb3095.find("pm25", Gb3095.Averaging.DAILY));
        assertEquals(Optional.of(Gb3095.O3_MAX_8H), Gb3095.find("o3", Gb3095.Averaging.DAILY_MAX_8H));
        assertEquals(Optional.empty(), Gb3095.find("pm25", Gb3095.Averaging.HOURLY));
        assertEquals("mg/m³", Gb3095.CO_1H.unit());
    }
}
