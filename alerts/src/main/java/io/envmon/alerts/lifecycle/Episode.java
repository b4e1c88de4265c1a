package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;
import java.util.List;

/**
 * One alert of a key as the replay sees it: its ID, when it started and its transitions inside the replayed range
 * (none for a carried alert that nothing changed).
 *
 * @param carried true when it began before the range (taken from the book)
 */
public record Episode(AlertKey key, String id, Instant startedAt, boolean carried, List<Transition> transitions,
                      AlertState state, Severity severity, int rank) {

    public Episode {
        transitions = List.copyOf(transitions);
    }

    public boolean isResolved() {
        return state == AlertState.RESOLVED;
    }
}
