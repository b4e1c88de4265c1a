package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * The open alerts the API serves: this instance's {@link AlertBoard}, or in a cluster every instance's
 * (docs/scale-out.md#the-api-in-a-cluster).
 */
public interface OpenAlerts {

    /** The open and escalated alerts, newest first, and which instances did not answer (none for one instance). */
    Future<Answer> openAlerts();

    /**
     * @param alerts     newest first
     * @param unanswered the members whose alerts are missing from {@code alerts} (they did not answer in time)
     */
    record Answer(List<AlertEvent> alerts, List<String> unanswered) {

        public Answer {
            alerts = List.copyOf(alerts);
            unanswered = List.copyOf(unanswered);
        }
    }
}
