package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One judgement of a rule for one alert key at one step: the condition is met at some level (a {@code rank} ≥ 1),
 * clearly over ({@link #CLEAR}), or in between ({@link #HOLD}: the hysteresis band, or nothing can be said).
 *
 * @param step      the step's time, which orders observations: the hour's start for hourly rules, the reading's
 *                  time for per-reading rules
 * @param at        the event time of an event caused here: the hour's end (when the hourly mean is known), or the
 *                  reading's time
 * @param since     when the condition began, for an alert opened here: the hour's start, or the first reading of
 *                  a run; it becomes the alert's {@code startedAt} and so its ID
 * @param rank      ≥ 1: met, at this level (higher is worse: AQI category, water class, early warning &lt;
 *                  exceeded, yellow &lt; orange &lt; red); {@link #CLEAR} or {@link #HOLD} otherwise
 * @param severity  the severity at this level (only for rank ≥ 1)
 * @param value     the value judged, for the event
 * @param threshold the threshold it was judged against, for the event
 * @param detail    how to word an event caused here
 */
public record Observation(Instant step, Instant at, Instant since, int rank, Severity severity, Double value,
                          Double threshold, AlertWording detail) {

    /** The condition is clearly over (past the hysteresis margin). */
    public static final int CLEAR = 0;
    /** Neither met nor clearly over: keeps the current state and breaks runs of raises or clears. */
    public static final int HOLD = -1;

    public Observation {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        if (rank >= 1) {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(severity, "severity");
        } else if (rank != CLEAR && rank != HOLD) {
            throw new IllegalArgumentException("rank must be ≥ 1, CLEAR or HOLD, not " + rank);
        }
    }

    public static Observation raise(Instant step, Instant at, Instant since, int rank, Severity severity, Double value,
                                    Double threshold, AlertWording detail) {
        if (rank < 1) {
            throw new IllegalArgumentException("a raise has rank ≥ 1, not " + rank);
        }
        return new Observation(step, at, since, rank, severity, value, threshold, detail);
    }

    public static Observation clear(Instant step, Instant at, Double value, Double threshold, AlertWording detail) {
        return new Observation(step, at, null, CLEAR, null, value, threshold, detail);
    }

    public static Observation hold(Instant step, Instant at, Double value, Double threshold, AlertWording detail) {
        return new Observation(step, at, null, HOLD, null, value, threshold, detail);
    }

    public boolean raises() {
        return rank >= 1;
    }
}
