package io.envmon.simulator.scenario;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.Reading;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.simulator.scenario.Scenario.Effect;
import io.envmon.simulator.values.ValueModel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario effects on one point, applied to each reading its value model produced (composition over the
 * {@code ValueModel}: the model is unchanged, the reading is reshaped). Keeps the state flat-lining needs.
 */
public final class PointEffects {

    /** How far ahead the service accepts a timestamp: its default ENVMON_MAX_CLOCK_SKEW. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Stack parameters that are concentrations (diluted by air let in). */
    private static final List<String> CONCENTRATIONS = List.of("particulate", "so2", "nox", "nmhc");

    private final MonitoredPoint point;
    private final Outlet outlet;
    private final Instant runStart;
    private final List<Effect> effects;
    private final Map<Effect, Double> held = new HashMap<>();
    private final Map<Effect, Long> seen = new HashMap<>();
    /** For each copy effect, a value model of its source, stepped at every reading (its state follows time). */
    private final Map<Effect, ValueModel> sources;

    PointEffects(MonitoredPoint point, Outlet outlet, Instant runStart, List<Effect> effects) {
        this(point, outlet, runStart, effects, Map.of());
    }

    PointEffects(MonitoredPoint point, Outlet outlet, Instant runStart, List<Effect> effects,
                 Map<Effect, ValueModel> sources) {
        this.point = point;
        this.outlet = outlet;
        this.runStart = runStart;
        this.effects = List.copyOf(effects);
        this.sources = Map.copyOf(sources);
    }

    /** No effect at all: readings pass unchanged. */
    public static PointEffects none(MonitoredPoint point) {
        return new PointEffects(point, null, Instant.EPOCH, List.of());
    }

    /**
     * The reading to send, and the reason the service should reject it ({@code out_of_range},
     * {@code bad_timestamp}), or {@code null} when it should be stored.
     */
    public record Shaped(Reading reading, String reason) {
        public boolean rejected() {
            return reason != null;
        }
    }

    /** Whether an effect moves the device's clock: repeated timestamps then overwrite stored readings. */
    public boolean shiftsTime() {
        return effects.stream().anyMatch(e -> e.type() == Scenario.EffectType.CLOCK_SKEW);
    }

    /** {@link #apply(Reading, Instant)} without the arrival time (no clock effect can be judged). */
    public Optional<Shaped> apply(Reading reading) {
        return apply(reading, null);
    }

    /**
     * @param wallNow when the reading will arrive (the wall clock), to judge whether a clock far ahead makes it
     *                a {@code bad_timestamp}; {@code null}: never
     * @return empty when the point is silent at this time
     */
    public Optional<Shaped> apply(Reading reading, Instant wallNow) {
        if (effects.isEmpty()) {
            return Optional.of(new Shaped(reading, null));
        }
        Duration t = Duration.between(runStart, reading.ts());
        Instant stamp = reading.ts();
        Map<String, Double> values = new LinkedHashMap<>(reading.values());
        Map<String, String> flags = reading.flags() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(reading.flags());
        Map<Effect, Map<String, Double>> copies = new HashMap<>();
        // every source model is stepped at every reading, inside its window or not: its series is then the source's
        sources.forEach((e, model) -> copies.put(e, model.valuesAt(reading.ts())));
        for (Effect e : effects) {
            if (t.compareTo(e.from()) < 0 || t.compareTo(e.to()) >= 0) {
                continue;
            }
            switch (e.type()) {
                case SILENCE -> {
                    return Optional.empty();
                }
                case SCALE -> values.computeIfPresent(e.parameter(), (k, v) -> round(v * rampedFactor(e, t)));
                case LIMIT_RATIO -> limitRatio(e, values, reading.ts());
                case SET -> {
                    long n = seen.merge(e, 1L, Long::sum);
                    if (e.times() == 0 || n <= e.times()) {
                        values.put(e.parameter(), e.value());
                    }
                }
                case FLATLINE -> {
                    Double v = values.get(e.parameter());
                    if (v != null) {
                        values.put(e.parameter(), held.computeIfAbsent(e, k -> v));
                    }
                }
                case FLAG -> flags.put(e.parameter(), e.flag());
                case CLOCK_SKEW -> stamp = stamp.plus(e.offset());
                case DILUTE -> dilute(e, values);
                case COPY -> {
                    values.clear();
                    values.putAll(copies.get(e));
                }
            }
        }
        boolean outOfRange = values.entrySet().stream().anyMatch(v -> {
            Optional<Parameter> p = ParameterCatalog.find(point.type(), v.getKey());
            return p.isPresent() && !p.get().inRange(v.getValue());
        });
        boolean tooFarAhead = wallNow != null && stamp.isAfter(wallNow.plus(MAX_CLOCK_SKEW));
        // the service checks the timestamp before the values
        String reason = tooFarAhead ? "bad_timestamp" : outOfRange ? "out_of_range" : null;
        return Optional.of(new Shaped(new Reading(stamp, values, flags.isEmpty() ? null : flags, reading.seq()), reason));
    }

    private static double rampedFactor(Effect e, Duration t) {
        if (e.ramp().isZero()) {
            return e.factor();
        }
        double progress = Math.min(1.0, (double) t.minus(e.from()).toMillis() / e.ramp().toMillis());
        return 1 + (e.factor() - 1) * progress;
    }

    /** The outlet's permit limit × factor, with ±3 % deterministic wobble; stacks with a reference O2 are
     *  converted back from the reference so the service's converted hourly mean lands on the ratio. */
    private void limitRatio(Effect e, Map<String, Double> values, Instant ts) {
        if (outlet == null || !outlet.limits().containsKey(e.parameter()) || !values.containsKey(e.parameter())) {
            // not an outlet's limited parameter, or not measured in this reading (between two analyser samples)
            return;
        }
        Limit limit = outlet.limits().get(e.parameter());
        double target = limit.max() * e.factor() * (1 + 0.03 * Math.sin(ts.getEpochSecond() / 600.0));
        Double o2 = values.get("o2");
        if (outlet.conversionO2() != null && o2 != null && o2 < 20) {
            target = target * (21 - o2) / (21 - outlet.conversionO2());
        }
        values.put(e.parameter(), round(target));
    }

    /** The stack's concentrations in more air: O2 up to {@code value}, flow × {@code factor}. */
    private static void dilute(Effect e, Map<String, Double> values) {
        Double o2 = values.get("o2");
        if (o2 == null || o2 >= e.value()) {
            return;
        }
        double dilution = (21 - e.value()) / (21 - o2);
        for (String p : CONCENTRATIONS) {
            values.computeIfPresent(p, (k, v) -> round(v * dilution));
        }
        values.put("o2", round(e.value()));
        values.computeIfPresent("flow", (k, v) -> round(v * e.factor()));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
