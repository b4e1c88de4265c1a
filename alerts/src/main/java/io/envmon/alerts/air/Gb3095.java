package io.envmon.alerts.air;

import java.util.Objects;
import java.util.Optional;

/**
 * GB 3095 ambient air concentration limits as data: Table 1 (basic items) and the TSP and NOx rows of Table 2,
 * for GB 3095-2012 and GB 3095-2026 (transitional and final columns), Grades I and II.
 *
 * <p>Source: standards.md §2.1 (GB 3095-2026 official e-edition p.3 Table 1, p.4 Table 2; GB 3095-2012 Tables 1
 * and 2). Each row below reads like the table: 2012 I, 2012 II, 2026 transitional I, II, 2026 final I, II.
 * Units: µg/m³, CO mg/m³. Reference state: gases at 298.15 K and 1013.25 hPa, particles at actual conditions
 * (GB 3095-2026 §3.14, §4.3).
 */
public enum Gb3095 {

    // 2012 | 2026 transitional | 2026 final:                I     II       I     II       I     II
    SO2_ANNUAL("so2", Averaging.ANNUAL, "µg/m³",             20,   60,      20,   60,      20,   20),
    SO2_24H("so2", Averaging.DAILY, "µg/m³",                 50,  150,      50,  150,      50,   50),
    SO2_1H("so2", Averaging.HOURLY, "µg/m³",                150,  500,     150,  500,     150,  150),
    NO2_ANNUAL("no2", Averaging.ANNUAL, "µg/m³",             40,   40,      40,   40,      30,   30),
    NO2_24H("no2", Averaging.DAILY, "µg/m³",                 80,   80,      80,   80,      50,   50),
    NO2_1H("no2", Averaging.HOURLY, "µg/m³",                200,  200,     200,  200,     200,  200),
    CO_24H("co", Averaging.DAILY, "mg/m³",                    4,    4,       4,    4,       4,    4),
    CO_1H("co", Averaging.HOURLY, "mg/m³",                   10,   10,      10,   10,      10,   10),
    O3_MAX_8H("o3", Averaging.DAILY_MAX_8H, "µg/m³",        100,  160,     100,  160,     100,  160),
    O3_1H("o3", Averaging.HOURLY, "µg/m³",                  160,  200,     160,  200,     160,  200),
    PM10_ANNUAL("pm10", Averaging.ANNUAL, "µg/m³",           40,   70,      40,   60,      20,   50),
    PM10_24H("pm10", Averaging.DAILY, "µg/m³",               50,  150,      50,  120,      50,  100),
    PM25_ANNUAL("pm25", Averaging.ANNUAL, "µg/m³",           15,   35,      15,   30,      10,   25),
    PM25_24H("pm25", Averaging.DAILY, "µg/m³",               35,   75,      35,   60,      25,   50),
    // Table 2 (other items). TSP unchanged in 2026. NOx (as NO2): Grade I = Grade II.
    TSP_ANNUAL("tsp", Averaging.ANNUAL, "µg/m³",             80,  200,      80,  200,      80,  200),
    TSP_24H("tsp", Averaging.DAILY, "µg/m³",                120,  300,     120,  300,     120,  300),
    NOX_ANNUAL("nox", Averaging.ANNUAL, "µg/m³",             50,   50,      50,   50,      40,   40),
    NOX_24H("nox", Averaging.DAILY, "µg/m³",                100,  100,     100,  100,      70,   70),
    NOX_1H("nox", Averaging.HOURLY, "µg/m³",                250,  250,     250,  250,     250,  250);

    /** The averaging period of a limit (GB 3095 §3 definitions). */
    public enum Averaging {
        /** 年平均. */
        ANNUAL,
        /** 24-h mean (2012) / daily mean of the natural day (2026). */
        DAILY,
        /** 1-h mean. */
        HOURLY,
        /** Daily maximum 8-h sliding mean (日最大8小时平均). */
        DAILY_MAX_8H
    }

    private final String parameter;
    private final Averaging averaging;
    private final String unit;
    private final double[] limits;

    Gb3095(String parameter, Averaging averaging, String unit, double... limits) {
        this.parameter = parameter;
        this.averaging = averaging;
        this.unit = unit;
        this.limits = limits;
    }

    /** The canonical parameter name (so2, no2, co, o3, pm10, pm25; tsp and nox are not air-station parameters yet). */
    public String parameter() {
        return parameter;
    }

    public Averaging averaging() {
        return averaging;
    }

    public String unit() {
        return unit;
    }

    /** The concentration limit; a value equal to it complies ("≤"). */
    public double limit(Gb3095Version version, Gb3095Grade grade) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(grade, "grade");
        return limits[version.ordinal() * 2 + grade.ordinal()];
    }

    /** True when {@code concentration} is above the limit. */
    public boolean exceeds(double concentration, Gb3095Version version, Gb3095Grade grade) {
        return concentration > limit(version, grade);
    }

    /** The row for a canonical parameter and an averaging period, if GB 3095 has one. */
    public static Optional<Gb3095> find(String parameter, Averaging averaging) {
        for (Gb3095 row : values()) {
            if (row.parameter.equals(parameter) && row.averaging == averaging) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }
}
