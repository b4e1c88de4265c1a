package io.envmon.alerts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of an alert (CONTRACT §5): {@code open} when raised, {@code escalated} once it got worse (its level
 * rose; the severity never falls within one alert), {@code resolved} when over. Acknowledgement is not a state:
 * it is the extension fields {@code acknowledgedBy}/{@code acknowledgedAt} of {@link AlertEvent}.
 */
public enum AlertState {
    OPEN,
    ESCALATED,
    RESOLVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static AlertState fromWire(String text) {
        if (text != null) {
            for (AlertState s : values()) {
                if (s.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("state '" + text + "' is not one of open, escalated, resolved");
    }
}
