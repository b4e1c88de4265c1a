package io.envmon.alerts.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who may see a rule's alerts (issue 17). {@link #BUREAU}: the bureau only, never the enterprise the alert is
 * about (its API scope, its webhooks, its alert topic); {@link #ENTERPRISE}: the bureau and that enterprise, as
 * every alert was before. The engine does not use it: the service that publishes and delivers the events does
 * ({@link AlertRulesConfig#bureauOnly}).
 */
public enum Audience {
    BUREAU,
    ENTERPRISE;

    /** {@code bureau}, {@code enterprise}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static Audience fromWire(String text) {
        if (text != null) {
            for (Audience a : values()) {
                if (a.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("audience '" + text + "' is not one of bureau, enterprise");
    }
}
