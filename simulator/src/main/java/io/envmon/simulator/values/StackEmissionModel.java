package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A stack's CEMS: particulate, SO2 and NOx as measured (dry, standard state), with O2, flow and temperature,
 * following its plant's {@link ProductionSchedule}.
 *
 * <p>A compliant plant: each limited pollutant runs at 30–80 % of its limit most of the time. Limits apply to
 * the concentration converted to the reference O2 (GB 13271 / GB 39726 Eq. 1), so the model draws the
 * converted value and reports the measured one, {@code C_meas = C_ref × (21 − O2_meas) / (21 − O2_ref)}; the
 * service's conversion then lands where the plant meant to be. O2 sits a little above the reference for
 * combustion stacks (8–17 %) and near ambient (≈ 20 %) for dust extraction, which only has a particulate limit.
 *
 * <ul>
 *   <li>Load: low load means more excess air (O2 up to 3.5 points higher) and less flow (30 % of design at
 *       idle); a heating boiler's load follows the outdoor temperature and the morning and evening demand.</li>
 *   <li>Start-up: flow and temperature come up over ≈ 20 min, and the pollutants rise towards 1.2 × the limit
 *       (particulate most, SO2 least), peaking 30 min after the start and fading over ≈ 2 h; the rise grows with
 *       how long the plant was cold (8 h off: 28 % of it, a day: 63 %, two days or more: 86–95 %). The hourly
 *       mean of the first hour stays under the limit unless the plant was already running high.</li>
 *   <li>Stopped: flow 1–3 % of design (draught), O2 20.6–20.9 %, concentrations 0.1–0.7 mg/m³ of noise (never
 *       a flat line), the flue cooling to ambient over a few hours.</li>
 * </ul>
 */
final class StackEmissionModel implements ValueModel {

    private static final String[] POLLUTANTS = {"particulate", "so2", "nox"};
    /** How far each pollutant goes towards {@link #START_UP_PEAK} × its limit at a cold start. */
    private static final double[] START_UP = {0.6, 0.25, 0.5};
    private static final double START_UP_PEAK = 1.2;
    private static final double START_UP_PEAK_MINUTES = 30;
    private static final double WARM_UP_MINUTES = 20;
    private static final double AMBIENT_O2 = 20.9;

    private final Outlet outlet;
    private final ProductionSchedule schedule;
    private final DistrictWeather weather;
    private final boolean combustion;
    private final double o2Level;
    private final double o2Idle;
    private final double designFlow;
    private final double flueTemp;
    /** Mean share of the limit each pollutant runs at, by index in {@link #POLLUTANTS}. */
    private final double[] share = new double[POLLUTANTS.length];
    private final RedNoise[] variation = new RedNoise[POLLUTANTS.length];
    private final RedNoise o2;
    private final RedNoise flow;
    private final RedNoise temp;
    /** Seeds the per-minute noise of a stopped stack. */
    private final long noiseSeed;
    private long phaseHour = Long.MIN_VALUE;
    private ProductionSchedule.Phase phase;

    StackEmissionModel(Outlet outlet, ProductionSchedule schedule, DistrictWeather weather, Random random) {
        this.outlet = outlet;
        this.schedule = schedule;
        this.weather = weather;
        Map<String, Limit> limits = outlet.limits();
        this.combustion = outlet.conversionO2() != null || limits.containsKey("so2") || limits.containsKey("nox");
        Double reference = outlet.conversionO2();
        this.o2Level = reference != null ? Math.min(19, reference + 1 + 1.5 * random.nextDouble())
                : combustion ? 14.5 + 2 * random.nextDouble() : 19.8 + 0.6 * random.nextDouble();
        this.o2Idle = combustion ? Math.max(o2Level, Math.min(18.8, o2Level + 3.5)) : o2Level;
        this.designFlow = combustion ? 15_000 + 75_000 * random.nextDouble() : 8_000 + 40_000 * random.nextDouble();
        this.flueTemp = combustion ? 55 + 100 * random.nextDouble() : 22 + 20 * random.nextDouble();
        for (int i = 0; i < POLLUTANTS.length; i++) {
            share[i] = 0.35 + 0.3 * random.nextDouble();
            variation[i] = new RedNoise(random, 0.18, Duration.ofMinutes(45));
        }
        this.o2 = new RedNoise(random, 0.5, Duration.ofMinutes(40));
        this.flow = new RedNoise(random, 0.05, Duration.ofHours(1));
        this.temp = new RedNoise(random, 3, Duration.ofHours(1));
        this.noiseSeed = random.nextLong();
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        long hour = ChinaTime.epochHour(ts);
        if (hour != phaseHour) {
            phase = schedule.phase(hour);
            phaseHour = hour;
        }
        double minutesInState = phase.hoursInState() * 60 + (ts.toEpochMilli() - hour * 3_600_000L) / 60_000.0;
        double ambient = weather.seasonalMeanTemp(ts) + 5 * ChinaTime.daily(ChinaTime.hourOfDay(ts), 15);
        return phase.running() ? running(ts, minutesInState, ambient) : stopped(ts, minutesInState, ambient);
    }

    private Map<String, Double> running(Instant ts, double minutes, double ambient) {
        double load = phase.load() * (schedule.pattern().heats() && ChinaTime.heatingSeason(ts) ? heatDemand(ts) : 1);
        double warm = 1 - Math.exp(-minutes / WARM_UP_MINUTES);
        double effective = load * (0.25 + 0.75 * warm);
        double coldness = 1 - Math.exp(-phase.offHoursBefore() / 24.0);
        double x = minutes / START_UP_PEAK_MINUTES;
        double startUp = coldness * x * Math.exp(1 - x) * (combustion ? 1 : 0.5);
        // rounded as reported, so that the service's O2 conversion of the reported values lands where intended
        double oxygen = Math.round(DistrictWeather.clamp(o2Level + (o2Idle - o2Level) * (1 - effective) + o2.at(ts),
                o2Level - 3, AMBIENT_O2) * 10) / 10.0;
        // the O2 conversion factor from measured to reference conditions; 1 where there is no reference
        double dilution = outlet.conversionO2() == null ? 1 : (21 - oxygen) / (21 - outlet.conversionO2());
        ReadingValues values = new ReadingValues(PointType.STACK);
        for (int i = 0; i < POLLUTANTS.length; i++) {
            Limit limit = outlet.limits().get(POLLUTANTS[i]);
            double level = share[i] * Math.exp(variation[i].at(ts));
            if (limit != null) {
                double converted = DistrictWeather.clamp(level, 0.05, 0.9);
                converted += (START_UP_PEAK - converted) * START_UP[i] * startUp;
                values.put(POLLUTANTS[i], converted * limit.max() * dilution);
            } else if (reports(i)) {
                // measured all the same (GB 9078 kilns have no NOx limit, the CEMS still reports it)
                values.put(POLLUTANTS[i], (60 + 120 * level) * (1 + START_UP[i] * startUp));
            }
        }
        return values
                .put("o2", oxygen)
                .put("flow", designFlow * (0.3 + 0.7 * effective) * Math.exp(flow.at(ts)))
                .put("temp", ambient + (flueTemp - ambient) * (0.7 + 0.3 * effective) * (0.3 + 0.7 * warm) + temp.at(ts))
                .toMap();
    }

    /** Limited pollutants, and a combustion stack's gases even without a limit. */
    private boolean reports(int i) {
        return outlet.limits().containsKey(POLLUTANTS[i]) || combustion && !"particulate".equals(POLLUTANTS[i]);
    }

    /** Heat demand 0.3 … 1: colder days, and the morning and evening peaks, need more. */
    private double heatDemand(Instant ts) {
        double hour = ChinaTime.hourOfDay(ts);
        return DistrictWeather.clamp(0.2 + 0.03 * (18 - weather.dailyMeanTemp(ts))
                + 0.12 * (ChinaTime.bump(hour, 6.5, 1.5) + ChinaTime.bump(hour, 19, 2))
                - 0.1 * ChinaTime.bump(hour, 14, 2.5), 0.3, 1);
    }

    /** Per-minute noise, so that a stopped stack never reports a flat line. */
    private Map<String, Double> stopped(Instant ts, double minutes, double ambient) {
        long second = ts.getEpochSecond();
        ReadingValues values = new ReadingValues(PointType.STACK);
        for (int i = 0; i < POLLUTANTS.length; i++) {
            if (reports(i)) {
                values.put(POLLUTANTS[i], 0.1 + 0.6 * Seeds.uniform(Seeds.of(noiseSeed, second, i)));
            }
        }
        return values
                .put("o2", AMBIENT_O2 - 0.3 * Seeds.uniform(Seeds.of(noiseSeed, second, 3)))
                .put("flow", designFlow * (0.01 + 0.02 * Seeds.uniform(Seeds.of(noiseSeed, second, 4))))
                .put("temp", ambient + (flueTemp - ambient) * Math.exp(-minutes / 120)
                        + 0.5 * Seeds.gaussian(Seeds.of(noiseSeed, second, 5)))
                .toMap();
    }
}
