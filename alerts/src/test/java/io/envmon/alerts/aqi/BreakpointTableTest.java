package io.envmon.alerts.aqi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every cell of HJ 633-2012 Table 1 and HJ 633-2026 Table 3, copied from standards.md §1.1 (not from the code),
 * and the IAQI exactly at each breakpoint under both editions.
 */
class BreakpointTableTest {

    @ParameterizedTest(name = "{0} IAQI {1}: 2012 {2}, 2026 {3}")
    @CsvSource(textBlock = """
            # column,  IAQI, HJ 633-2012, HJ 633-2026
            SO2_24H,     0,     0,    0
            SO2_24H,    50,    50,   50
            SO2_24H,   100,   150,  150
            SO2_24H,   150,   475,  475
            SO2_24H,   200,   800,  800
            SO2_24H,   300,  1600, 1600
            SO2_24H,   400,  2100, 2100
            SO2_24H,   500,  2620, 2620
            SO2_1H,      0,     0,    0
            SO2_1H,     50,   150,  150
            SO2_1H,    100,   500,  500
            SO2_1H,    150,   650,  650
            SO2_1H,    200,   800,  800
            NO2_24H,     0,     0,    0
            NO2_24H,    50,    40,   40
            NO2_24H,   100,    80,   80
            NO2_24H,   150,   180,  180
            NO2_24H,   200,   280,  280
            NO2_24H,   300,   565,  565
            NO2_24H,   400,   750,  750
            NO2_24H,   500,   940,  940
            NO2_1H,      0,     0,    0
            NO2_1H,     50,   100,  100
            NO2_1H,    100,   200,  200
            NO2_1H,    150,   700,  700
            NO2_1H,    200,  1200, 1200
            NO2_1H,    300,  2340, 2340
            NO2_1H,    400,  3090, 3090
            NO2_1H,    500,  3840, 3840
            PM10_24H,    0,     0,    0
            PM10_24H,   50,    50,   50
            PM10_24H,  100,   150,  120
            PM10_24H,  150,   250,  250
            PM10_24H,  200,   350,  350
            PM10_24H,  300,   420,  420
            PM10_24H,  400,   500,  500
            PM10_24H,  500,   600,  600
            CO_24H,      0,     0,    0
            CO_24H,     50,     2,    2
            CO_24H,    100,     4,    4
            CO_24H,    150,    14,   14
            CO_24H,    200,    24,   24
            CO_24H,    300,    36,   36
            CO_24H,    400,    48,   48
            CO_24H,    500,    60,   60
            CO_1H,       0,     0,    0
            CO_1H,      50,     5,    5
            CO_1H,     100,    10,   10
            CO_1H,     150,    35,   35
            CO_1H,     200,    60,   60
            CO_1H,     300,    90,   90
            CO_1H,     400,   120,  120
            CO_1H,     500,   150,  150
            O3_1H,       0,     0,    0
            O3_1H,      50,   160,  160
            O3_1H,     100,   200,  200
            O3_1H,     150,   300,  300
            O3_1H,     200,   400,  400
            O3_1H,     300,   800,  800
            O3_1H,     400,  1000, 1000
            O3_1H,     500,  1200, 1200
            O3_8H,       0,     0,    0
            O3_8H,      50,   100,  100
            O3_8H,     100,   160,  160
            O3_8H,     150,   215,  215
            O3_8H,     200,   265,  265
            O3_8H,     300,   800,  800
            PM25_24H,    0,     0,    0
            PM25_24H,   50,    35,   35
            PM25_24H,  100,    75,   60
            PM25_24H,  150,   115,  115
            PM25_24H,  200,   150,  150
            PM25_24H,  300,   250,  250
            PM25_24H,  400,   350,  350
            PM25_24H,  500,   500,  500
            """)
    void cellAndIaqiAtBreakpoint(Pollutant column, int iaqi, double bp2012, double bp2026) {
        assertEquals(0, BigDecimal.valueOf(bp2012).compareTo(row(column, AqiStandard.HJ633_2012, iaqi)),
                "HJ 633-2012 Table 1 cell");
        assertEquals(0, BigDecimal.valueOf(bp2026).compareTo(row(column, AqiStandard.HJ633_2026, iaqi)),
                "HJ 633-2026 Table 3 cell");
        assertEquals(iaqi, value(column, bp2012, AqiStandard.HJ633_2012));
        assertEquals(iaqi, value(column, bp2026, AqiStandard.HJ633_2026));
    }

    /** Row counts: SO2 1-h stops at IAQI 200 (note 2), O3 8-h at 300 (note 3), the others reach 500. */
    @ParameterizedTest
    @EnumSource(Pollutant.class)
    void columnLengths(Pollutant column) {
        int expected = switch (column) {
            case SO2_1H -> 5;
            case O3_8H -> 6;
            default -> 8;
        };
        for (AqiStandard standard : AqiStandard.values()) {
            List<Breakpoint> table = column.breakpoints(standard);
            assertEquals(expected, table.size(), column + " " + standard);
        }
    }

    private static BigDecimal row(Pollutant column, AqiStandard standard, int iaqi) {
        return column.breakpoints(standard).stream().filter(b -> b.iaqi() == iaqi).findFirst().orElseThrow().bp();
    }

    static int value(Pollutant column, double c, AqiStandard standard) {
        Iaqi iaqi = IaqiCalculator.iaqi(column, c, standard);
        return ((Iaqi.Value) iaqi).value();
    }
}
