package io.envmon.alerts.aqi;

import static io.envmon.alerts.aqi.AqiStandard.HJ633_2012;
import static io.envmon.alerts.aqi.AqiStandard.HJ633_2026;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Daily AQI: 6 indicators under HJ 633-2026, 7 under HJ 633-2012 (standards.md §1.3). */
class DailyAqiTest {

    private final DailyAqi daily = new DailyAqi();

    // SO2 20, NO2 50, CO 1, PM10 100, PM2.5 70, O3 max 8-h 150, O3 max 1-h 180
    private static final DailyMeans DAY = new DailyMeans(20.0, 50.0, 1.0, 100.0, 70.0, 150.0, 180.0);

    @Test
    void hj2026SixIndicators() {
        AqiResult r = daily.compute(HJ633_2026, DAY);
        assertEquals(Map.of(
                Pollutant.SO2_24H, 20,   // 50 × 20 / 50
                Pollutant.NO2_24H, 63,   // 50 + 50 × 10 / 40 = 62.5
                Pollutant.CO_24H, 25,    // 50 × 1 / 2
                Pollutant.PM10_24H, 86,  // 50 + 50 × 50 / 70 = 85.7
                Pollutant.PM25_24H, 110, // 100 + 50 × 10 / 55 = 109.1
                Pollutant.O3_8H, 92),    // 50 + 50 × 50 / 60 = 91.7
                r.iaqiValues());
        assertEquals(OptionalInt.of(110), r.aqi());
        assertEquals(List.of(Pollutant.PM25_24H), r.primaryPollutants());
        assertFalse(r.subIndices().containsKey(Pollutant.O3_1H), "O3 1-h is real-time only in 2026");
        assertEquals(AqiResult.Report.DAILY, r.report());
    }

    @Test
    void hj2012SevenIndicators() {
        AqiResult r = daily.compute(HJ633_2012, DAY);
        assertEquals(75, r.iaqi(Pollutant.PM10_24H).getAsInt());  // 50 + 50 × 50 / 100
        assertEquals(94, r.iaqi(Pollutant.PM25_24H).getAsInt());  // 50 + 50 × 35 / 40 = 93.75
        assertEquals(75, r.iaqi(Pollutant.O3_1H).getAsInt());     // 50 + 50 × 20 / 40
        assertEquals(7, r.subIndices().size());
        assertEquals(OptionalInt.of(94), r.aqi());
        assertEquals(AqiCategory.GOOD, r.category().orElseThrow());
    }

    @Test
    void o3EightHourAbove800() {
        DailyMeans high = new DailyMeans(20.0, 50.0, 1.0, 100.0, 70.0, 900.0, 900.0);
        AqiResult y2012 = daily.compute(HJ633_2012, high);
        assertInstanceOf(Iaqi.NotComputed.class, y2012.subIndices().get(Pollutant.O3_8H));
        assertEquals(OptionalInt.of(350), y2012.aqi());   // O3 1-h 900: 300 + 100 × 100 / 200
        assertEquals(List.of(Pollutant.O3_1H), y2012.primaryPollutants());

        AqiResult y2026 = daily.compute(HJ633_2026, high);
        assertEquals(OptionalInt.of(300), y2026.aqi());
        assertEquals(List.of(Pollutant.O3_8H), y2026.primaryPollutants());
        assertEquals(AqiCategory.HEAVILY_POLLUTED, y2026.category().orElseThrow());
    }

    @Test
    void completenessRule2026AppliesToTheDailyReport() {
        DailyMeans noCo = new DailyMeans(20.0, 50.0, null, 60.0, 40.0, 100.0, null);
        AqiResult r = daily.compute(HJ633_2026, noCo);
        assertTrue(r.isNa());
        assertEquals(Set.of(Pollutant.CO_24H), r.missing());

        AqiResult y2012 = daily.compute(HJ633_2012, noCo);
        assertFalse(y2012.isNa());
        assertEquals(Set.of(Pollutant.CO_24H, Pollutant.O3_1H), y2012.missing());
    }
}
