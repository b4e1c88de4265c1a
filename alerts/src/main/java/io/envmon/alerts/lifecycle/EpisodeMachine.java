package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert lifecycle of one key, as a pure function of its observations in step order:
 *
 * <ul>
 *   <li><b>open</b> after {@code raiseAfter} consecutive raising observations; {@code startedAt} is the
 *       {@code since} of the first of them, and the ID follows from it;</li>
 *   <li><b>escalated</b> at once when an observation's rank is higher than the alert's (severity is the higher
 *       of the two: it never falls within one alert, so a value wavering between two levels escalates once);</li>
 *   <li><b>resolved</b> after {@code clearAfter} consecutive {@link Observation#CLEAR} observations (the clear
 *       threshold lies below the raise threshold; {@link Observation#HOLD} in between resets the count);</li>
 *   <li>a gap larger than {@code maxGap} between steps resets both counts.</li>
 * </ul>
 *
 * Observations before {@code rangeStart} (the warm-up) cause no transition: they only set the counts as they stand
 * at the start of the range, i.e. the trailing runs of raises and of clears just before it. Those observations can
 * no longer change (their readings are gone), and whether an alert is open at the start comes from the book
 * ({@link OpenAtReplayStart}), so the counts are exactly what a replay of the whole history would have; a 36-hour clear
 * count works across a 26-hour replay.
 *
 * Because it is replayed over all observations of the range each time, the result depends on the data, not on the
 * order they arrived in: an out-of-order or redelivered reading gives the same episodes as in-order data.
 */
public final class EpisodeMachine {

    private EpisodeMachine() {
    }

    /** {@link #run(AlertKey, OpenAtReplayStart, List, MachineSettings, Instant)} without warm-up. */
    public static List<Episode> run(AlertKey key, OpenAtReplayStart carried, List<Observation> observations,
                                    MachineSettings settings) {
        return run(key, carried, observations, settings, null);
    }

    /**
     * @param carried    the alert open at {@code rangeStart}, or {@code null}
     * @param rangeStart observations stepped before it only warm the counts up; {@code null}: all are replayed
     * @return the episodes in the range, oldest first; the carried one first when given
     */
    public static List<Episode> run(AlertKey key, OpenAtReplayStart carried, List<Observation> observations,
                                    MachineSettings settings, Instant rangeStart) {
        List<Episode> out = new ArrayList<>();
        Builder current = carried == null ? null : new Builder(key, carried);
        List<Observation> raises = new ArrayList<>();
        int clears = 0;
        Instant previous = null;
        int first = 0;
        for (; first < observations.size() && rangeStart != null
                && observations.get(first).step().isBefore(rangeStart); first++) {
            Observation o = observations.get(first);
            if (previous != null && settings.maxGap() != null
                    && Duration.between(previous, o.step()).compareTo(settings.maxGap()) > 0) {
                raises.clear();
                clears = 0;
            }
            previous = o.step();
            if (o.raises()) {
                raises.add(o);
                clears = 0;
            } else if (o.rank() == Observation.CLEAR) {
                raises.clear();
                clears++;
            } else {
                raises.clear();
                clears = 0;
            }
        }
        if (current != null) {
            raises.clear();
        } else {
            clears = 0;
        }
        for (Observation o : observations.subList(first, observations.size())) {
            if (previous != null && settings.maxGap() != null
                    && Duration.between(previous, o.step()).compareTo(settings.maxGap()) > 0) {
                raises.clear();
                clears = 0;
            }
            previous = o.step();
            if (current == null) {
                if (!o.raises()) {
                    raises.clear();
                    continue;
                }
                raises.add(o);
                if (raises.size() >= settings.raiseAfter()) {
                    current = new Builder(key, raises.get(0).since());
                    current.add(new Transition(AlertState.OPEN, o.severity(), o.rank(), o));
                    raises.clear();
                    clears = 0;
                }
            } else if (o.raises()) {
                clears = 0;
                if (o.rank() > current.rank) {
                    current.add(new Transition(AlertState.ESCALATED, Severity.max(current.severity, o.severity()),
                            o.rank(), o));
                }
            } else if (o.rank() == Observation.CLEAR) {
                clears++;
                if (clears >= settings.clearAfter()) {
                    current.add(new Transition(AlertState.RESOLVED, current.severity, current.rank, o));
                    out.add(current.build());
                    current = null;
                    clears = 0;
                }
            } else {
                clears = 0;
            }
        }
        if (current != null) {
            out.add(current.build());
        }
        return out;
    }

    private static final class Builder {
        final AlertKey key;
        final String id;
        final Instant startedAt;
        final boolean carried;
        final List<Transition> transitions = new ArrayList<>();
        AlertState state;
        Severity severity;
        int rank;

        Builder(AlertKey key, OpenAtReplayStart c) {
            this.key = key;
            this.id = c.id();
            this.startedAt = c.startedAt();
            this.carried = true;
            this.state = c.state();
            this.severity = c.severity();
            this.rank = c.rank();
        }

        Builder(AlertKey key, Instant startedAt) {
            this.key = key;
            this.id = key.id(startedAt);
            this.startedAt = startedAt;
            this.carried = false;
        }

        void add(Transition t) {
            transitions.add(t);
            state = t.state();
            severity = t.severity();
            rank = t.rank();
        }

        Episode build() {
            return new Episode(key, id, startedAt, carried, transitions, state, severity, rank);
        }
    }
}
