package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import java.util.Objects;

/**
 * Whose alerts a webhook receives. This is the access rule, applied before any filter: an enterprise webhook
 * can never receive an alert of another enterprise, nor an air or water alert, nor an alert for the bureau only
 * (the data-integrity rules by default), whatever its filters say.
 */
public sealed interface WebhookAudience permits WebhookAudience.Bureau, WebhookAudience.Enterprise {

    /** Whether an event of this audience may be sent to this webhook at all. */
    boolean mayReceive(AlertEvent event);

    /**
     * As {@link #mayReceive(AlertEvent)}, for an event that may be for the bureau only (the integrity
     * rules by default, docs/webhooks.md#who-receives-what; {@code AlertEngine.bureauOnly}): an enterprise never receives such an event, even its own.
     */
    default boolean mayReceive(AlertEvent event, boolean bureauOnly) {
        return !(bureauOnly && this instanceof Enterprise) && mayReceive(event);
    }

    /** The bureau: every event (air, water, enterprise and the district tracker). */
    record Bureau() implements WebhookAudience {
        @Override
        public boolean mayReceive(AlertEvent event) {
            return true;
        }

        @Override
        public String toString() {
            return "bureau";
        }
    }

    /** One enterprise: only events of kind {@code enterprise} whose site is exactly this enterprise's ID. */
    record Enterprise(String id) implements WebhookAudience {
        public Enterprise {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("enterprise ID is blank");
            }
        }

        @Override
        public boolean mayReceive(AlertEvent event) {
            // exact, case-sensitive match: registry IDs are exact and "e001" is not "E001"
            return "enterprise".equals(event.kind()) && id.equals(event.site());
        }

        @Override
        public String toString() {
            return "enterprise " + id;
        }
    }
}
