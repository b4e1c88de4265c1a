package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** River sections: runoff after rain, and the daily oxygen rhythm of photosynthesis. */
class RiverWaterModelTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant SUMMER = Instant.parse("2026-06-01T00:00:00+08:00");

    @Test
    void turbidityAndCodAreHigherInTheDayAfterRain() {
        DistrictWeather rain = new DistrictWeather(3);
        double[] wet = new double[2];
        double[] dry = new double[2];
        int showers = 0;
        for (MonitoredPoint section : District.points(PointType.WATER_SECTION)) {
            ValueModel withRain = new ValueModelFactory(District.REGISTRY, 3).create(section);
            ValueModel without = new ValueModelFactory(District.REGISTRY, 3, new DistrictWeather(3, false)).create(section);
            for (int h = 0; h < 24 * 92; h++) {
                Instant ts = SUMMER.plus(HOUR.multipliedBy(h));
                Map<String, Double> a = withRain.valuesAt(ts);
                Map<String, Double> b = without.valuesAt(ts);
                if (dayAfterRain(rain, ts)) {
                    wet[0] += a.get("turbidity");
                    dry[0] += b.get("turbidity");
                    wet[1] += a.get("cod");
                    dry[1] += b.get("cod");
                }
            }
        }
        for (Precipitation.RainEvent e : rain.showers(SUMMER, SUMMER.plus(Duration.ofDays(92)))) {
            showers += e.depth() >= 8 ? 1 : 0;
        }
        assertTrue(showers >= 3, "showers of 8 mm or more in the summer: " + showers);
        assertTrue(wet[0] > 1.8 * dry[0], "turbidity in the day after rain " + wet[0] + ", without the rain " + dry[0]);
        assertTrue(wet[1] > 1.2 * dry[1], "COD in the day after rain " + wet[1] + ", without the rain " + dry[1]);
    }

    /** Within 24 h after the end of a shower of 8 mm or more. */
    private static boolean dayAfterRain(DistrictWeather rain, Instant ts) {
        return rain.showers(ts.minus(Duration.ofHours(24)), ts).stream()
                .anyMatch(e -> e.depth() >= 8 && e.end().isBefore(ts));
    }

    @Test
    void oxygenIsLowestBeforeDawnAndHighestInTheAfternoon() {
        ValueModel model = new ValueModelFactory(District.REGISTRY, 2).create(District.point("WMH-04"));
        double dawn = 0;
        double afternoon = 0;
        int days = 30;
        for (int h = 0; h < 24 * days; h++) {
            Instant ts = Instant.parse("2026-08-01T00:00:00+08:00").plus(HOUR.multipliedBy(h));
            int hour = (int) ChinaTime.hourOfDay(ts);
            double oxygen = model.valuesAt(ts).get("do");
            dawn += hour == 5 || hour == 6 ? oxygen : 0;
            afternoon += hour == 15 || hour == 16 ? oxygen : 0;
        }
        double swing = (afternoon - dawn) / (2 * days);
        assertTrue(swing > 1, "DO afternoon minus dawn in August: " + swing + " mg/L");
    }
}
