package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;

/**
 * An alert that was open when the replayed range begins (it started before it): the state the replay starts from.
 * It comes from the alert book, i.e. from what was published, so a restart and normal operation agree.
 */
public record OpenAtReplayStart(String id, Instant startedAt, AlertState state, Severity severity, int rank) {
}
