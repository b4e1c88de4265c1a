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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-time AQI (HJ 633-2012 §5.1.3 Table 4; HJ 633-2026 §4.2.3, §5.3). IAQIs in the comments are Eq. 1 worked
 * from standards.md §1.1 and rounded up.
 */
class HourlyAqiTest {

    private final HourlyAqi hourly = new HourlyAqi();

    // SO2 10 → 4 (50×10/150); NO2 30 → 15; CO 0.8 → 8; O3 100 → 32 (31.25); PM10 80, PM2.5 100 (below)
    private static final HourlyMeans EPISODE = HourlyMeans.of(10.0, 30.0, 0.8, 100.0, 80.0, 100.0);
    // as above with PM10 40 → 40 and PM2.5 35 → 50
    private static final HourlyMeans CLEAN = HourlyMeans.of(10.0, 30.0, 0.8, 100.0, 40.0, 35.0);

    @Test
    void hj2026RatesParticlesOnOneHourMeansAgainstDailyBreakpoints() {
        AqiResult r = hourly.compute(HJ633_2026, EPISODE);
        assertEquals(OptionalInt.of(137), r.aqi());
        assertEquals(AqiCategory.LIGHTLY_POLLUTED, r.category().orElseThrow());
        assertEquals(List.of(Pollutant.PM25_24H), r.primaryPollutants());
        assertEquals(Map.of(Pollutant.SO2_1H, 4, Pollutant.NO2_1H, 15, Pollutant.CO_1H, 8, Pollutant.O3_1H, 32,
                // PM10 2026: 50 + 50 × 30 / 70 = 71.4 → 72; PM2.5: 137
                Pollutant.PM10_24H, 72, Pollutant.PM25_24H, 137), r.iaqiValues());
        assertTrue(r.isComplete());
        assertEquals(AqiResult.Report.REAL_TIME, r.report());
    }

    @Test
    void hj2012OneHourVariant() {
        AqiResult r = new HourlyAqi(HourlyAqi.ParticlesBasis2012.ONE_HOUR).compute(HJ633_2012, EPISODE);
        // PM10 2012: 50 + 50 × 30 / 100 = 65; PM2.5: 132
        assertEquals(65, r.iaqi(Pollutant.PM10_24H).getAsInt());
        assertEquals(OptionalInt.of(132), r.aqi());
        assertEquals(List.of(Pollutant.PM25_24H), r.primaryPollutants());
        assertTrue(r.notes().isEmpty());
    }

    @Test
    void hj2012Table4RatesParticlesOnTheSlidingMeanWhenGiven() {
        AqiResult r = hourly.compute(HJ633_2012, EPISODE.withSliding24h(null, 120.0, 50.0));
        // PM10 24-h 120 → 50 + 50 × 70 / 100 = 85; PM2.5 24-h 50 → 50 + 50 × 15 / 40 = 68.75 → 69
        assertEquals(85, r.iaqi(Pollutant.PM10_24H).getAsInt());
        assertEquals(69, r.iaqi(Pollutant.PM25_24H).getAsInt());
        assertEquals(OptionalInt.of(85), r.aqi());
        assertEquals(AqiCategory.GOOD, r.category().orElseThrow());
        assertEquals(List.of(Pollutant.PM10_24H), r.primaryPollutants());
    }

    @Test
    void hj2012FallsBackToOneHourWithoutSlidingMeanAndSaysSo() {
        AqiResult r = hourly.compute(HJ633_2012, EPISODE);
        assertEquals(OptionalInt.of(132), r.aqi());
        assertEquals(2, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("PM10"));
    }

    @Test
    void hj2026IgnoresSlidingMeans() {
        AqiResult r = hourly.compute(HJ633_2026, EPISODE.withSliding24h(900.0, 120.0, 50.0).withO3Sliding8h(900.0));
        assertEquals(OptionalInt.of(137), r.aqi());
        assertFalse(r.subIndices().containsKey(Pollutant.O3_8H));
        assertFalse(r.subIndices().containsKey(Pollutant.SO2_24H));
    }

    @Test
    void tiesListEveryPrimaryPollutant() {
        // PM10 250 → 150 and PM2.5 115 → 150 under both editions
        HourlyMeans tie = HourlyMeans.of(10.0, 30.0, 0.8, 100.0, 250.0, 115.0);
        for (AqiStandard standard : AqiStandard.values()) {
            AqiResult r = new HourlyAqi(HourlyAqi.ParticlesBasis2012.ONE_HOUR).compute(standard, tie);
            assertEquals(OptionalInt.of(150), r.aqi());
            assertEquals(List.of(Pollutant.PM10_24H, Pollutant.PM25_24H), r.primaryPollutants());
        }
    }

    /** Primary pollutant only when AQI > 50 (2012 §4.4.2, 2026 §4.3.1). */
    @ParameterizedTest(name = "PM2.5 {0} → AQI {1}, primary: {2}")
    @CsvSource(textBlock = """
            # PM2.5 35 → 50: no primary pollutant; 36 → 50 + 50 / 25 = 52 (2026)
            35, 50, false
            36, 52, true
            """)
    void primaryOnlyAbove50(double pm25, int aqi, boolean hasPrimary) {
        AqiResult r = hourly.compute(HJ633_2026, HourlyMeans.of(10.0, 30.0, 0.8, 100.0, 40.0, pm25));
        assertEquals(OptionalInt.of(aqi), r.aqi());
        assertEquals(hasPrimary ? List.of(Pollutant.PM25_24H) : List.of(), r.primaryPollutants());
        assertEquals(AqiCategory.of(aqi), r.category().orElseThrow());
    }

    /** HJ 633-2026 §5.3: a pollutant missing → AQI of the others published only if > 100, else NA. */
    @ParameterizedTest(name = "CO missing, PM2.5 {0} → AQI of the others {1}, published {2}")
    @CsvSource(textBlock = """
            # PM2.5 60 → 100 exactly: NA; 61 → 100 + 50 / 55 = 100.9 → 101: published
            60,  100, false
            61,  101, true
            100, 137, true
            """)
    void completenessRule2026(double pm25, int othersAqi, boolean published) {
        AqiResult r = hourly.compute(HJ633_2026, HourlyMeans.of(10.0, 30.0, null, 100.0, 40.0, pm25));
        assertEquals(Set.of(Pollutant.CO_1H), r.missing());
        assertEquals(othersAqi, r.iaqi(Pollutant.PM25_24H).getAsInt(), "the IAQIs are published either way");
        assertEquals(!published, r.isNa());
        if (published) {
            assertEquals(OptionalInt.of(othersAqi), r.aqi());
            assertEquals(List.of(Pollutant.PM25_24H), r.primaryPollutants());
        } else {
            assertTrue(r.category().isEmpty());
            assertTrue(r.primaryPollutants().isEmpty());
            assertTrue(r.notes().get(0).contains("§5.3"), r.notes().toString());
        }
    }

    @Test
    void hj2012HasNoCompletenessRule() {
        AqiResult r = hourly.compute(HJ633_2012, HourlyMeans.of(10.0, 30.0, null, 100.0, 40.0, 60.0));
        // PM2.5 60 under 2012: 50 + 50 × 25 / 40 = 81.25 → 82
        assertEquals(OptionalInt.of(82), r.aqi());
        assertEquals(Set.of(Pollutant.CO_1H), r.missing());
    }

    @Test
    void nothingRatedIsNa() {
        for (AqiStandard standard : AqiStandard.values()) {
            AqiResult r = hourly.compute(standard, HourlyMeans.of(null, null, null, null, null, null));
            assertTrue(r.isNa());
            assertEquals(6, r.missing().size());
        }
    }

    /** Note (2): SO2 1-h > 800. */
    @Test
    void so2Above800() {
        HourlyMeans means = CLEAN.withSliding24h(200.0, null, null);
        HourlyMeans highSo2 = new HourlyMeans(900.0, means.no2(), means.co(), means.o3(), means.pm10(), means.pm25(),
                means.so2Sliding24h(), null, null, null);

        AqiResult y2012 = hourly.compute(HJ633_2012, highSo2);
        assertInstanceOf(Iaqi.NotComputed.class, y2012.subIndices().get(Pollutant.SO2_1H));
        // SO2 24-h 200: 100 + 50 × 50 / 325 = 107.7 → 108
        assertEquals(108, y2012.iaqi(Pollutant.SO2_24H).getAsInt());
        assertEquals(OptionalInt.of(108), y2012.aqi());
        assertEquals(List.of(Pollutant.SO2_24H), y2012.primaryPollutants());

        AqiResult y2026 = hourly.compute(HJ633_2026, highSo2);
        assertEquals(OptionalInt.of(200), y2026.aqi());
        assertEquals(List.of(Pollutant.SO2_1H), y2026.primaryPollutants());
        assertEquals(AqiCategory.MODERATELY_POLLUTED, y2026.category().orElseThrow());
    }

    @Test
    void so2Above800Under2012WithoutSlidingMean() {
        AqiResult r = hourly.compute(HJ633_2012, HourlyMeans.of(900.0, 30.0, 0.8, 100.0, 40.0, 35.0));
        assertEquals(Set.of(Pollutant.SO2_24H), r.missing());
        assertEquals(OptionalInt.of(50), r.aqi(), "2012: AQI of the others");
    }

    /** HJ 633-2012 real-time report: O3 has an IAQI on the 1-h and on the 8-h sliding mean. */
    @Test
    void o3EightHourIn2012RealTime() {
        // O3 8-h 180: 100 + 50 × 20 / 55 = 118.2 → 119
        AqiResult r = hourly.compute(HJ633_2012, CLEAN.withO3Sliding8h(180.0));
        assertEquals(OptionalInt.of(119), r.aqi());
        assertEquals(List.of(Pollutant.O3_8H), r.primaryPollutants());

        // O3 8-h 900 (note 3): not computed; O3 1-h 900 → 300 + 100 × 100 / 200 = 350
        HourlyMeans high = new HourlyMeans(10.0, 30.0, 0.8, 900.0, 40.0, 35.0, null, null, null, 900.0);
        AqiResult h = hourly.compute(HJ633_2012, high);
        assertInstanceOf(Iaqi.NotComputed.class, h.subIndices().get(Pollutant.O3_8H));
        assertEquals(OptionalInt.of(350), h.aqi());
        assertEquals(List.of(Pollutant.O3_1H), h.primaryPollutants());
        assertEquals(AqiCategory.SEVERELY_POLLUTED, h.category().orElseThrow());
    }

    /** HJ 633-2026 gives the AQI range 1–500; 2012 0–500. */
    @Test
    void allZero() {
        HourlyMeans zero = HourlyMeans.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertEquals(OptionalInt.of(1), hourly.compute(HJ633_2026, zero).aqi());
        assertEquals(OptionalInt.of(0), hourly.compute(HJ633_2012, zero).aqi());
    }

    @Test
    void fromCanonicalParameterNames() {
        HourlyMeans m = HourlyMeans.ofParameters(Map.of("pm25", 100.0, "so2", 10.0));
        assertEquals(HourlyMeans.of(10.0, null, null, null, null, 100.0), m);
        AqiResult r = hourly.compute(HJ633_2026, m);
        assertEquals(OptionalInt.of(137), r.aqi(), "4 missing but AQI > 100: published");
    }
}
