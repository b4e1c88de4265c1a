package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rain over the district: when it falls, how long, and what the weather does meanwhile. */
class DistrictWeatherTest {

    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00+08:00");

    @Test
    void showersAreFrequentInSummerRareInWinterAndLastAFewHours() {
        double summer = 0;
        double winter = 0;
        double total = 0;
        for (long seed = 1; seed <= 4; seed++) {
            List<Precipitation.RainEvent> events = new DistrictWeather(seed).showers(YEAR, YEAR.plus(Duration.ofDays(365)));
            for (Precipitation.RainEvent e : events) {
                int month = e.start().atOffset(ChinaTime.CST).getMonthValue();
                summer += month >= 6 && month <= 8 ? e.hours() : 0;
                winter += month == 12 || month <= 2 ? e.hours() : 0;
                total += e.depth();
                assertTrue(e.hours() >= 1.5 && e.hours() <= 7.5, e.toString());
            }
        }
        assertTrue(summer > 4 * winter, "rain hours in summer " + summer + ", winter " + winter);
        double perYear = total / 4;
        assertTrue(perYear > 300 && perYear < 600, "mm a year: " + perYear);
    }

    @Test
    void theAirIsNearSaturationAndCoolerWhileItRains() {
        DistrictWeather wet = new DistrictWeather(3);
        DistrictWeather dry = new DistrictWeather(3, false);
        int rainyHours = 0;
        double cooling = 0;
        for (int h = 0; h < 24 * 92; h++) {
            Instant ts = Instant.parse("2026-06-01T00:00:00+08:00").plus(Duration.ofHours(h));
            DistrictWeather.Conditions w = wet.at(ts);
            if (w.rain() > 0) {
                rainyHours++;
                assertTrue(w.humidity() >= 92, ts + " " + w);
                cooling += dry.at(ts).temp() - w.temp();
            }
        }
        assertTrue(rainyHours > 50, "rainy hours in a summer: " + rainyHours);
        assertTrue(cooling / rainyHours > 1.5, "mean cooling " + cooling / rainyHours);
    }

    @Test
    void theWeatherIsAPureFunctionOfSeedAndTime() {
        DistrictWeather a = new DistrictWeather(11);
        DistrictWeather b = new DistrictWeather(11);
        Instant late = Instant.parse("2026-07-20T15:00:00Z");
        b.at(Instant.parse("2026-07-01T00:00:00Z"));
        assertEquals(a.at(late), b.at(late));
        assertEquals(a.runoff(late, 5), b.runoff(late, 5));
    }
}
