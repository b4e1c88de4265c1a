package io.envmon.alerts.window;

import io.envmon.alerts.air.HourlyMeanCalculator;
import io.envmon.alerts.emission.O2Corrected;
import io.envmon.alerts.emission.OxygenCorrection;
import io.envmon.alerts.emission.SampleFilter;
import io.envmon.alerts.series.TimedValue;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one hour of a point's readings into its {@link HourRecord}, with the standards layer:
 * <ul>
 *   <li>samples of each parameter by {@link SampleFilter}, leaving out every flag not in {@code validFlags} (F, M,
 *       D, C, B and unknown letters by default: a calibration gas is not an emission, a stopped source emits
 *       nothing);</li>
 *   <li>1-h means by {@link HourlyMeanCalculator}: valid with ≥ 45 minutes of sampling (GB 3095 Table 4), each
 *       sample standing for the point's expected interval; applied to every kind (HJ 75 has a similar rule for
 *       CEMS, not verified in standards.md);</li>
 *   <li>stacks with a reference O2: each sample converted by {@link OxygenCorrection} with the O2 of the same
 *       reading, samples at O2 ≥ the suppression threshold left out, then the same 1-h mean rule.</li>
 * </ul>
 * Means are rounded to {@value #DECIMALS} decimals (half even, in decimal): far below any analyser's resolution,
 * and it keeps binary noise (120 × 12 / 9 = 160.00000000000003) from deciding a threshold (exactly 80 % of 200).
 */
public final class HourEvaluator {

    /** The stack parameters that are concentrations, converted to the reference O2. */
    public static final Set<String> CONCENTRATIONS = Set.of("particulate", "so2", "nox", "nmhc");

    /** Decimals kept in hourly means. */
    public static final int DECIMALS = 4;

    private static final Duration HOUR = Duration.ofHours(1);

    private final Set<String> validFlags;

    public HourEvaluator(Set<String> validFlags) {
        this.validFlags = Set.copyOf(validFlags);
    }

    /**
     * @param interval    the point's expected reporting interval (capped at 1 h for the coverage rule)
     * @param referenceO2 the outlet's reference O2 %, or {@code null}
     * @param o2          the O2 correction with the configured suppression threshold
     */
    public HourRecord evaluate(PointType type, Instant hourStart, List<Reading> readings, List<String> parameters,
                               Duration interval, Double referenceO2, OxygenCorrection o2) {
        Duration step = interval.compareTo(HOUR) > 0 ? HOUR : interval;
        Set<String> excluded = new HashSet<>();
        readings.forEach(r -> r.flags().values().stream().filter(f -> !validFlags.contains(f)).forEach(excluded::add));
        Map<String, Double> means = new HashMap<>();
        for (String p : parameters) {
            List<TimedValue> samples = SampleFilter.samples(readings, p, excluded);
            if (!samples.isEmpty()) {
                HourlyMeanCalculator.mean(samples, hourStart, step).ifPresent(m -> means.put(p, round(m)));
            }
        }
        Map<String, Double> corrected = new HashMap<>();
        Set<String> suppressed = new HashSet<>();
        if (type == PointType.STACK && referenceO2 != null) {
            for (String p : parameters) {
                if (CONCENTRATIONS.contains(p)) {
                    correct(p, hourStart, readings, excluded, step, referenceO2, o2, corrected, suppressed);
                }
            }
        }
        return new HourRecord(hourStart, means, corrected, suppressed);
    }

    static double round(double mean) {
        return java.math.BigDecimal.valueOf(mean).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void correct(String p, Instant hourStart, List<Reading> readings, Set<String> excluded,
                                Duration step, double referenceO2, OxygenCorrection o2,
                                Map<String, Double> corrected, Set<String> suppressed) {
        List<TimedValue> converted = new ArrayList<>();
        int suppressedSamples = 0;
        for (Reading r : readings) {
            Double c = r.values().get(p);
            Double ox = r.values().get("o2");
            if (c == null || ox == null || excluded.contains(r.flagOf(p)) || excluded.contains(r.flagOf("o2"))) {
                continue;
            }
            O2Corrected result = o2.correct(c, ox, referenceO2);
            if (result.suppressed()) {
                suppressedSamples++;
            } else {
                converted.add(new TimedValue(r.ts(), result.judgedValue().getAsDouble()));
            }
        }
        Optional<Double> mean = converted.isEmpty() ? Optional.empty()
                : HourlyMeanCalculator.mean(converted, hourStart, step);
        if (mean.isPresent()) {
            corrected.put(p, round(mean.get()));
        } else if (suppressedSamples > 0) {
            suppressed.add(p);
        }
    }
}
