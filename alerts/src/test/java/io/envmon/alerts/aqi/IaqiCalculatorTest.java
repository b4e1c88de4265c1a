package io.envmon.alerts.aqi;

import static io.envmon.alerts.aqi.AqiStandard.HJ633_2012;
import static io.envmon.alerts.aqi.AqiStandard.HJ633_2026;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HJ 633 Eq. 1 with ceiling rounding. Expected values are Eq. 1 worked by hand (or with exact fractions) from
 * the breakpoints of standards.md §1.1, then rounded up.
 */
class IaqiCalculatorTest {

    /** The brief's example: PM2.5 1-h mean 100 µg/m³. */
    @Test
    void pm25Example() {
        // 2026: 100 + 50 × (100 − 60) / (115 − 60) = 136.36… → 137
        assertEquals(137, BreakpointTableTest.value(Pollutant.PM25_24H, 100, HJ633_2026));
        // 2012: 100 + 50 × (100 − 75) / (115 − 75) = 131.25 → 132
        assertEquals(132, BreakpointTableTest.value(Pollutant.PM25_24H, 100, HJ633_2012));
    }

    /**
     * One concentration inside every segment of every column (lo + 37 % of the segment, on the 2026 input grid
     * so GB/T 8170 rounding leaves it unchanged). PM10/PM2.5 differ where the IAQI-100 breakpoint moved.
     */
    @ParameterizedTest(name = "{0} {1}: 2012 → {2}, 2026 → {3}")
    @CsvSource(textBlock = """
            # column, C, IAQI 2012, IAQI 2026
            SO2_24H, 18, 18, 18
            SO2_24H, 87, 69, 69
            SO2_24H, 270, 119, 119
            SO2_24H, 595, 169, 169
            SO2_24H, 1096, 237, 237
            SO2_24H, 1785, 337, 337
            SO2_24H, 2292, 437, 437
            SO2_1H, 56, 19, 19
            SO2_1H, 280, 69, 69
            SO2_1H, 556, 119, 119
            SO2_1H, 706, 169, 169
            NO2_24H, 15, 19, 19
            NO2_24H, 55, 69, 69
            NO2_24H, 117, 119, 119
            NO2_24H, 217, 169, 169
            NO2_24H, 385, 237, 237
            NO2_24H, 633, 337, 337
            NO2_24H, 820, 437, 437
            NO2_1H, 37, 19, 19
            NO2_1H, 137, 69, 69
            NO2_1H, 385, 119, 119
            NO2_1H, 885, 169, 169
            NO2_1H, 1622, 238, 238
            NO2_1H, 2618, 338, 338
            NO2_1H, 3368, 438, 438
            PM10_24H, 18, 18, 18
            PM10_24H, 76, 63, 69
            PM10_24H, 87, 69, 77
            PM10_24H, 168, 109, 119
            PM10_24H, 187, 119, 126
            PM10_24H, 287, 169, 169
            PM10_24H, 376, 238, 238
            PM10_24H, 450, 338, 338
            PM10_24H, 537, 437, 437
            CO_24H, 0.7, 18, 18
            CO_24H, 2.7, 68, 68
            CO_24H, 7.7, 119, 119
            CO_24H, 17.7, 169, 169
            CO_24H, 28.4, 237, 237
            CO_24H, 40.4, 337, 337
            CO_24H, 52.4, 437, 437
            CO_1H, 1.8, 18, 18
            CO_1H, 6.8, 68, 68
            CO_1H, 19.2, 119, 119
            CO_1H, 44.2, 169, 169
            CO_1H, 71.1, 237, 237
            CO_1H, 101.1, 337, 337
            CO_1H, 131.1, 437, 437
            O3_1H, 59, 19, 19
            O3_1H, 175, 69, 69
            O3_1H, 237, 119, 119
            O3_1H, 337, 169, 169
            O3_1H, 548, 237, 237
            O3_1H, 874, 337, 337
            O3_1H, 1074, 437, 437
            O3_8H, 37, 19, 19
            O3_8H, 122, 69, 69
            O3_8H, 180, 119, 119
            O3_8H, 234, 169, 169
            O3_8H, 463, 238, 238
            PM25_24H, 13, 19, 19
            PM25_24H, 44, 62, 68
            PM25_24H, 50, 69, 80
            PM25_24H, 80, 107, 119
            PM25_24H, 90, 119, 128
            PM25_24H, 128, 169, 169
            PM25_24H, 187, 237, 237
            PM25_24H, 287, 337, 337
            PM25_24H, 406, 438, 438
            """)
    void betweenBreakpoints(Pollutant column, double c, int iaqi2012, int iaqi2026) {
        assertEquals(iaqi2012, BreakpointTableTest.value(column, c, HJ633_2012));
        assertEquals(iaqi2026, BreakpointTableTest.value(column, c, HJ633_2026));
    }

    /**
     * Always rounded up, never to nearest; and decimal, so exact integers stay put (binary doubles would give
     * 55.00000000000001 → 56 for CO 2.2, and 218.00000000000003 → 219 for CO 65.4).
     */
    @ParameterizedTest(name = "{0} {1} under {2} → {3}")
    @CsvSource(textBlock = """
            # just above a breakpoint goes to the next integer (2012 rates the value as given)
            PM25_24H, 35.01,  HJ633_2012, 51
            PM25_24H, 75.1,   HJ633_2012, 101
            # 50 + 50 × 0.2 / 40 = 50.25 → 51, not 50
            PM25_24H, 35.2,   HJ633_2012, 51
            # 100 + 50 × 4 / 40 = 105 exactly
            PM25_24H, 79,     HJ633_2012, 105
            # 50 + 50 × 0.2 / 2 = 55 exactly (CO 24-h, 2 → 50, 4 → 100)
            CO_24H,   2.2,    HJ633_2012, 55
            CO_24H,   2.2,    HJ633_2026, 55
            # 200 + 100 × 5.4 / 30 = 218 exactly (CO 1-h, 60 → 200, 90 → 300)
            CO_1H,    65.4,   HJ633_2012, 218
            CO_1H,    65.4,   HJ633_2026, 218
            # 400 + 100 × 20.8 / 520 = 404 exactly; under 2026 the input is rounded to 2121 first → 404.04 → 405
            SO2_24H,  2120.8, HJ633_2012, 404
            SO2_24H,  2120.8, HJ633_2026, 405
            # 0.5 → 1: any positive concentration has IAQI ≥ 1 under 2012
            PM25_24H, 0.1,    HJ633_2012, 1
            """)
    void roundedUp(Pollutant column, double c, AqiStandard standard, int expected) {
        assertEquals(expected, BreakpointTableTest.value(column, c, standard));
    }

    /** HJ 633-2026 §4.2.2: GB/T 8170 rounding of the input (µg/m³ to integers, CO to 0.1 mg/m³) before Eq. 1. */
    @ParameterizedTest(name = "{0} {1} → rated as {2} → IAQI {3}")
    @CsvSource(textBlock = """
            # 35.01 → 35 → 50 (2012 gives 51, above)
            PM25_24H, 35.01, 35,  50
            # 35.5: 5 after an odd digit → up to 36 → 50 + 50 × 1 / 25 = 52
            PM25_24H, 35.5,  36,  52
            # 36.5: 5 after an even digit → stays 36 → 52
            PM25_24H, 36.5,  36,  52
            # 36.51: more than half → 37 → 54
            PM25_24H, 36.51, 37,  54
            # 60.4 → 60 → 100 exactly; 60.6 → 61 → 100 + 50 / 55 = 100.9 → 101
            PM25_24H, 60.4,  60,  100
            PM25_24H, 60.6,  61,  101
            # 0.4 → 0 → 0
            PM25_24H, 0.4,   0,   0
            # CO to 0.1 mg/m³: 5.05 → 5.0 → 50; 5.15 → 5.2 → 50 + 50 × 0.2 / 5 = 52; 5.149 → 5.1 → 51
            CO_1H,    5.05,  5.0, 50
            CO_1H,    5.15,  5.2, 52
            CO_1H,    5.149, 5.1, 51
            """)
    void inputRounded2026(Pollutant column, double c, BigDecimal rated, int expected) {
        Iaqi.Value v = (Iaqi.Value) IaqiCalculator.iaqi(column, c, HJ633_2026);
        assertEquals(0, rated.compareTo(v.concentration()), "rated concentration " + v.concentration());
        assertEquals(expected, v.value());
    }

    @Test
    void notRoundedUnder2012() {
        // 5.05 rated as is: 50 + 50 × 0.05 / 5 = 50.5 → 51
        Iaqi.Value v = (Iaqi.Value) IaqiCalculator.iaqi(Pollutant.CO_1H, 5.05, HJ633_2012);
        assertEquals(0, new BigDecimal("5.05").compareTo(v.concentration()));
        assertEquals(51, v.value());
    }

    /** Table 1/3 note (2): SO2 1-h > 800 µg/m³. */
    @Test
    void so2OneHourAbove800() {
        Iaqi at800 = IaqiCalculator.iaqi(Pollutant.SO2_1H, 800, HJ633_2012);
        assertEquals(new Iaqi.Value(Pollutant.SO2_1H, 200, BigDecimal.valueOf(800.0), Iaqi.Basis.INTERPOLATED), at800);

        Iaqi.NotComputed y2012 = assertInstanceOf(Iaqi.NotComputed.class,
                IaqiCalculator.iaqi(Pollutant.SO2_1H, 801, HJ633_2012));
        assertEquals(Pollutant.SO2_24H, y2012.useInstead());
        assertInstanceOf(Iaqi.NotComputed.class, IaqiCalculator.iaqi(Pollutant.SO2_1H, 800.4, HJ633_2012));

        Iaqi.Value y2026 = (Iaqi.Value) IaqiCalculator.iaqi(Pollutant.SO2_1H, 801, HJ633_2026);
        assertEquals(200, y2026.value());
        assertEquals(Iaqi.Basis.FIXED_BY_STANDARD, y2026.basis());
        assertEquals(200, BreakpointTableTest.value(Pollutant.SO2_1H, 5000, HJ633_2026));
        // 800.4 rounds to 800: on the table, 200 either way
        assertEquals(200, BreakpointTableTest.value(Pollutant.SO2_1H, 800.4, HJ633_2026));
    }

    /** Table 1/3 note (3): O3 8-h > 800 µg/m³. */
    @Test
    void o3EightHourAbove800() {
        assertEquals(300, BreakpointTableTest.value(Pollutant.O3_8H, 800, HJ633_2012));
        Iaqi.NotComputed y2012 = assertInstanceOf(Iaqi.NotComputed.class,
                IaqiCalculator.iaqi(Pollutant.O3_8H, 801, HJ633_2012));
        assertEquals(Pollutant.O3_1H, y2012.useInstead());

        Iaqi.Value y2026 = (Iaqi.Value) IaqiCalculator.iaqi(Pollutant.O3_8H, 801, HJ633_2026);
        assertEquals(300, y2026.value());
        assertEquals(Iaqi.Basis.FIXED_BY_STANDARD, y2026.basis());
    }

    /** Above the top breakpoint (not defined by HJ 633): capped at 500, local convention. */
    @ParameterizedTest(name = "{0} {1} → 500")
    @CsvSource(textBlock = """
            SO2_24H,  2621
            NO2_24H,  941
            NO2_1H,   3841
            PM10_24H, 601
            CO_24H,   60.2
            CO_1H,    150.2
            O3_1H,    1201
            PM25_24H, 501
            PM25_24H, 2000
            """)
    void cappedAbove500(Pollutant column, double c) {
        for (AqiStandard standard : AqiStandard.values()) {
            Iaqi.Value v = (Iaqi.Value) IaqiCalculator.iaqi(column, c, standard);
            assertEquals(500, v.value(), standard.code());
            assertEquals(Iaqi.Basis.CAPPED_AT_500, v.basis());
        }
    }

    @Test
    void topBreakpointItselfIs500NotCapped() {
        Iaqi.Value v = (Iaqi.Value) IaqiCalculator.iaqi(Pollutant.PM25_24H, 500, HJ633_2026);
        assertEquals(Iaqi.Basis.INTERPOLATED, v.basis());
        // 2026 rounds 500.4 to 500: on the table; 2012 takes 500.4 as above the top
        assertEquals(Iaqi.Basis.INTERPOLATED, ((Iaqi.Value) IaqiCalculator.iaqi(Pollutant.PM25_24H, 500.4, HJ633_2026)).basis());
        assertEquals(Iaqi.Basis.CAPPED_AT_500, ((Iaqi.Value) IaqiCalculator.iaqi(Pollutant.PM25_24H, 500.4, HJ633_2012)).basis());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void notAMeasurement(double c) {
        for (AqiStandard standard : AqiStandard.values()) {
            assertThrows(IllegalArgumentException.class, () -> IaqiCalculator.iaqi(Pollutant.PM25_24H, c, standard));
        }
    }

    @ParameterizedTest
    @EnumSource(Pollutant.class)
    void zeroIsZero(Pollutant column) {
        for (AqiStandard standard : AqiStandard.values()) {
            assertEquals(0, BreakpointTableTest.value(column, 0, standard));
        }
    }
}
