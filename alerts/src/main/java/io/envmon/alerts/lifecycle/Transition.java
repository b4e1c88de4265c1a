package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;

/** One change of an alert: opened, escalated or resolved at {@code cause.at()}, because of {@code cause}. */
public record Transition(AlertState state, Severity severity, int rank, Observation cause) {
}
