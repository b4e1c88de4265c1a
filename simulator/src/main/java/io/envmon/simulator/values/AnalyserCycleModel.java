package io.envmon.simulator.values;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a point's analysers report when some of them are slow: a wet-chemistry parameter (COD, NH3-N, TP, TN...)
 * only in the first reading of each of its cycles, the others in every reading. Cycles are aligned on the epoch, so a
 * 4-h analyser reports at 08:00, 12:00, 16:00 ... Beijing time. Between two samples the real device sends nothing for
 * the parameter, which is what the service must judge (docs/alerts.md, analyser cycles).
 *
 * <p>One per point, called in time order; not thread-safe.
 */
public final class AnalyserCycleModel implements ValueModel {

    private final ValueModel values;
    private final Map<String, Long> cycleSeconds = new LinkedHashMap<>();
    private final Map<String, Long> lastCycle = new HashMap<>();

    /** @param cycles per parameter, its analyser's cycle (parameters not named report in every reading) */
    public AnalyserCycleModel(ValueModel values, Map<String, Duration> cycles) {
        this.values = values;
        cycles.forEach((p, d) -> cycleSeconds.put(p, Math.max(1, d.toSeconds())));
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        Map<String, Double> all = values.valuesAt(ts);
        if (cycleSeconds.isEmpty()) {
            return all;
        }
        Map<String, Double> out = new LinkedHashMap<>(all);
        cycleSeconds.forEach((parameter, seconds) -> {
            long cycle = Math.floorDiv(ts.getEpochSecond(), seconds);
            Long last = lastCycle.get(parameter);
            if (last != null && last == cycle) {
                out.remove(parameter);
            } else if (out.containsKey(parameter)) {
                lastCycle.put(parameter, cycle);
            }
        });
        return out;
    }
}
