package io.envmon.simulator.run;

import java.time.Duration;
import java.time.Instant;

/**
 * A validated {@code run}: what to simulate and how fast. Validation (and the error messages naming the
 * option) is the command line's; this record only holds the result.
 *
 * @param start    first simulated timestamp, or {@code null} for {@link StartTimeRule}
 * @param duration wall-clock length of the run, or {@code null}
 * @param count    readings per point, or {@code null}; at most one of duration and count is set
 * @param batch    readings per message (1 = single readings)
 * @param deviceBuffer what each device keeps while its connection is down
 * @param analyserCycles true: wet-chemistry parameters once per analyser cycle (the registry's
 *                     {@code analyserCycleSeconds}, else {@link io.envmon.model.AnalyserCycles}); false: every
 *                     parameter in every reading
 */
public record RunConfig(Duration interval, double speed, Instant start, Duration duration, Long count, long seed,
                        int batch, String topicRoot, boolean quiet, Duration progressEvery, Duration drainTimeout,
                        DeviceBuffer deviceBuffer, boolean analyserCycles) {

    /** With analyser cycles. */
    public RunConfig(Duration interval, double speed, Instant start, Duration duration, Long count, long seed,
                     int batch, String topicRoot, boolean quiet, Duration progressEvery, Duration drainTimeout,
                     DeviceBuffer deviceBuffer) {
        this(interval, speed, start, duration, count, seed, batch, topicRoot, quiet, progressEvery, drainTimeout,
                deviceBuffer, true);
    }

    /** With the default device buffer. */
    public RunConfig(Duration interval, double speed, Instant start, Duration duration, Long count, long seed,
                     int batch, String topicRoot, boolean quiet, Duration progressEvery, Duration drainTimeout) {
        this(interval, speed, start, duration, count, seed, batch, topicRoot, quiet, progressEvery, drainTimeout,
                DeviceBuffer.DEFAULT);
    }
}
