package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import io.vertx.core.Future;
import java.util.Optional;

/** The one thing the API asks of the alert runtime (the bureau's acknowledgement); {@link AlertVerticle} answers. */
@FunctionalInterface
public interface AlertAcknowledger {

    /**
     * Acknowledges an open alert, from any thread; the result comes back on the caller's context.
     *
     * @return the acknowledged event, or empty when no open alert has that ID; failed with
     *         {@link IllegalArgumentException} when {@code by} names no one
     */
    Future<Optional<AlertEvent>> acknowledge(String id, String by);
}
