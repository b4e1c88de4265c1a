package io.envmon.alerts.engine;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The engine's counters, and the recording of skips and faults into an {@link Output}. */
final class Counters {

    long accepted;
    long duplicates;
    long ignoredParameters;
    final Map<String, Long> skipped = new TreeMap<>();
    final Map<String, Long> faults = new TreeMap<>();

    void skip(Output out, MonitoredPoint point, Instant ts, SkippedReading.Reason reason) {
        out.skipped.add(new SkippedReading(point, ts, reason));
        skipped.merge(reason.code(), 1L, Long::sum);
    }

    void fault(Output out, String rule, String about, RuntimeException e) {
        out.faults.add(new RuleFault(rule, about, e.getClass().getSimpleName() + ": " + e.getMessage()));
        faults.merge(rule, 1L, Long::sum);
    }
}
