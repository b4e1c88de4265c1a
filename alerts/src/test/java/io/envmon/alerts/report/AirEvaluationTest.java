package io.envmon.alerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.air.Gb3095Version;
import io.envmon.alerts.config.ReportsConfig;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The monthly and annual air evaluation (HJ 663 as compiled in standards.md §9.2–9.6). */
class AirEvaluationTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private static Map<String, Double> six(double pm25, double pm10, double o3) {
        return Map.of("so2", 10.0, "no2", 30.0, "co", 0.8, "o3", o3, "pm10", pm10, "pm25", pm25);
    }

    private static AirDay day(int d, Integer aqi, Map<String, Double> values) {
        return new AirDay("district", NOV.atDay(d), aqi == null ? OptionalInt.empty() : OptionalInt.of(aqi), values);
    }

    @ParameterizedTest(name = "AQI {0}, missing {1}: valid {2}")
    @CsvSource(nullValues = "-", value = {
            "80,  -,    true",   // all six, rated
            "80,  pm25, false",  // a pollutant missing and AQI ≤ 100: HJ 633-2026 §5.3 NA; not a valid day
            "150, pm25, true",   // AQI of the others > 100 is published: a polluted day whatever PM2.5 was
            "-,   -,    false",  // no AQI
    })
    void aValidDayHasAnAqiFromAllSixOrOver100(Integer aqi, String missing, boolean valid) {
        Map<String, Double> values = new HashMap<>(six(50, 80, 100));
        if (missing != null) {
            values.remove(missing);
        }
        assertEquals(valid, day(1, aqi, values).valid());
    }

    @ParameterizedTest(name = "{0}: {1} days")
    @CsvSource({"2026-11, 27", "2026-02, 25", "2028-02, 25", "2026-12, 27"})
    void aMonthlyMeanNeeds27DailyValuesFebruary25(String month, int min) {
        assertEquals(min, AirPeriod.month(YearMonth.parse(month)).minValidDays());
    }

    @Test
    void aYearNeeds324() {
        assertEquals(324, AirPeriod.year(2026).minValidDays());
        assertEquals(365, AirPeriod.year(2026).days());
    }

    /** The county report of standards.md §9.6: 86 good days of 91 valid days = 94.5 %. */
    @Test
    void goodDayRatioOfTheWorkedExample() {
        List<AirDay> days = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 91; i++) {
            int aqi = i < 86 ? 60 : 130;
            days.add(new AirDay("district", start.plusDays(i), OptionalInt.of(aqi), six(40, 70, 120)));
        }
        AirPeriodReport r = new AirEvaluation(ReportsConfig.defaults()).evaluate("district", AirPeriod.year(2026),
                days, Gb3095Version.GB3095_2026_TRANSITIONAL, LocalDate.of(2026, 4, 2));
        assertEquals(91, r.validDays());
        assertEquals(86, r.goodDays());
        assertEquals(0.9451, r.goodDayRatio(), "86 / 91 = 0.94505… → 94.5 %");
        assertEquals(91, r.calendarDays(), "1 January to 1 April");
        assertFalse(r.pm25().complete(), "91 daily values of the 324 a year needs");
    }

    @Test
    void aMonthAgainstGb3095AndTheDistrictTargets() {
        List<AirDay> days = new ArrayList<>();
        // 30 days: PM2.5 daily means 20..49 (mean 34.5 → 34 by GB/T 8170, half to even), PM10 60..89 (74.5 → 74)
        for (int d = 1; d <= 30; d++) {
            int aqi = d <= 20 ? 70 : d <= 27 ? 160 : d <= 29 ? 230 : 320;
            days.add(day(d, aqi, six(19 + d, 59 + d, 100 + 3 * d)));
        }
        days.add(new AirDay("TG-A01", NOV.atDay(1), OptionalInt.of(400), six(500, 500, 500))); // another site
        ReportsConfig cfg = new ReportsConfig("II", 32.0, 80.0, 0.8, 0.75);
        AirPeriodReport r = new AirEvaluation(cfg).evaluate("district", AirPeriod.month(NOV), days,
                Gb3095Version.GB3095_2026_TRANSITIONAL, LocalDate.of(2026, 12, 5));
        assertEquals("2026-11", r.period());
        assertEquals(30, r.calendarDays());
        assertEquals(30, r.validDays());
        assertEquals(20, r.goodDays());
        assertEquals(0.6667, r.goodDayRatio());
        assertFalse(r.meetsGoodDayRatioTarget());
        assertEquals(3, r.heavyDays(), "AQI > 200: 230, 230, 320");
        assertEquals(1, r.severeDays());
        assertEquals(34.0, r.pm25().value());
        assertEquals(30.0, r.pm25().limit(), "GB 3095-2026 transitional annual Grade II");
        assertTrue(r.pm25().exceedsLimit());
        assertFalse(r.pm25().meetsTarget());
        assertTrue(r.pm25().complete());
        assertEquals(74.0, r.pm10().value());
        assertEquals(60.0, r.pm10().limit());
        assertTrue(r.pm10().meetsTarget());
        // O3 daily max 8-h 103..190: k = 1 + 29 × 0.9 = 27.1 → X(27) + 0.1 × 3 = 181 + 0.3 = 181.3 → 181
        assertEquals("p90", r.o3().statistic());
        assertEquals(181.0, r.o3().value());
        assertEquals(160.0, r.o3().limit());
        assertTrue(r.o3().exceedsLimit());
        assertNull(r.o3().target());
    }

    @Test
    void underGb3095Of2012TheLimitsAreThatEditions() {
        List<AirDay> days = List.of(day(1, 70, six(34, 69, 100)));
        AirPeriodReport r = new AirEvaluation(ReportsConfig.defaults()).evaluate("district", AirPeriod.month(NOV),
                days, Gb3095Version.GB3095_2012, LocalDate.of(2026, 11, 2));
        assertEquals(35.0, r.pm25().limit());
        assertEquals(70.0, r.pm10().limit());
        assertFalse(r.pm25().exceedsLimit());
        assertFalse(r.pm25().complete(), "1 daily value");
        assertEquals(1, r.calendarDays(), "a month not yet over counts the days before today");
        assertNull(r.meetsGoodDayRatioTarget(), "no target set");
    }
}
