package io.envmon.alerts.engine;

import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.rules.SiteInfo;
import io.envmon.alerts.rules.StreamRule;
import io.envmon.alerts.window.SampleWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One point's per-reading rules: a live tracker per {@link StreamRule} that has stepped over every row so far, a
 * checkpoint of each taken where the open hours begin, and the observations per alert key. An in-order row is one
 * step; a late or merged row in the open hours rewinds to the checkpoint and steps over the open rows again (about
 * an hour of rows); a late row in a closed hour is the engine's reload, which starts the trackers afresh.
 */
final class Streams {

    private static final StreamRule.Observer DISCARD = (key, o) -> { };

    private final SiteInfo site;
    private final RuleSet rules;
    private final List<StreamRule> streamRules;
    private final List<String> columns;
    private List<StreamRule.Tracker> live;
    private List<StreamRule.Tracker> checkpoint;
    /** The rows before this are in the checkpoint; {@code null}: none. */
    private Instant checkpointAt;
    /** The newest row the live trackers stepped over. */
    private Instant stepped;
    /** Rows came in older than {@link #stepped} (or merged into it): the live trackers must step again. */
    private boolean rewindPending;
    private final Map<AlertKey, List<Observation>> logs = new LinkedHashMap<>();
    private final Set<AlertKey> changed = new LinkedHashSet<>();
    private final StreamRule.Observer record = (key, o) -> {
        logs.computeIfAbsent(key, k -> new ArrayList<>(2)).add(o);
        changed.add(key);
    };

    Streams(SiteInfo site, RuleSet rules, List<StreamRule> all, List<String> columns) {
        this.site = site;
        this.rules = rules;
        this.streamRules = all.stream().filter(r -> r.appliesTo(site, rules)).toList();
        this.columns = columns;
        reset();
    }

    /** Fresh trackers: nothing stepped, no observations. */
    void reset() {
        live = new ArrayList<>(streamRules.size());
        checkpoint = new ArrayList<>(streamRules.size());
        for (StreamRule r : streamRules) {
            live.add(r.start(site, rules, columns));
            checkpoint.add(r.start(site, rules, columns));
        }
        checkpointAt = null;
        stepped = null;
        rewindPending = false;
        changed.addAll(logs.keySet());
        logs.clear();
    }

    /**
     * Takes row {@code row} of the window in: one step when it is the newest. An older or merged row marks a rewind,
     * done once when the stream is in order again ({@link #settle}): a burst of corrections costs one rewind, not
     * one per reading.
     */
    void take(SampleWindow window, int row) {
        Instant ts = window.ts(row);
        if (stepped == null || ts.isAfter(stepped)) {
            if (rewindPending) {
                settle(window);
                return;
            }
            for (StreamRule.Tracker t : live) {
                t.step(ts, window, row, record);
            }
            stepped = ts;
        } else {
            rewindPending = true;
        }
    }

    /** Does a pending rewind (the engine calls it on the next in-order reading, at a tick and before closing). */
    void settle(SampleWindow window) {
        if (rewindPending) {
            rewindPending = false;
            rewind(window);
        }
    }

    /** Back to the checkpoint, then over every row of the window again. */
    void rewind(SampleWindow window) {
        live = copies(checkpoint);
        for (Map.Entry<AlertKey, List<Observation>> e : logs.entrySet()) {
            if (e.getValue().removeIf(o -> checkpointAt == null || !o.step().isBefore(checkpointAt))) {
                changed.add(e.getKey());
            }
        }
        stepped = null;
        for (int row = 0; row < window.size(); row++) {
            Instant ts = window.ts(row);
            for (StreamRule.Tracker t : live) {
                t.step(ts, window, row, record);
            }
            stepped = ts;
        }
    }

    /** Moves the checkpoint to {@code closedUpTo}, before the window's rows older than it are dropped. */
    void advanceCheckpoint(SampleWindow window, Instant closedUpTo) {
        settle(window);
        int n = window.from(closedUpTo);
        if (n == window.size()) {
            checkpoint = copies(live);
        } else {
            for (int row = 0; row < n; row++) {
                Instant ts = window.ts(row);
                for (StreamRule.Tracker t : checkpoint) {
                    t.step(ts, window, row, DISCARD);
                }
            }
        }
        checkpointAt = closedUpTo;
    }

    /** Forgets observations before {@code horizon}: the lifecycle carries what they opened from the book. */
    void prune(Instant horizon) {
        for (List<Observation> log : logs.values()) {
            if (!log.isEmpty() && log.get(0).step().isBefore(horizon)) {
                log.removeIf(o -> o.step().isBefore(horizon));
            }
        }
    }

    List<StreamRule> rules() {
        return streamRules;
    }

    boolean hasChanged() {
        return !changed.isEmpty();
    }

    /** The keys whose observations changed since the last call (a set the caller may add to), and forgets them. */
    Set<AlertKey> drainChanged() {
        Set<AlertKey> out = new LinkedHashSet<>(changed);
        changed.clear();
        return out;
    }

    /** Every key with observations. */
    Set<AlertKey> keys() {
        return logs.keySet();
    }

    List<Observation> observations(AlertKey key) {
        return logs.getOrDefault(key, List.of());
    }

    private static List<StreamRule.Tracker> copies(List<StreamRule.Tracker> trackers) {
        List<StreamRule.Tracker> out = new ArrayList<>(trackers.size());
        for (StreamRule.Tracker t : trackers) {
            out.add(t.copy());
        }
        return out;
    }
}
