package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user of the air dashboards would notice: rain, traffic, heating, sunshine, neighbouring stations. */
class AirQualityModelTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void rainWashesPm25Out() {
        ValueModel wet = new ValueModelFactory(District.REGISTRY, 4).create(District.point("TG-A01"));
        ValueModel dry = new ValueModelFactory(District.REGISTRY, 4, new DistrictWeather(4, false))
                .create(District.point("TG-A01"));
        DistrictWeather weather = new DistrictWeather(4);
        double inRain = 0;
        double sameHoursDry = 0;
        double after = 0;
        double afterDry = 0;
        Instant from = Instant.parse("2026-05-01T00:00:00+08:00");
        for (int h = 0; h < 24 * 153; h++) {
            Instant ts = from.plus(HOUR.multipliedBy(h));
            double pmWet = wet.valuesAt(ts).get("pm25");
            double pmDry = dry.valuesAt(ts).get("pm25");
            DistrictWeather.Conditions w = weather.at(ts);
            if (w.rain() > 0.5) {
                inRain += pmWet;
                sameHoursDry += pmDry;
            } else if (w.washout() > 0.2) {
                after += pmWet;
                afterDry += pmDry;
            }
        }
        assertTrue(inRain < 0.75 * sameHoursDry, "PM2.5 in rain " + inRain + " vs the same hours without " + sameHoursDry);
        assertTrue(after < 0.85 * afterDry, "PM2.5 after rain " + after + " vs the same hours without " + afterDry);
    }

    @Test
    void weekendNo2IsLowerThanWeekdayNo2AtTheRushHours() {
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 6);
        double[] sum = new double[2];
        int[] n = new int[2];
        Instant from = Instant.parse("2026-10-05T00:00:00+08:00");
        for (MonitoredPoint station : District.points(PointType.AIR_STATION)) {
            ValueModel model = factory.create(station);
            for (int h = 0; h < 24 * 7 * 8; h++) {
                Instant ts = from.plus(HOUR.multipliedBy(h));
                int hour = (int) ChinaTime.hourOfDay(ts);
                if (hour == 7 || hour == 8 || hour == 17 || hour == 18) {
                    int weekend = ChinaTime.weekend(ts) ? 1 : 0;
                    sum[weekend] += model.valuesAt(ts).get("no2");
                    n[weekend]++;
                }
            }
        }
        double weekday = sum[0] / n[0];
        double weekend = sum[1] / n[1];
        assertTrue(weekend < 0.85 * weekday, "NO2 at rush hours: weekdays " + weekday + ", weekends " + weekend);
    }

    @Test
    void nearbyStationsFluctuateTogetherFarOnesLess() {
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 8);
        List<AirStation> stations = District.REGISTRY.air();
        List<double[]> pm = new ArrayList<>();
        for (AirStation s : stations) {
            pm.add(District.series(factory.create(District.point(s.id())), "pm25",
                    Instant.parse("2026-11-15T00:00:00+08:00"), HOUR, 24 * 60));
        }
        double[] near = new double[2];
        double[] far = new double[2];
        for (int a = 0; a < stations.size(); a++) {
            for (int b = a + 1; b < stations.size(); b++) {
                AirStation sa = stations.get(a);
                AirStation sb = stations.get(b);
                double km = District.km(sa.lat(), sa.lon(), sb.lat(), sb.lon());
                double r = District.correlation(pm.get(a), pm.get(b));
                double[] bin = km < 3 ? near : km > 15 ? far : null;
                if (bin != null) {
                    bin[0] += r;
                    bin[1]++;
                }
            }
        }
        double rNear = near[0] / near[1];
        double rFar = far[0] / far[1];
        assertTrue(near[1] >= 2 && far[1] >= 5, "pairs near " + near[1] + ", far " + far[1]);
        assertTrue(rNear > rFar + 0.15, "hourly PM2.5 correlation within 3 km " + rNear + ", beyond 15 km " + rFar);
    }

    @Test
    void aStationWithoutCoordinatesSharesOnlyTheDistrictsFluctuations() {
        Registry registry = new Registry(List.of(
                new AirStation("S1", "one", 37.42, 112.55, null, null),
                new AirStation("S2", "next door", 37.421, 112.551, null, null),
                new AirStation("S3", "unplaced", null, null, null, null)), List.of(), List.of());
        ValueModelFactory factory = new ValueModelFactory(registry, 2);
        Instant from = Instant.parse("2026-12-01T00:00:00+08:00");
        double[][] pm = new double[3][];
        for (int i = 0; i < 3; i++) {
            pm[i] = District.series(factory.create(registry.points().get(i)), "pm25", from, HOUR, 24 * 45);
        }
        double together = District.correlation(pm[0], pm[1]);
        double apart = District.correlation(pm[0], pm[2]);
        assertTrue(together > apart + 0.1, "next door " + together + ", unplaced " + apart);
    }

    @Test
    void coRisesWithCoalHeatingAndOzonePeaksOnSummerAfternoons() {
        ValueModel model = new ValueModelFactory(District.REGISTRY, 1).create(District.point("TG-A02"));
        double[] heating = seasonMeans(model, "2026-12-01T00:00:00+08:00");
        double[] summer = seasonMeans(model, "2026-07-01T00:00:00+08:00");
        assertTrue(heating[0] > 1.8 * summer[0], "CO heating season " + heating[0] + ", summer " + summer[0]);
        assertTrue(summer[1] > 100 && summer[1] > 2.5 * summer[2],
                "O3 summer afternoons " + summer[1] + ", summer nights " + summer[2]);
        assertTrue(summer[1] > 1.8 * heating[1], "O3 afternoons summer " + summer[1] + ", winter " + heating[1]);
    }

    /** Mean CO, O3 at 14–16 h and O3 at 02–04 h over a month. */
    private static double[] seasonMeans(ValueModel model, String start) {
        double[] sums = new double[3];
        int[] n = new int[3];
        for (int h = 0; h < 24 * 30; h++) {
            Instant ts = Instant.parse(start).plus(HOUR.multipliedBy(h));
            Map<String, Double> v = model.valuesAt(ts);
            int hour = (int) ChinaTime.hourOfDay(ts);
            sums[0] += v.get("co");
            n[0]++;
            int slot = hour >= 14 && hour < 17 ? 1 : hour >= 2 && hour < 5 ? 2 : -1;
            if (slot > 0) {
                sums[slot] += v.get("o3");
                n[slot]++;
            }
        }
        return new double[] {sums[0] / n[0], sums[1] / n[1], sums[2] / n[2]};
    }
}
