package io.envmon.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One named scenario file (config/scenarios/{name}.yaml): value and behaviour effects over the normal value
 * models, raw messages to inject, and what the service should make of it ({@code expect}).
 */
public record Scenario(String name, String description, List<Effect> effects, List<Injection> injections,
                       Expectation expect) {

    public Scenario {
        effects = List.copyOf(effects);
        injections = List.copyOf(injections);
    }

    /** What an effect does to the readings of the points it selects. */
    public enum EffectType {
        /** multiply {@code parameter} by {@code factor} (ramped linearly over {@code ramp} from 1) */
        SCALE,
        /** set {@code parameter} to {@code factor} × the outlet's permit limit (noise ±3 %) */
        LIMIT_RATIO,
        /** set {@code parameter} to {@code value}; outside the physical range the reading is rejected */
        SET,
        /** repeat the first value of {@code parameter} in the window */
        FLATLINE,
        /** flag {@code parameter} with {@code flag} (M, C, D…) */
        FLAG,
        /** the point sends nothing */
        SILENCE,
        /** the device's clock is off by {@code offset}: its readings are stamped {@code ts + offset} */
        CLOCK_SKEW,
        /**
         * air let into a stack: O2 raised to {@code value} %, the flow × {@code factor}, the concentrations diluted
         * by {@code (21 − value) / (21 − O2)} (what the same emission measures in more air)
         */
        DILUTE,
        /** the point sends {@code source}'s values (another point of the same type) instead of its own */
        COPY
    }

    /**
     * One effect, active for simulated time {@code [runStart + from, runStart + to)}.
     *
     * @param kind   air, water or enterprise: every point of that kind (when {@code site} is null)
     * @param site   a station, section or enterprise ID
     * @param outlet the outlet of an enterprise (null: all its outlets)
     * @param times  for SET: only the first {@code times} readings in the window (0 = all)
     * @param offset for CLOCK_SKEW: how far the device's clock is ahead (negative: behind)
     * @param source for COPY: the point whose values are sent, as its label ({@code E011/DA001})
     */
    public record Effect(EffectType type, String kind, String site, String outlet, String parameter, double factor,
                         Double value, String flag, Duration from, Duration to, Duration ramp, int times,
                         Duration offset, String source) {

        public Effect(EffectType type, String kind, String site, String outlet, String parameter, double factor,
                      Double value, String flag, Duration from, Duration to, Duration ramp, int times,
                      Duration offset) {
            this(type, kind, site, outlet, parameter, factor, value, flag, from, to, ramp, times, offset, null);
        }
    }

    /**
     * A raw message sent once at simulated {@code runStart + at}. {@code topic} may use {@code {root}};
     * {@code payload} may use {@code {ts}} (the simulated time) and {@code {future}} (wall clock + 1 day).
     * {@code padBytes} > 0 appends a padding field of that many bytes (oversized payloads).
     */
    public record Injection(Duration at, String topic, String payload, int padBytes, String reason) {
    }

    /** An alert the scenario should cause; {@code minSpan}: only when the run covers at least that much. */
    public record ExpectedAlert(String kind, String site, String rule, String minSeverity, Duration minSpan,
                                boolean liveOnly) {
    }

    /** Rejections by reason (exact counts for a run covering the whole scenario) and alerts. */
    public record Expectation(Map<String, Long> rejections, List<ExpectedAlert> alerts) {
        public Expectation {
            rejections = Map.copyOf(rejections);
            alerts = List.copyOf(alerts);
        }
    }
}
