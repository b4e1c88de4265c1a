package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertState;

/**
 * What a rule saw in one observation, kept to word the alert only when an event is actually made (most
 * observations never become events).
 */
public interface AlertWording {

    /** The message of an event in {@code state} caused by this observation. */
    BilingualText text(AlertState state);

    /** The event's {@code window} when it depends on the observation; {@code null} for the series' window. */
    default String window() {
        return null;
    }
}
