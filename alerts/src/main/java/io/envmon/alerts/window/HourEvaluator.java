package io.envmon.alerts.window;

import io.envmon.alerts.air.HourlyMeanCalculator;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.emission.O2Corrected;
import io.envmon.alerts.emission.OxygenCorrection;
import io.envmon.alerts.emission.SampleFilter;
import io.envmon.model.PointType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one hour of a point's readings into its {@link HourRecord}, with the standards layer:
 * <ul>
 *   <li>samples of each parameter as {@link SampleFilter} picks them, leaving out every flag not in {@code validFlags} (S, F, M,
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
    private final HourFactsCollector facts = new HourFactsCollector();
    /** Scratch buffers for one column of one hour (the evaluator belongs to one engine, one thread). */
    private double[] samples = new double[64];
    private long[] times = new long[64];

    public HourEvaluator(Set<String> validFlags) {
        this.validFlags = Set.copyOf(validFlags);
    }

    /**
     * Evaluates the rows of {@code window} stamped in {@code [hourStart, hourStart + 1 h)}, column by column (no
     * per-reading objects): the same samples, coverage and means as {@link SampleFilter} and
     * {@link HourlyMeanCalculator} give, in the same order.
     *
     * @param sampleSpan  per parameter, how long one sample stands for: the point's expected reporting interval, or
     *                    the parameter's analyser cycle when longer (capped at 1 h for the coverage rule: one
     *                    sample of an analyser measuring every 4 h makes a valid hour)
     * @param basis       the outlet's O2 basis (reference O2 or excess-air coefficient), or {@code null}
     * @param o2          the O2 correction with the outlet's suppression threshold
     * @return the hour's record, or {@code null} when the window has no row in the hour
     */
    public HourRecord evaluate(PointType type, Instant hourStart, SampleWindow window,
                               Function<String, Duration> sampleSpan, O2Basis basis, OxygenCorrection o2) {
        return evaluate(type, hourStart, window, sampleSpan, basis, o2, null);
    }

    /**
     * As {@link #evaluate(PointType, Instant, SampleWindow, Function, O2Basis, OxygenCorrection)}, with the hour's
     * {@link HourFacts} for the integrity rules when {@code maintenanceFlags} is given (enterprise outlets).
     *
     * @param maintenanceFlags the letters counted as maintenance or calibration, or {@code null}: no facts
     */
    public HourRecord evaluate(PointType type, Instant hourStart, SampleWindow window,
                               Function<String, Duration> sampleSpan, O2Basis basis, OxygenCorrection o2,
                               Set<Character> maintenanceFlags) {
        int from = window.from(hourStart);
        int to = window.from(hourStart.plus(HOUR));
        if (from >= to) {
            return null;
        }
        long start = hourStart.toEpochMilli();
        Map<String, Double> means = new HashMap<>();
        List<String> parameters = window.parameters();
        for (int col = 0; col < parameters.size(); col++) {
            long stepMs = stepMillis(sampleSpan.apply(parameters.get(col)));
            int n = 0;
            for (int row = from; row < to; row++) {
                if (window.has(col, row) && valid(window.flag(col, row))) {
                    times[n] = window.millis(row);
                    samples[n++] = window.value(col, row);
                    if (n == samples.length) {
                        grow();
                    }
                }
            }
            if (n > 0 && covered(n, start, stepMs)) {
                means.put(parameters.get(col), round(average(n)));
            }
        }
        Map<String, Double> corrected = new HashMap<>();
        Set<String> suppressed = new HashSet<>();
        int o2col = window.indexOf("o2");
        if (type == PointType.STACK && basis != null && o2col >= 0) {
            for (int col = 0; col < parameters.size(); col++) {
                if (CONCENTRATIONS.contains(parameters.get(col))) {
                    correct(window, col, o2col, from, to, start, stepMillis(sampleSpan.apply(parameters.get(col))),
                            basis, o2, corrected, suppressed);
                }
            }
        }
        HourFacts hourFacts = maintenanceFlags == null ? HourFacts.NONE
                : facts.collect(window, from, to, maintenanceFlags, basis, o2);
        return new HourRecord(hourStart, means, corrected, suppressed, hourFacts);
    }

    private static long stepMillis(Duration span) {
        return (span.compareTo(HOUR) > 0 ? HOUR : span).toMillis();
    }

    private boolean valid(char flag) {
        return flag == 'N' || validFlags.contains(String.valueOf(flag));
    }

    /** GB 3095 Table 4 coverage ({@link HourlyMeanCalculator#covered}) of the {@code n} samples gathered. */
    private boolean covered(int n, long hourStart, long stepMs) {
        for (int i = 0; i < n; i++) {
            times[i] -= hourStart;
        }
        return HourlyMeanCalculator.isValid(Duration.ofMillis(
                HourlyMeanCalculator.covered(times, n, stepMs, HOUR.toMillis())));
    }

    /** The mean as {@code DoubleStream.average()} computes it (compensated summation), in time order. */
    private double average(int n) {
        return Arrays.stream(samples, 0, n).average().orElseThrow();
    }

    private void grow() {
        samples = Arrays.copyOf(samples, samples.length * 2);
        times = Arrays.copyOf(times, times.length * 2);
    }

    static double round(double mean) {
        return java.math.BigDecimal.valueOf(mean).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private void correct(SampleWindow window, int col, int o2col, int from, int to, long start, long stepMs,
                         O2Basis basis, OxygenCorrection o2, Map<String, Double> corrected,
                         Set<String> suppressed) {
        int n = 0;
        int suppressedSamples = 0;
        for (int row = from; row < to; row++) {
            if (!window.has(col, row) || !window.has(o2col, row) || !valid(window.flag(col, row))
                    || !valid(window.flag(o2col, row))) {
                continue;
            }
            O2Corrected result = o2.convert(window.value(col, row), window.value(o2col, row), basis);
            if (result.suppressed()) {
                suppressedSamples++;
            } else {
                times[n] = window.millis(row);
                samples[n++] = result.judgedValue().getAsDouble();
                if (n == samples.length) {
                    grow();
                }
            }
        }
        String p = window.parameters().get(col);
        if (n > 0 && covered(n, start, stepMs)) {
            corrected.put(p, round(average(n)));
        } else if (suppressedSamples > 0) {
            suppressed.add(p);
        }
    }
}
