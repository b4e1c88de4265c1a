package io.envmon.alerts.aqi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The HJ 633 sub-index columns ("污染物项目浓度限值"), each with its breakpoint column as data.
 *
 * <p>Source: HJ 633-2012 Table 1 and HJ 633-2026 Table 3, as transcribed in standards.md §1.1. The two
 * editions differ in exactly two cells: PM10 24-h at IAQI 100 (150 → 120) and PM2.5 24-h at IAQI 100
 * (75 → 60). Units: µg/m³, CO in mg/m³. The errors seen in public code (standards.md §1.5) are not repeated:
 * SO2 24-h tops out at <b>2620</b> (not 2602), its low breakpoints are <b>50/150/475/800</b> (not the 1-h
 * values), and the SO2 1-h column <b>stops at 800</b> (IAQI 200; note (2) of the table).
 *
 * <p>Columns that stop early: SO2 1-h stops at IAQI 200 (800 µg/m³) and O3 8-h at IAQI 300 (800 µg/m³); above
 * those the notes of the table apply, see {@link IaqiCalculator}.
 */
public enum Pollutant {

    // HJ 633-2012 Table 1 = HJ 633-2026 Table 3, except where a second (2026) column follows.
    // IAQI:                                                      0    50    100    150   200   300   400   500
    SO2_24H("so2", "SO2_24h", "µg/m³", 0, breakpoints(            0,   50,   150,   475,  800, 1600, 2100, 2620)),
    SO2_1H("so2", "SO2_1h", "µg/m³", 0, breakpoints(              0,  150,   500,   650,  800)),
    NO2_24H("no2", "NO2_24h", "µg/m³", 0, breakpoints(            0,   40,    80,   180,  280,  565,  750,  940)),
    NO2_1H("no2", "NO2_1h", "µg/m³", 0, breakpoints(              0,  100,   200,   700, 1200, 2340, 3090, 3840)),
    PM10_24H("pm10", "PM10_24h", "µg/m³", 0, breakpoints(         0,   50,   150,   250,  350,  420,  500,  600),
            /* HJ 633-2026 Table 3 */ breakpoints(                0,   50,   120,   250,  350,  420,  500,  600)),
    CO_24H("co", "CO_24h", "mg/m³", 1, breakpoints(               0,    2,     4,    14,   24,   36,   48,   60)),
    CO_1H("co", "CO_1h", "mg/m³", 1, breakpoints(                 0,    5,    10,    35,   60,   90,  120,  150)),
    O3_1H("o3", "O3_1h", "µg/m³", 0, breakpoints(                 0,  160,   200,   300,  400,  800, 1000, 1200)),
    O3_8H("o3", "O3_8h", "µg/m³", 0, breakpoints(                 0,  100,   160,   215,  265,  800)),
    PM25_24H("pm25", "PM2.5_24h", "µg/m³", 0, breakpoints(        0,   35,    75,   115,  150,  250,  350,  500),
            /* HJ 633-2026 Table 3 */ breakpoints(                0,   35,    60,   115,  150,  250,  350,  500));

    private final String parameter;
    private final String label;
    private final String unit;
    private final int decimals2026;
    private final List<Breakpoint> table2012;
    private final List<Breakpoint> table2026;

    Pollutant(String parameter, String label, String unit, int decimals2026, List<Breakpoint> both) {
        this(parameter, label, unit, decimals2026, both, both);
    }

    Pollutant(String parameter, String label, String unit, int decimals2026,
              List<Breakpoint> table2012, List<Breakpoint> table2026) {
        this.parameter = parameter;
        this.label = label;
        this.unit = unit;
        this.decimals2026 = decimals2026;
        this.table2012 = table2012;
        this.table2026 = table2026;
    }

    /** The canonical parameter name of the measured species (model's ParameterCatalog): so2, no2, co, o3, pm10, pm25. */
    public String parameter() {
        return parameter;
    }

    /** The column's name as HJ 633 reports it, e.g. {@code PM2.5_24h}, {@code O3_8h}. */
    public String label() {
        return label;
    }

    /** µg/m³, or mg/m³ for CO. */
    public String unit() {
        return unit;
    }

    /**
     * Decimals the concentration is rounded to (GB/T 8170) before interpolation under HJ 633-2026 §4.2.2:
     * 0 for SO2, NO2, O3, PM10, PM2.5; 1 for CO.
     */
    public int inputDecimals2026() {
        return decimals2026;
    }

    /** The breakpoint column of {@code standard}, lowest first; its last row is the column's top. */
    public List<Breakpoint> breakpoints(AqiStandard standard) {
        return standard == AqiStandard.HJ633_2026 ? table2026 : table2012;
    }

    /** The concentration at the column's last row (2620 for SO2 24-h, 800 for SO2 1-h and O3 8-h, …). */
    public BigDecimal top(AqiStandard standard) {
        List<Breakpoint> table = breakpoints(standard);
        return table.get(table.size() - 1).bp();
    }

    private static List<Breakpoint> breakpoints(double... concentrations) {
        List<Breakpoint> rows = new ArrayList<>(concentrations.length);
        for (int i = 0; i < concentrations.length; i++) {
            rows.add(new Breakpoint(IaqiRows.VALUES[i], BigDecimal.valueOf(concentrations[i])));
        }
        return Collections.unmodifiableList(rows);
    }

    /** The IAQI values of the table's rows (HJ 633 Table 1 first column); a holder, as enum constants initialise first. */
    private static final class IaqiRows {
        static final int[] VALUES = {0, 50, 100, 150, 200, 300, 400, 500};
    }
}
