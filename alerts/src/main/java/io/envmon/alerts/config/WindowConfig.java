package io.envmon.alerts.config;

import io.envmon.alerts.emission.SampleFilter;
import io.envmon.model.AnalyserCycles;
import io.envmon.model.DataFlag;
import io.envmon.model.Durations;
import io.envmon.model.PointType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How readings are kept and averaged.
 *
 * @param retainHours      readings are kept this many hours back from the newest reading of their point (rounded
 *                         down to the hour); older readings are ignored with reason {@code too_old}. Late readings
 *                         inside it re-evaluate their hour. Hourly means are kept 96 h longer for the 24-h and
 *                         district rules.
 * @param hourCloseGrace   hour H of a point is evaluated once a reading of that point stamped ≥ H + 1 h + grace
 *                         arrives, or, when the point has been quiet for the grace, on the first tick at
 *                         ≥ H + 1 h + grace
 * @param validFlags       HJ 212 flags whose values enter means ({@link SampleFilter}): N normal and T over range (a
 *                         lower bound of the truth) by default; N always counts. S (a value set by hand, not a
 *                         measurement), F, M, D, C, B and unknown letters are left out unless listed. The flat-line
 *                         rule looks at N only.
 * @param expectedInterval per point type ({@code air}, {@code water}, {@code stack}, {@code wastewater}): how often
 *                         a monitor reports when the registry has no {@code expectedIntervalSeconds}; used for the
 *                         ≥ 45-minute rule of hourly means and by the offline rule
 * @param analyserCycle    per point type, parameter → the analyser's measuring cycle where it is longer than the
 *                         reporting interval (wet chemistry: an automatic water station's CODMn, NH3-N, TP and TN
 *                         every 4 h, an outlet's COD, NH3-N, TP and TN every 2 h); the registry's
 *                         {@code analyserCycleSeconds} overrides it per point. A sample stands for its cycle: one
 *                         sample makes a valid hour, and the hours between two samples are not judged (docs/alerts.md)
 */
public record WindowConfig(int retainHours, Duration hourCloseGrace, List<String> validFlags,
                           Map<String, Duration> expectedInterval, Map<String, Map<String, Duration>> analyserCycle) {

    /** Point types by their registry names, as keys of {@code expectedInterval}. */
    public static final List<String> POINT_TYPES = List.of("air", "water", "stack", "wastewater");

    public WindowConfig {
        ConfigChecks.between("retainHours", retainHours, 2, 24 * 7);
        ConfigChecks.present("hourCloseGrace", hourCloseGrace);
        if (hourCloseGrace.isNegative() || hourCloseGrace.compareTo(Duration.ofMinutes(59)) > 0) {
            throw new IllegalArgumentException("hourCloseGrace: must be between 0s and 59m, not "
                    + Durations.format(hourCloseGrace));
        }
        validFlags = ConfigChecks.list("validFlags", validFlags);
        for (String flag : validFlags) {
            if (!DataFlag.isKnown(flag)) {
                throw new IllegalArgumentException("validFlags: '" + flag + "' is not an HJ 212 flag (N, F, M, S, D, C, T, B)");
            }
        }
        expectedInterval = ConfigChecks.map("expectedInterval", expectedInterval);
        for (String type : POINT_TYPES) {
            ConfigChecks.positive("expectedInterval." + type, expectedInterval.get(type));
        }
        for (String key : expectedInterval.keySet()) {
            if (!POINT_TYPES.contains(key)) {
                throw new IllegalArgumentException("expectedInterval." + key + ": not a point type (" 
                        + String.join(", ", POINT_TYPES) + ")");
            }
        }
        Map<String, Duration> ordered = new LinkedHashMap<>();
        for (String type : POINT_TYPES) {
            ordered.put(type, expectedInterval.get(type));
        }
        expectedInterval = java.util.Collections.unmodifiableMap(ordered);
        analyserCycle = ConfigChecks.durationsByParameter("analyserCycle", analyserCycle, Duration.ofSeconds(1),
                Duration.ofDays(1));
    }

    public static WindowConfig defaults() {
        Duration minute = Duration.ofSeconds(60);
        return new WindowConfig(26, Duration.ofMinutes(5), SampleFilter.VALID_BY_DEFAULT,
                Map.of("air", minute, "water", minute, "stack", minute, "wastewater", minute),
                Map.of("water", AnalyserCycles.typical(PointType.WATER_SECTION),
                        "wastewater", AnalyserCycles.typical(PointType.WASTEWATER)));
    }

    /** The configured interval of a point type (before the registry's per-point override). */
    public Duration intervalOf(PointType type) {
        return expectedInterval.get(type.registryName());
    }
}
