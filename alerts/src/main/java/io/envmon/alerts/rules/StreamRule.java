package io.envmon.alerts.rules;

import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.window.SampleWindow;
import java.time.Instant;
import java.util.List;

/**
 * A rule judged reading by reading, as the readings stream in event-time order ({@code flatline},
 * {@code flag_fault}, {@code flag_maintenance}): a small {@link Tracker} per point steps over each row once, in O(1)
 * per parameter, and reports an {@link Observation} only when something starts or ends. The engine keeps those
 * observations per alert key and runs the lifecycle over them; to take a late reading in, it rewinds a tracker to a
 * copy taken at the start of the open hours and steps over their rows again.
 */
public interface StreamRule {

    /** The rule's ID, in events and the {@code alert} measurement. */
    String id();

    /** True when the rule applies to a point with these rules. */
    boolean appliesTo(SiteInfo site, RuleSet rules);

    /** A tracker in its initial state: nothing seen yet. */
    Tracker start(SiteInfo site, RuleSet rules, List<String> columns);

    /** The series the lifecycle runs over for one key: the key's observations and how to word its events. */
    ObservationSeries series(SiteInfo site, RuleSet rules, AlertKey key, List<Observation> observations);

    /** Receives what a tracker observed. */
    @FunctionalInterface
    interface Observer {
        void observe(AlertKey key, Observation observation);
    }

    /** A rule's state at one point: what it needs of the rows seen so far, nothing more. */
    interface Tracker {
        /** Steps over row {@code row} of {@code window} (later than every row stepped before). */
        void step(Instant ts, SampleWindow window, int row, Observer out);

        /** An independent copy (the checkpoint a rewind starts from). */
        Tracker copy();
    }
}
