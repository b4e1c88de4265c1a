package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.PointType;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule {@code integrity_impossible_combination}: an outlet's hourly flow and the concentrations of its limited
 * pollutants contradict each other: a concentration with no flow, or no concentration while the plant runs.
 *
 * @param audience          {@code bureau}: the bureau only (default); {@code enterprise}: shared with it
 * @param zeroFlowAtOrBelow    per outlet type ({@code stack}, {@code wastewater}), m³/h: an hourly flow at or below
 *                             it is no flow
 * @param runningFlowAbove     per outlet type, m³/h: an hourly flow above it is a plant running
 * @param positiveShareOfLimit a concentration counts as present at or above this share of its permit limit (so
 *                             an analyser's zero drift with the fan off does not count)
 * @param zeroAtOrBelow        a concentration (hourly mean, mg/m³ or mg/L) at or below it counts as zero
 * @param zeroHours            consecutive running hours with a zero concentration needed
 * @param historyHours         a zero concentration is judged only when the same pollutant was present (at or
 *                             above {@code positiveShareOfLimit} of its limit) in at least one of the hours this far
 *                             back: SO2 below detection at a gas-fired boiler is its normal state, not a finding
 * @param clearAfterHours      consecutive hours without the contradiction that resolve it
 */
public record ImpossibleCombinationConfig(boolean enabled, Severity severity, String audience,
                                          Map<String, Double> zeroFlowAtOrBelow, Map<String, Double> runningFlowAbove,
                                          double positiveShareOfLimit, double zeroAtOrBelow, int zeroHours,
                                          int historyHours, int clearAfterHours) {

    /** The rule's ID, in events. */
    public static final String RULE = "integrity_impossible_combination";
    private static final String[] TYPES = {"stack", "wastewater"};

    public ImpossibleCombinationConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.audience("audience", audience);
        zeroFlowAtOrBelow = flows("zeroFlowAtOrBelow", zeroFlowAtOrBelow);
        runningFlowAbove = flows("runningFlowAbove", runningFlowAbove);
        for (String type : TYPES) {
            if (runningFlowAbove.get(type) <= zeroFlowAtOrBelow.get(type)) {
                throw new IllegalArgumentException("runningFlowAbove." + type + ": must be above zeroFlowAtOrBelow."
                        + type + " (" + ConfigChecks.plain(zeroFlowAtOrBelow.get(type)) + "), not "
                        + ConfigChecks.plain(runningFlowAbove.get(type)));
            }
        }
        ConfigChecks.share("positiveShareOfLimit", positiveShareOfLimit, 0, 1);
        if (!(zeroAtOrBelow >= 0) || Double.isInfinite(zeroAtOrBelow)) {
            throw new IllegalArgumentException("zeroAtOrBelow: must be ≥ 0, not " + zeroAtOrBelow);
        }
        ConfigChecks.between("zeroHours", zeroHours, 1, 48);
        ConfigChecks.between("historyHours", historyHours, 1, 168);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static ImpossibleCombinationConfig defaults() {
        return new ImpossibleCombinationConfig(true, Severity.WARNING, "bureau",
                Map.of("stack", 0.0, "wastewater", 0.0), Map.of("stack", 1000.0, "wastewater", 1.0),
                0.1, 0, 3, 48, 1);
    }

    /** How far before an observed hour the rule reads hourly records. */
    public int lookbackHours() {
        return historyHours + zeroHours;
    }

    /** The no-flow bound of an outlet type. */
    public double zeroFlowOf(PointType type) {
        return zeroFlowAtOrBelow.get(type.registryName());
    }

    /** The running bound of an outlet type. */
    public double runningFlowOf(PointType type) {
        return runningFlowAbove.get(type.registryName());
    }

    private static Map<String, Double> flows(String key, Map<String, Double> value) {
        Map<String, Double> m = ConfigChecks.map(key, value);
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (!e.getKey().equals(TYPES[0]) && !e.getKey().equals(TYPES[1])) {
                throw new IllegalArgumentException(key + "." + e.getKey() + ": not an outlet type (stack, wastewater)");
            }
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException(key + "." + e.getKey() + ": must be ≥ 0 m³/h, not "
                        + e.getValue());
            }
        }
        for (String type : TYPES) {
            if (!m.containsKey(type)) {
                throw new IllegalArgumentException(key + "." + type + ": is missing");
            }
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
