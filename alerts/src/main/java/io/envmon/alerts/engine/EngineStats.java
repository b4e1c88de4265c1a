package io.envmon.alerts.engine;

import java.util.Map;

/**
 * Counters since the engine was created, for {@code /metrics}.
 *
 * @param accepted          readings that changed a window
 * @param duplicates        readings identical to what the window had (redeliveries)
 * @param ignoredParameters values of parameters the point type does not have
 * @param skipped           skipped readings by reason code ({@code too_old}, {@code unknown_point})
 * @param faults            rule faults by rule ID
 * @param points            points with a window
 * @param retainedReadings  readings (timestamps) held in all windows
 * @param openAlerts        alerts open now
 */
public record EngineStats(long accepted, long duplicates, long ignoredParameters, Map<String, Long> skipped,
                          Map<String, Long> faults, int points, long retainedReadings, int openAlerts) {

    public EngineStats {
        skipped = Map.copyOf(skipped);
        faults = Map.copyOf(faults);
    }
}
