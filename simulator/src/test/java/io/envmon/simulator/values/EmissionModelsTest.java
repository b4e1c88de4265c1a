package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Enterprise outlets: production schedules, maintenance stops, start-ups, and permit limits kept. */
class EmissionModelsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    /** The service leaves out stack samples at or above this O2 (start-up, shutdown). */
    private static final double O2_SUPPRESS = 19;

    @Test
    void aFoundryStackBlowsFarLessAtNightAndOnSundaysThanOnTheDayShift() {
        MonitoredPoint stack = stacksOf(e -> e.industry().equals("foundry")).get(0);
        ValueModel model = new ValueModelFactory(District.REGISTRY, 1).create(stack);
        List<Double> day = new ArrayList<>();
        List<Double> night = new ArrayList<>();
        List<Double> sunday = new ArrayList<>();
        Instant monday = Instant.parse("2026-09-07T00:00:00+08:00");
        for (int h = 0; h < 24 * 7 * 8; h++) {
            Instant ts = monday.plus(HOUR.multipliedBy(h));
            int hour = (int) ChinaTime.hourOfDay(ts);
            DayOfWeek weekday = ChinaTime.dayOfWeek(ts);
            double flow = model.valuesAt(ts).get("flow");
            if (weekday == DayOfWeek.SUNDAY && hour >= 9 && hour < 15) {
                sunday.add(flow);
            } else if (!ChinaTime.weekend(ts) && hour >= 9 && hour < 15) {
                day.add(flow);
            } else if (!ChinaTime.weekend(ts) && hour >= 1 && hour < 5) {
                night.add(flow);
            }
        }
        double dayShift = median(day);
        assertTrue(dayShift > 5 * median(night) && dayShift > 5 * median(sunday),
                stack.label() + " flow: day shift " + dayShift + ", night " + median(night) + ", Sunday " + median(sunday));
    }

    @Test
    void continuousPlantsStopForMaintenanceEveryFewWeeksAndRestartWithASpike() {
        List<MonitoredPoint> stacks = stacksOf(e -> e.industry().equals("carbon") || e.industry().equals("brick_kiln"))
                .stream().filter(p -> District.outlet(p).referenceO2() != null
                        || District.outlet(p).limits().containsKey("so2")).toList();
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 2);
        Instant from = Instant.parse("2026-01-01T00:00:00+08:00");
        List<Double> spikes = new ArrayList<>();
        for (MonitoredPoint stack : stacks) {
            Outlet outlet = District.outlet(stack);
            ValueModel model = factory.create(stack);
            double[] running = new double[2];
            List<Instant> restarts = new ArrayList<>();
            int stoppedHours = 0;
            int stops = 0;
            for (int h = 0; h < 24 * 365; h++) {
                Instant ts = from.plus(HOUR.multipliedBy(h));
                Map<String, Double> v = model.valuesAt(ts);
                if (v.get("o2") >= 20.5) {
                    stoppedHours++;
                    continue;
                }
                if (stoppedHours >= 20) {
                    stops++;
                    restarts.add(ts.minus(HOUR));
                }
                stoppedHours = 0;
                running[0] += judged(outlet, v, "particulate");
                running[1]++;
            }
            assertTrue(stops >= 4 && stops <= 20, stack.label() + ": " + stops + " maintenance stops in a year");
            double usual = running[0] / running[1];
            // the first hour after each restart, sampled every 5 minutes by a fresh model
            ValueModel again = factory.create(stack);
            for (Instant restart : restarts) {
                double firstHour = 0;
                for (int i = 1; i <= 24; i++) {
                    Map<String, Double> v = again.valuesAt(restart.plus(FIVE_MINUTES.multipliedBy(i)));
                    firstHour += i > 12 ? judged(outlet, v, "particulate") / 12 : 0;
                }
                spikes.add(firstHour / usual);
            }
        }
        double meanSpike = spikes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long clear = spikes.stream().filter(r -> r > 1.1).count();
        assertTrue(spikes.size() > 100, "restarts seen: " + spikes.size());
        assertTrue(meanSpike > 1.25 && clear > 0.7 * spikes.size(),
                "particulate in the first hour after a maintenance stop / usual: mean " + meanSpike + ", above 1.1 in "
                        + clear + " of " + spikes.size());
    }

    @Test
    void permitExceedanceHoursAreRareOverAMonthForEveryOutlet() {
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 3);
        Instant from = Instant.parse("2026-11-02T00:00:00+08:00");
        int outletHours = 0;
        int exceeded = 0;
        List<String> where = new ArrayList<>();
        for (MonitoredPoint point : District.REGISTRY.points()) {
            if (point.outlet() == null) {
                continue;
            }
            Outlet outlet = District.outlet(point);
            ValueModel model = factory.create(point);
            for (int h = 0; h < 24 * 30; h++) {
                Map<String, double[]> sums = new HashMap<>();
                for (int i = 0; i < 6; i++) {
                    Map<String, Double> v = model.valuesAt(from.plus(HOUR.multipliedBy(h)).plus(TEN_MINUTES.multipliedBy(i)));
                    boolean suppressed = outlet.referenceO2() != null && v.get("o2") >= O2_SUPPRESS;
                    outlet.limits().forEach((name, limit) -> {
                        if (!suppressed) {
                            double[] s = sums.computeIfAbsent(name, k -> new double[2]);
                            s[0] += judged(outlet, v, name);
                            s[1]++;
                        }
                    });
                }
                outletHours++;
                // an hourly mean needs 45 minutes of samples
                boolean over = sums.entrySet().stream().anyMatch(e -> e.getValue()[1] >= 5
                        && exceeds(outlet.limits().get(e.getKey()), e.getValue()[0] / e.getValue()[1]));
                if (over && exceeded++ < 10) {
                    where.add(point.label() + " hour " + h);
                }
            }
        }
        assertTrue(exceeded < 0.002 * outletHours, exceeded + " of " + outletHours + " outlet-hours over a limit: " + where);
    }

    @Test
    void aHeatingCompanysBoilerRunsInTheHeatingSeasonOnlyAndBlowsMoreAirAtLowLoad() {
        MonitoredPoint boiler = stacksOf(e -> e.name().contains("热力") || e.name().contains("供热")).get(0);
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 4);
        double[] july = District.series(factory.create(boiler), "o2",
                Instant.parse("2026-07-01T00:00:00+08:00"), HOUR, 24 * 31);
        assertTrue(Arrays.stream(july).allMatch(o2 -> o2 >= 20.5), boiler.label() + " should be off in July");

        ValueModel winter = factory.create(boiler);
        double[] o2 = new double[24 * 90];
        double[] flow = new double[o2.length];
        for (int h = 0; h < o2.length; h++) {
            Map<String, Double> v = winter.valuesAt(Instant.parse("2026-12-01T00:00:00+08:00").plus(HOUR.multipliedBy(h)));
            o2[h] = v.get("o2");
            flow[h] = v.get("flow");
        }
        assertTrue(Arrays.stream(o2).filter(x -> x < O2_SUPPRESS).count() > 0.9 * o2.length, boiler.label() + " runs in winter");
        double r = District.correlation(o2, flow);
        assertTrue(r < -0.3, boiler.label() + ": O2 should rise as flow (load) falls, r = " + r);
    }

    @Test
    void aStoppedStackKeepsReportingNoiseNotAFlatLine() {
        MonitoredPoint stack = stacksOf(e -> e.industry().equals("foundry")).get(0);
        ValueModel model = new ValueModelFactory(District.REGISTRY, 5).create(stack);
        // a Sunday morning: the foundry is off
        double[] particulate = District.series(model, "particulate", Instant.parse("2026-09-13T06:00:00+08:00"),
                Duration.ofMinutes(1), 180);
        double[] o2 = District.series(model, "o2", Instant.parse("2026-09-13T09:00:00+08:00"), Duration.ofMinutes(1), 60);
        assertTrue(Arrays.stream(o2).allMatch(x -> x >= 20.5) && Arrays.stream(particulate).allMatch(x -> x < 1),
                stack.label() + " should be stopped on Sunday morning");
        int longest = 1;
        int run = 1;
        for (int i = 1; i < particulate.length; i++) {
            run = particulate[i] == particulate[i - 1] ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        assertTrue(longest < 10, "longest run of one value while stopped: " + longest + " minutes");
    }

    /** The value the permit is judged on: O2-corrected for stacks with a reference O2, as a share of the limit. */
    private static double judged(Outlet outlet, Map<String, Double> v, String name) {
        Limit limit = outlet.limits().get(name);
        double value = v.get(name);
        if (outlet.referenceO2() != null && !"o2".equals(name)) {
            value = value * (21 - outlet.referenceO2()) / (21 - v.get("o2"));
        }
        return limit.isRange() ? value : value / limit.max();
    }

    /** {@code judged} is a share of an upper limit, or the value itself for a range. */
    private static boolean exceeds(Limit limit, double judged) {
        return limit.isRange() ? !limit.isMet(judged) : judged > 1;
    }

    private static List<MonitoredPoint> stacksOf(Predicate<Enterprise> which) {
        return District.points(PointType.STACK).stream().filter(p -> which.test(District.enterprise(p))).toList();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
