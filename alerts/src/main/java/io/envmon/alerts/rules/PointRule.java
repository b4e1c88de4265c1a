package io.envmon.alerts.rules;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.ObservationSeries;
import java.util.List;

/**
 * A rule about one point, as a pure decision: from what the point's data are (a {@link PointView}) to
 * observations per alert key. The lifecycle (minimum duration, hysteresis, IDs) and what is published are the
 * engine's. Rules hold no state; the engine isolates a rule that throws and counts the fault.
 */
public interface PointRule {

    /** When the engine re-runs a rule. */
    enum Cadence {
        /** When an hour of the point is closed or re-evaluated; per-reading rules are {@link StreamRule}s. */
        HOURLY
    }

    /** The rule's ID, in events and the {@code alert} measurement: {@code pm25_1h_aqi}, … */
    String id();

    /** When the engine re-runs the rule: hourly (the only cadence of a {@code PointRule}). */
    default Cadence cadence() {
        return Cadence.HOURLY;
    }

    /** True when the rule applies to this point (kind, type, enabled in its rules). */
    boolean appliesTo(PointView view);

    /** The alert keys the rule observes at this point (the engine adds those with alerts in the book). */
    List<AlertKey> keys(PointView view);

    /** The observations of one key over the replayed range. */
    ObservationSeries observe(PointView view, AlertKey key);

    /** The level (observation rank) of an alert, read back from its last event, for restarts. */
    int rankOf(AlertEvent event, PointView view);
}
